package dev.llmfallback;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one exception of the API: a classified failure of a provider call or, when every
 * path failed, of a whole request, then carrying every attempt. Messages never contain
 * API keys or prompt text.
 */
public class LlmException extends RuntimeException {

	private final ErrorKind kind;

	private final String provider;

	private final Integer status;

	private final Duration retryAfter;

	private final Boolean shouldRetry;

	private final String detail;

	private final List<Attempt> attempts;

	private final String partialText;

	/**
	 * A failure of one provider call.
	 * @param kind what went wrong
	 * @param provider the provider's configured name, or {@code null}
	 * @param status the HTTP status, or {@code null}
	 * @param retryAfter how long the provider asks to wait before retrying, or
	 * {@code null}
	 * @param detail a short reason from the provider (error type or code)
	 * @param cause the underlying exception, or {@code null}
	 */
	public LlmException(ErrorKind kind, String provider, Integer status, Duration retryAfter, String detail,
			Throwable cause) {
		this(kind, provider, status, retryAfter, null, detail, cause);
	}

	/**
	 * A failure of one provider call whose response said whether to try it again.
	 * @param kind what went wrong
	 * @param provider the provider's configured name, or {@code null}
	 * @param status the HTTP status, or {@code null}
	 * @param retryAfter how long the provider asks to wait before retrying, or
	 * {@code null}
	 * @param shouldRetry whether the provider says the same call may succeed when
	 * repeated ({@code x-should-retry}), or {@code null} when it said nothing
	 * @param detail a short reason from the provider (error type or code)
	 * @param cause the underlying exception, or {@code null}
	 */
	public LlmException(ErrorKind kind, String provider, Integer status, Duration retryAfter, Boolean shouldRetry,
			String detail, Throwable cause) {
		this(kind, provider, status, retryAfter, shouldRetry, detail, List.of(), "", cause, true);
	}

	private LlmException(ErrorKind kind, String provider, Integer status, Duration retryAfter, Boolean shouldRetry,
			String detail, List<Attempt> attempts, String partialText, Throwable cause, boolean writableStackTrace) {
		super(message(kind, provider, status, detail, attempts), cause, true, writableStackTrace);
		this.kind = kind;
		this.provider = provider;
		this.status = status;
		this.retryAfter = retryAfter;
		this.shouldRetry = shouldRetry;
		this.detail = (detail != null) ? detail : "";
		this.attempts = List.copyOf(attempts);
		this.partialText = partialText;
	}

	private static String message(ErrorKind kind, String provider, Integer status, String detail,
			List<Attempt> attempts) {
		if (!attempts.isEmpty()) {
			return "No provider could answer (" + kind + ((detail != null && !detail.isEmpty()) ? ": " + detail : "")
					+ "); attempts: " + attempts.stream().map(Attempt::toString).collect(Collectors.joining(", "));
		}
		return ((provider != null) ? provider + ": " : "") + kind + ((status != null) ? " (HTTP " + status + ")" : "")
				+ ((detail != null && !detail.isEmpty()) ? ": " + detail : "");
	}

	/**
	 * A provider passed over without a call: its breaker is open, a local limit is
	 * reached, or the request does not fit it. It has no stack trace, which would show
	 * nothing but the router's own frames and cost more than the skip itself.
	 * @param kind why it was skipped
	 * @param provider the provider's configured name
	 * @param detail a short reason
	 * @return the exception
	 */
	public static LlmException skipped(ErrorKind kind, String provider, String detail) {
		return skipped(kind, provider, null, detail);
	}

	/**
	 * A provider passed over without a call, with how long until it may be called again
	 * when that is known: an open breaker's remaining open time, a rate limit's next
	 * refresh.
	 * @param kind why it was skipped
	 * @param provider the provider's configured name
	 * @param retryAfter how long until the provider may be called again, or {@code null}
	 * when unknown
	 * @param detail a short reason
	 * @return the exception
	 */
	public static LlmException skipped(ErrorKind kind, String provider, Duration retryAfter, String detail) {
		return new LlmException(kind, provider, null, retryAfter, null, detail, List.of(), "", null, false);
	}

	/**
	 * The failure of a whole request, carrying every attempt; its kind is the last
	 * attempt's.
	 * @param attempts every attempt, in order, at least one
	 * @param last the last provider error, the cause
	 * @return the exception
	 */
	public static LlmException allFailed(List<Attempt> attempts, LlmException last) {
		return new LlmException(last.kind, last.provider, last.status, last.retryAfter, last.shouldRetry, last.detail,
				attempts, last.partialText, last, true);
	}

	/**
	 * This failure, happening in a stream after the given text was delivered.
	 * @param attempts every attempt of the request, in order
	 * @param deliveredText the text the caller already received
	 * @return the exception
	 */
	public LlmException afterPartialAnswer(List<Attempt> attempts, String deliveredText) {
		return new LlmException(this.kind, this.provider, this.status, this.retryAfter, this.shouldRetry, this.detail,
				attempts, deliveredText, this, true);
	}

	/**
	 * What went wrong.
	 * @return the kind
	 */
	public ErrorKind kind() {
		return this.kind;
	}

	/**
	 * The provider whose call failed (the last one for a whole request).
	 * @return the provider's configured name, or {@code null}
	 */
	public String provider() {
		return this.provider;
	}

	/**
	 * The HTTP status of the failed call.
	 * @return the status, or {@code null} when there was no HTTP response
	 */
	public Integer status() {
		return this.status;
	}

	/**
	 * How long the provider asked to wait before trying again ({@code Retry-After} and
	 * the providers' own hints); for a skipped provider, how long until it may be called
	 * again, when known.
	 * @return the delay, or {@code null}
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

	/**
	 * Whether the provider said the same call may succeed when repeated: OpenAI and
	 * Anthropic send {@code x-should-retry: true|false}, which their own SDKs obey over
	 * the status. It decides a retry on the same provider, never a failover.
	 * @return the provider's word, or {@code null} when it said nothing
	 */
	public Boolean shouldRetry() {
		return this.shouldRetry;
	}

	/**
	 * A short reason from the provider, such as its error type or code.
	 * @return the detail, possibly empty
	 */
	public String detail() {
		return this.detail;
	}

	/**
	 * Every attempt of the request, for the failure of a whole request.
	 * @return the attempts, empty for the failure of one provider call
	 */
	public List<Attempt> attempts() {
		return this.attempts;
	}

	/**
	 * For a stream that failed after delivering text, that text.
	 * @return the text already delivered, possibly empty
	 */
	public String partialText() {
		return this.partialText;
	}

}
