package dev.llmfallback.resilience;

import java.beans.PropertyDescriptor;
import java.util.Map;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.common.bulkhead.configuration.CommonBulkheadConfigurationProperties;
import io.github.resilience4j.common.circuitbreaker.configuration.CommonCircuitBreakerConfigurationProperties;
import io.github.resilience4j.common.ratelimiter.configuration.CommonRateLimiterConfigurationProperties;
import io.github.resilience4j.common.retry.configuration.CommonRetryConfigurationProperties;
import io.github.resilience4j.common.timelimiter.configuration.CommonTimeLimiterConfigurationProperties;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;

/**
 * Builds each provider's Resilience4j configs in three layers: Resilience4j's defaults,
 * then the starter's (from {@code llm.fallback}), then the application's
 * {@code resilience4j.<kind>.instances.<provider-name>} properties and customizers. It
 * lets Resilience4j do the building: the starter's layer is registered as the instance's
 * base config unless the instance names a {@code base-config} of its own.
 */
final class LayeredConfigs {

	private static final String BASE_PREFIX = "llm-fallback-defaults-";

	private final Resilience4jProperties properties;

	LayeredConfigs(Resilience4jProperties properties) {
		this.properties = properties;
	}

	CircuitBreakerConfig circuitBreaker(String name,
			CommonCircuitBreakerConfigurationProperties.InstanceProperties defaults) {
		CommonCircuitBreakerConfigurationProperties user = this.properties.circuitBreaker();
		CommonCircuitBreakerConfigurationProperties layered = new CommonCircuitBreakerConfigurationProperties();
		CommonCircuitBreakerConfigurationProperties.InstanceProperties instance = instance(user.getConfigs(),
				layered.getConfigs(), user.getInstances().get(name), name, defaults,
				CommonCircuitBreakerConfigurationProperties.InstanceProperties::new);
		if (instance.getBaseConfig() == null) {
			instance.setBaseConfig(BASE_PREFIX + name);
		}
		return layered.createCircuitBreakerConfig(name, instance, this.properties.circuitBreakerCustomizer());
	}

	RetryConfig retry(String name, CommonRetryConfigurationProperties.InstanceProperties defaults) {
		CommonRetryConfigurationProperties user = this.properties.retry();
		CommonRetryConfigurationProperties layered = new CommonRetryConfigurationProperties();
		CommonRetryConfigurationProperties.InstanceProperties instance = instance(user.getConfigs(),
				layered.getConfigs(), user.getInstances().get(name), name, defaults,
				CommonRetryConfigurationProperties.InstanceProperties::new);
		if (instance.getBaseConfig() == null) {
			instance.setBaseConfig(BASE_PREFIX + name);
		}
		return layered.createRetryConfig(instance, this.properties.retryCustomizer(), name);
	}

	/**
	 * Whether the application set its own retry predicates for a provider, which then win
	 * over the starter's.
	 */
	boolean hasOwnRetryPredicate(String name) {
		CommonRetryConfigurationProperties.InstanceProperties instance = this.properties.retry()
			.getInstances()
			.get(name);
		return instance != null && (instance.getRetryExceptionPredicate() != null
				|| instance.getRetryExceptions() != null || instance.getIgnoreExceptions() != null);
	}

	TimeLimiterConfig timeLimiter(String name, CommonTimeLimiterConfigurationProperties.InstanceProperties defaults) {
		CommonTimeLimiterConfigurationProperties user = this.properties.timeLimiter();
		CommonTimeLimiterConfigurationProperties layered = new CommonTimeLimiterConfigurationProperties();
		CommonTimeLimiterConfigurationProperties.InstanceProperties instance = instance(user.getConfigs(),
				layered.getConfigs(), user.getInstances().get(name), name, defaults,
				CommonTimeLimiterConfigurationProperties.InstanceProperties::new);
		if (instance.getBaseConfig() == null) {
			instance.setBaseConfig(BASE_PREFIX + name);
		}
		return layered.createTimeLimiterConfig(name, instance, this.properties.timeLimiterCustomizer());
	}

	/**
	 * The rate limiter config of a provider, or {@code null} when neither the starter nor
	 * the application limits its rate.
	 */
	RateLimiterConfig rateLimiter(String name, CommonRateLimiterConfigurationProperties.InstanceProperties defaults) {
		CommonRateLimiterConfigurationProperties user = this.properties.rateLimiter();
		if (defaults == null && !user.getInstances().containsKey(name)) {
			return null;
		}
		CommonRateLimiterConfigurationProperties layered = new CommonRateLimiterConfigurationProperties();
		CommonRateLimiterConfigurationProperties.InstanceProperties instance = instance(user.getConfigs(),
				layered.getConfigs(), user.getInstances().get(name), name,
				(defaults != null) ? defaults : new CommonRateLimiterConfigurationProperties.InstanceProperties(),
				CommonRateLimiterConfigurationProperties.InstanceProperties::new);
		if (instance.getBaseConfig() == null) {
			instance.setBaseConfig(BASE_PREFIX + name);
		}
		return layered.createRateLimiterConfig(instance, this.properties.rateLimiterCustomizer(), name);
	}

	/**
	 * The bulkhead config of a provider, or {@code null} when neither the starter nor the
	 * application limits its concurrency.
	 */
	BulkheadConfig bulkhead(String name, CommonBulkheadConfigurationProperties.InstanceProperties defaults) {
		CommonBulkheadConfigurationProperties user = this.properties.bulkhead();
		if (defaults == null && !user.getInstances().containsKey(name)) {
			return null;
		}
		CommonBulkheadConfigurationProperties layered = new CommonBulkheadConfigurationProperties();
		CommonBulkheadConfigurationProperties.InstanceProperties instance = instance(user.getConfigs(),
				layered.getConfigs(), user.getInstances().get(name), name,
				(defaults != null) ? defaults : new CommonBulkheadConfigurationProperties.InstanceProperties(),
				CommonBulkheadConfigurationProperties.InstanceProperties::new);
		if (instance.getBaseConfig() == null) {
			instance.setBaseConfig(BASE_PREFIX + name);
		}
		return layered.createBulkheadConfig(instance, this.properties.bulkheadCustomizer(), name);
	}

	/**
	 * A copy of the application's instance properties (Resilience4j fills in base values
	 * in place, and the application's own objects must stay as bound), with the
	 * application's shared configs and the starter's defaults registered as configs
	 * beside it.
	 */
	private static <P> P instance(Map<String, P> userConfigs, Map<String, P> layeredConfigs, P userInstance,
			String name, P defaults, Supplier<P> factory) {
		layeredConfigs.putAll(userConfigs);
		layeredConfigs.put(BASE_PREFIX + name, defaults);
		P instance = factory.get();
		if (userInstance != null) {
			copySetValues(userInstance, instance);
		}
		return instance;
	}

	/**
	 * Copy the properties that are set; some of Resilience4j's setters reject nulls.
	 */
	private static void copySetValues(Object source, Object target) {
		BeanWrapper from = new BeanWrapperImpl(source);
		BeanWrapper to = new BeanWrapperImpl(target);
		for (PropertyDescriptor property : from.getPropertyDescriptors()) {
			String name = property.getName();
			if (from.isReadableProperty(name) && to.isWritableProperty(name)) {
				Object value = from.getPropertyValue(name);
				if (value != null) {
					to.setPropertyValue(name, value);
				}
			}
		}
	}

}
