package dev.llmfallback;

import java.time.Duration;
import java.util.Objects;

/**
 * One provider call that failed, or one provider skipped, before the answer (or the final
 * error) of a request.
 *
 * @param provider the provider's configured name
 * @param model the model that was asked
 * @param kind what went wrong
 * @param status the HTTP status, or {@code null} when there was none
 * @param duration how long the attempt took
 * @param detail a short reason from the provider (error type or code), never prompt text
 * @param retryAfter how long the provider asked to wait before trying it again, or for a
 * skipped provider how long until it may be called again (an open breaker, a rate limit);
 * {@code null} when that is not known
 */
public record Attempt(String provider, String model, ErrorKind kind, Integer status, Duration duration, String detail,
		Duration retryAfter) {

	public Attempt {
		Objects.requireNonNull(provider, "Attempt.provider must not be null");
		Objects.requireNonNull(kind, "Attempt.kind must not be null");
		duration = Objects.requireNonNullElse(duration, Duration.ZERO);
		detail = Objects.requireNonNullElse(detail, "");
	}

	/**
	 * An attempt whose provider did not say how long to wait.
	 * @param provider the provider's configured name
	 * @param model the model that was asked
	 * @param kind what went wrong
	 * @param status the HTTP status, or {@code null} when there was none
	 * @param duration how long the attempt took
	 * @param detail a short reason from the provider (error type or code), never prompt
	 * text
	 */
	public Attempt(String provider, String model, ErrorKind kind, Integer status, Duration duration, String detail) {
		this(provider, model, kind, status, duration, detail, null);
	}

	/**
	 * The attempt an error of a provider call stands for.
	 * @param provider the provider's configured name
	 * @param model the model that was asked
	 * @param error the error
	 * @param duration how long the call took
	 * @return the attempt
	 */
	public static Attempt of(String provider, String model, LlmException error, Duration duration) {
		return new Attempt(provider, model, error.kind(), error.status(), duration, error.detail(), error.retryAfter());
	}

	@Override
	public String toString() {
		return this.provider + "(" + this.model + ") " + this.kind + ((this.status != null) ? " " + this.status : "")
				+ " after " + this.duration.toMillis() + " ms";
	}

}
