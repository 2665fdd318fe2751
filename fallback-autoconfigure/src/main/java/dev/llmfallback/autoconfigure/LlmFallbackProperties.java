package dev.llmfallback.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.llmfallback.resilience.ResilienceSettings.Backoff;

/**
 * When and how to retry a provider and fall back to the next one. These are the defaults
 * of each provider's Resilience4j instances; any
 * 'resilience4j.*.instances.<provider-name>' property overrides them.
 */
public class LlmFallbackProperties {

	/**
	 * Errors that move a request to the next provider: HTTP statuses and error kinds
	 * (rate_limited, quota_exceeded, overloaded, server_error, timeout, connection,
	 * context_length, content_policy, authentication, permission, not_found, bad_request,
	 * unsupported_request, malformed_response). Connection failures and open circuit
	 * breakers always fall back.
	 */
	private List<String> onError = new ArrayList<>(List.of("429", "500", "502", "503", "504", "529", "timeout",
			"connection", "overloaded", "quota_exceeded", "malformed_response", "unsupported_request"));

	/**
	 * Retries of a provider, after its first call, before falling back. Only transient
	 * failures are retried: rate limits, overload, server errors, connection failures,
	 * unreadable answers, and timeouts when 'retry-on-timeout' is set.
	 */
	private int maxRetries = 2;

	/**
	 * Delay between retries: exponential, fixed or none.
	 */
	private Backoff backoff = Backoff.EXPONENTIAL;

	/**
	 * Delay before the first retry; the fixed delay with 'backoff: fixed'.
	 */
	private Duration initialInterval = Duration.ofMillis(500);

	/**
	 * Factor by which each exponential delay grows.
	 */
	private double multiplier = 2.0;

	/**
	 * Longest delay between two retries.
	 */
	private Duration maxInterval = Duration.ofSeconds(8);

	/**
	 * Random spread of each delay, from 0 (none) to 1 (up to twice or down to nothing).
	 */
	private double jitter = 0.2;

	/**
	 * Longest 'Retry-After' (or rate-limit reset) that is waited for; a provider asking
	 * for longer is left for the next one at once.
	 */
	private Duration maxRetryAfter = Duration.ofSeconds(20);

	/**
	 * Whether a timed-out call is retried on the same provider rather than moving on.
	 */
	private boolean retryOnTimeout = false;

	/**
	 * Failed calls in a row after which a provider's circuit breaker opens.
	 */
	private int failureThreshold = 5;

	/**
	 * Time an open circuit breaker waits before letting probe calls through.
	 */
	private Duration resetTimeout = Duration.ofSeconds(60);

	/**
	 * Probe calls let through by a half-open circuit breaker.
	 */
	private int halfOpenCalls = 1;

	/**
	 * Time a provider's circuit breaker stays open after it reports an exhausted quota or
	 * billing limit (OpenAI 'insufficient_quota', HTTP 402, a daily quota).
	 */
	private Duration quotaOpenDuration = Duration.ofMinutes(30);

	/**
	 * Most provider calls (first calls and retries) one request may make in all; no limit
	 * when not set.
	 */
	private Integer maxAttempts;

	private final Hedging hedging = new Hedging();

	private final Streaming streaming = new Streaming();

	public Hedging getHedging() {
		return this.hedging;
	}

	public Streaming getStreaming() {
		return this.streaming;
	}

	public List<String> getOnError() {
		return this.onError;
	}

	public void setOnError(List<String> onError) {
		this.onError = onError;
	}

	public int getMaxRetries() {
		return this.maxRetries;
	}

	public void setMaxRetries(int maxRetries) {
		this.maxRetries = maxRetries;
	}

	public Backoff getBackoff() {
		return this.backoff;
	}

	public void setBackoff(Backoff backoff) {
		this.backoff = backoff;
	}

	public Duration getInitialInterval() {
		return this.initialInterval;
	}

	public void setInitialInterval(Duration initialInterval) {
		this.initialInterval = initialInterval;
	}

	public double getMultiplier() {
		return this.multiplier;
	}

	public void setMultiplier(double multiplier) {
		this.multiplier = multiplier;
	}

	public Duration getMaxInterval() {
		return this.maxInterval;
	}

	public void setMaxInterval(Duration maxInterval) {
		this.maxInterval = maxInterval;
	}

	public double getJitter() {
		return this.jitter;
	}

	public void setJitter(double jitter) {
		this.jitter = jitter;
	}

	public Duration getMaxRetryAfter() {
		return this.maxRetryAfter;
	}

	public void setMaxRetryAfter(Duration maxRetryAfter) {
		this.maxRetryAfter = maxRetryAfter;
	}

	public boolean isRetryOnTimeout() {
		return this.retryOnTimeout;
	}

	public void setRetryOnTimeout(boolean retryOnTimeout) {
		this.retryOnTimeout = retryOnTimeout;
	}

	public int getFailureThreshold() {
		return this.failureThreshold;
	}

	public void setFailureThreshold(int failureThreshold) {
		this.failureThreshold = failureThreshold;
	}

	public Duration getResetTimeout() {
		return this.resetTimeout;
	}

	public void setResetTimeout(Duration resetTimeout) {
		this.resetTimeout = resetTimeout;
	}

	public int getHalfOpenCalls() {
		return this.halfOpenCalls;
	}

	public void setHalfOpenCalls(int halfOpenCalls) {
		this.halfOpenCalls = halfOpenCalls;
	}

	public Duration getQuotaOpenDuration() {
		return this.quotaOpenDuration;
	}

	public void setQuotaOpenDuration(Duration quotaOpenDuration) {
		this.quotaOpenDuration = quotaOpenDuration;
	}

	public Integer getMaxAttempts() {
		return this.maxAttempts;
	}

	public void setMaxAttempts(Integer maxAttempts) {
		this.maxAttempts = maxAttempts;
	}

	/**
	 * Starting the next provider while the current one is slow.
	 */
	public static class Hedging {

		/**
		 * Whether to start the next provider when the current one has not answered in
		 * time; the first answer (for a stream, the first chunk) wins and the other call
		 * is cancelled.
		 */
		private boolean enabled;

		/**
		 * How long to wait for the current provider before starting the next one.
		 */
		private Duration delay = Duration.ofSeconds(2);

		/**
		 * When set (from 0 to 1), wait for this percentile of the provider's recent
		 * answer (or first-chunk) times instead of the fixed delay, once enough calls
		 * were seen.
		 */
		private Double percentile;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getDelay() {
			return this.delay;
		}

		public void setDelay(Duration delay) {
			this.delay = delay;
		}

		public Double getPercentile() {
			return this.percentile;
		}

		public void setPercentile(Double percentile) {
			this.percentile = percentile;
		}

	}

	/**
	 * Failures of streams that already delivered text.
	 */
	public static class Streaming {

		/**
		 * Whether a stream cut after its first chunk is continued by the next provider
		 * (asked to go on from the text delivered), instead of ending with an error that
		 * carries that text.
		 */
		private boolean resume;

		public boolean isResume() {
			return this.resume;
		}

		public void setResume(boolean resume) {
			this.resume = resume;
		}

	}

}
