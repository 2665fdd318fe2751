package dev.llmfallback.resilience;

import java.util.List;

import io.github.resilience4j.common.CompositeCustomizer;
import io.github.resilience4j.common.bulkhead.configuration.BulkheadConfigCustomizer;
import io.github.resilience4j.common.bulkhead.configuration.CommonBulkheadConfigurationProperties;
import io.github.resilience4j.common.circuitbreaker.configuration.CircuitBreakerConfigCustomizer;
import io.github.resilience4j.common.circuitbreaker.configuration.CommonCircuitBreakerConfigurationProperties;
import io.github.resilience4j.common.ratelimiter.configuration.CommonRateLimiterConfigurationProperties;
import io.github.resilience4j.common.ratelimiter.configuration.RateLimiterConfigCustomizer;
import io.github.resilience4j.common.retry.configuration.CommonRetryConfigurationProperties;
import io.github.resilience4j.common.retry.configuration.RetryConfigCustomizer;
import io.github.resilience4j.common.timelimiter.configuration.CommonTimeLimiterConfigurationProperties;
import io.github.resilience4j.common.timelimiter.configuration.TimeLimiterConfigCustomizer;

/**
 * What the application configured for Resilience4j ({@code resilience4j.*} properties and
 * config customizers), so that a provider's instance can take {@code llm.fallback}'s
 * defaults and the application's own settings on top.
 *
 * @param circuitBreaker the circuit breaker properties
 * @param circuitBreakerCustomizer the circuit breaker config customizers
 * @param retry the retry properties
 * @param retryCustomizer the retry config customizers
 * @param timeLimiter the time limiter properties
 * @param timeLimiterCustomizer the time limiter config customizers
 * @param rateLimiter the rate limiter properties
 * @param rateLimiterCustomizer the rate limiter config customizers
 * @param bulkhead the bulkhead properties
 * @param bulkheadCustomizer the bulkhead config customizers
 */
public record Resilience4jProperties(CommonCircuitBreakerConfigurationProperties circuitBreaker,
		CompositeCustomizer<CircuitBreakerConfigCustomizer> circuitBreakerCustomizer,
		CommonRetryConfigurationProperties retry, CompositeCustomizer<RetryConfigCustomizer> retryCustomizer,
		CommonTimeLimiterConfigurationProperties timeLimiter,
		CompositeCustomizer<TimeLimiterConfigCustomizer> timeLimiterCustomizer,
		CommonRateLimiterConfigurationProperties rateLimiter,
		CompositeCustomizer<RateLimiterConfigCustomizer> rateLimiterCustomizer,
		CommonBulkheadConfigurationProperties bulkhead,
		CompositeCustomizer<BulkheadConfigCustomizer> bulkheadCustomizer) {

	/**
	 * Nothing configured: every provider's instances follow {@code llm.fallback}.
	 * @return empty properties
	 */
	public static Resilience4jProperties none() {
		return new Resilience4jProperties(new CommonCircuitBreakerConfigurationProperties(),
				new CompositeCustomizer<>(List.of()), new CommonRetryConfigurationProperties(),
				new CompositeCustomizer<>(List.of()), new CommonTimeLimiterConfigurationProperties(),
				new CompositeCustomizer<>(List.of()), new CommonRateLimiterConfigurationProperties(),
				new CompositeCustomizer<>(List.of()), new CommonBulkheadConfigurationProperties(),
				new CompositeCustomizer<>(List.of()));
	}

}
