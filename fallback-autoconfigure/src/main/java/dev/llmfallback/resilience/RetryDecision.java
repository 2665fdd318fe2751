package dev.llmfallback.resilience;

import java.time.Duration;
import java.util.function.Predicate;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;

import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;

/**
 * Which failures are retried on the same provider, and how long to wait: what the
 * provider asked for ({@code Retry-After} and reset headers) when it did, the configured
 * backoff otherwise.
 */
final class RetryDecision {

	private final ResilienceSettings settings;

	RetryDecision(ResilienceSettings settings) {
		this.settings = settings;
	}

	/**
	 * Retry only what can succeed on a second try: what the provider says can
	 * ({@code x-should-retry}, as its own SDK obeys it) or else a transient kind, a
	 * timeout only when so configured, and never a provider that asks to wait longer than
	 * the cap.
	 * @return the predicate
	 */
	Predicate<Throwable> retryable() {
		return (error) -> {
			if (!(error instanceof LlmException llmException) || !llmException.attempts().isEmpty()) {
				return false;
			}
			boolean worthRetrying = (llmException.shouldRetry() != null) ? llmException.shouldRetry()
					: llmException.kind().isRetryable();
			if (!worthRetrying) {
				return false;
			}
			if (llmException.kind() == ErrorKind.TIMEOUT && !this.settings.retryOnTimeout()) {
				return false;
			}
			Duration retryAfter = llmException.retryAfter();
			return retryAfter == null || retryAfter.compareTo(this.settings.maxRetryAfter()) <= 0;
		};
	}

	/**
	 * The wait before a retry: the provider's hint, or the backoff of the given interval
	 * function.
	 * @param backoff the interval Resilience4j computed from the configuration
	 * @return the interval function
	 */
	IntervalBiFunction<Object> interval(IntervalBiFunction<Object> backoff) {
		return (attempt, either) -> {
			Duration hint = retryAfter(either);
			return (hint != null) ? hint.toMillis() : backoff.apply(attempt, either);
		};
	}

	private static Duration retryAfter(Either<Throwable, Object> either) {
		if (either != null && either.isLeft() && either.getLeft() instanceof LlmException llmException) {
			return llmException.retryAfter();
		}
		return null;
	}

}
