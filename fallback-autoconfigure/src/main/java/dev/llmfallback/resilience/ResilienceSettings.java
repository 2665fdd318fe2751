package dev.llmfallback.resilience;

import java.time.Duration;

/**
 * The defaults of every provider's Resilience4j instances, from {@code llm.fallback}. Any
 * {@code resilience4j.*.instances.<provider-name>} property overrides them.
 *
 * @param maxRetries retries after the first call
 * @param backoff how the delay between retries grows
 * @param initialInterval the delay before the first retry
 * @param multiplier the growth factor of exponential delays
 * @param maxInterval the longest delay
 * @param jitter the random spread of each delay, from 0 to 1
 * @param maxRetryAfter the longest {@code Retry-After} that is waited for
 * @param retryOnTimeout whether timeouts are retried on the same provider
 * @param failureThreshold failed calls in a row that open a breaker
 * @param resetTimeout how long a breaker stays open before probing
 * @param halfOpenCalls probe calls of a half-open breaker
 * @param quotaOpenDuration how long a breaker stays open after an exhausted quota
 */
public record ResilienceSettings(int maxRetries, Backoff backoff, Duration initialInterval, double multiplier,
		Duration maxInterval, double jitter, Duration maxRetryAfter, boolean retryOnTimeout, int failureThreshold,
		Duration resetTimeout, int halfOpenCalls, Duration quotaOpenDuration) {

	/**
	 * Settings as documented for {@code llm.fallback} when nothing is configured.
	 * @return the defaults
	 */
	public static ResilienceSettings defaults() {
		return new ResilienceSettings(2, Backoff.EXPONENTIAL, Duration.ofMillis(500), 2.0, Duration.ofSeconds(8), 0.2,
				Duration.ofSeconds(20), false, 5, Duration.ofSeconds(60), 1, Duration.ofMinutes(30));
	}

	/**
	 * How the delay between retries of one provider grows.
	 */
	public enum Backoff {

		/**
		 * Each delay is the previous one times the multiplier, up to the longest delay.
		 */
		EXPONENTIAL,

		/** Every delay is the initial interval. */
		FIXED,

		/** Retry at once. */
		NONE

	}

}
