package dev.llmfallback.resilience;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;

/**
 * The Resilience4j registries the providers' instances live in: the application's, so
 * that Resilience4j's own actuator endpoints and metrics show them.
 *
 * @param circuitBreakers the circuit breaker registry
 * @param retries the retry registry
 * @param timeLimiters the time limiter registry
 * @param rateLimiters the rate limiter registry
 * @param bulkheads the bulkhead registry
 */
public record ResilienceRegistries(CircuitBreakerRegistry circuitBreakers, RetryRegistry retries,
		TimeLimiterRegistry timeLimiters, RateLimiterRegistry rateLimiters, BulkheadRegistry bulkheads) {

	/**
	 * Fresh registries with Resilience4j's defaults, for use without Spring.
	 * @return the registries
	 */
	public static ResilienceRegistries ofDefaults() {
		return new ResilienceRegistries(CircuitBreakerRegistry.ofDefaults(), RetryRegistry.ofDefaults(),
				TimeLimiterRegistry.ofDefaults(), RateLimiterRegistry.ofDefaults(), BulkheadRegistry.ofDefaults());
	}

}
