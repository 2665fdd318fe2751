package dev.llmfallback.autoconfigure;

import java.util.List;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.common.CompositeCustomizer;
import io.github.resilience4j.common.CustomizerWithName;
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
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.observation.ObservationRegistry;

import dev.llmfallback.resilience.BreakerWaits;
import dev.llmfallback.resilience.ProviderResilienceFactory;
import dev.llmfallback.resilience.Resilience4jProperties;
import dev.llmfallback.resilience.ResilienceRegistries;
import dev.llmfallback.timeout.TimeoutScheduler;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Takes the application's Resilience4j registries and {@code resilience4j.*} settings
 * (from {@code resilience4j-spring-boot3} when present, fresh defaults otherwise) to
 * decorate each provider.
 */
@Configuration(proxyBeanMethods = false)
class ResilienceConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ResilienceRegistries llmResilienceRegistries(ObjectProvider<CircuitBreakerRegistry> circuitBreakers,
			ObjectProvider<RetryRegistry> retries, ObjectProvider<TimeLimiterRegistry> timeLimiters,
			ObjectProvider<RateLimiterRegistry> rateLimiters, ObjectProvider<BulkheadRegistry> bulkheads) {
		return new ResilienceRegistries(circuitBreakers.getIfAvailable(CircuitBreakerRegistry::ofDefaults),
				retries.getIfAvailable(RetryRegistry::ofDefaults),
				timeLimiters.getIfAvailable(TimeLimiterRegistry::ofDefaults),
				rateLimiters.getIfAvailable(RateLimiterRegistry::ofDefaults),
				bulkheads.getIfAvailable(BulkheadRegistry::ofDefaults));
	}

	@Bean
	@ConditionalOnMissingBean
	BreakerWaits llmBreakerWaits() {
		return new BreakerWaits();
	}

	@Bean
	@ConditionalOnMissingBean
	ProviderResilienceFactory providerResilienceFactory(LlmSettings settings, ResilienceRegistries registries,
			BreakerWaits breakerWaits, LlmProperties llmProperties, ObjectProvider<ObservationRegistry> observations,
			ListableBeanFactory beans,
			ObjectProvider<CommonCircuitBreakerConfigurationProperties> circuitBreakerProperties,
			ObjectProvider<CompositeCustomizer<CircuitBreakerConfigCustomizer>> circuitBreakerCustomizer,
			ObjectProvider<CommonRetryConfigurationProperties> retryProperties,
			ObjectProvider<CompositeCustomizer<RetryConfigCustomizer>> retryCustomizer,
			ObjectProvider<CommonTimeLimiterConfigurationProperties> timeLimiterProperties,
			ObjectProvider<CompositeCustomizer<TimeLimiterConfigCustomizer>> timeLimiterCustomizer,
			ObjectProvider<CommonRateLimiterConfigurationProperties> rateLimiterProperties,
			ObjectProvider<CompositeCustomizer<RateLimiterConfigCustomizer>> rateLimiterCustomizer,
			ObjectProvider<CommonBulkheadConfigurationProperties> bulkheadProperties,
			ObjectProvider<CompositeCustomizer<BulkheadConfigCustomizer>> bulkheadCustomizer) {
		Resilience4jProperties properties = new Resilience4jProperties(
				circuitBreakerProperties.getIfAvailable(CommonCircuitBreakerConfigurationProperties::new),
				circuitBreakerCustomizer.getIfAvailable(ResilienceConfiguration::noCustomizers),
				retryProperties.getIfAvailable(CommonRetryConfigurationProperties::new),
				retryCustomizer.getIfAvailable(ResilienceConfiguration::noCustomizers),
				timeLimiterProperties.getIfAvailable(CommonTimeLimiterConfigurationProperties::new),
				timeLimiterCustomizer.getIfAvailable(ResilienceConfiguration::noCustomizers),
				rateLimiterProperties.getIfAvailable(CommonRateLimiterConfigurationProperties::new),
				rateLimiterCustomizer.getIfAvailable(ResilienceConfiguration::noCustomizers),
				bulkheadProperties.getIfAvailable(CommonBulkheadConfigurationProperties::new),
				bulkheadCustomizer.getIfAvailable(ResilienceConfiguration::noCustomizers));
		return new ProviderResilienceFactory(registries, properties, settings.resilience(),
				RouterObservations.registry(llmProperties, observations, beans), TimeoutScheduler::shared,
				breakerWaits);
	}

	private static <T extends CustomizerWithName> CompositeCustomizer<T> noCustomizers() {
		return new CompositeCustomizer<>(List.of());
	}

}
