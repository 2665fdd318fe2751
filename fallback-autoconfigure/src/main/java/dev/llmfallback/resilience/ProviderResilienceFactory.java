package dev.llmfallback.resilience;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.common.bulkhead.configuration.CommonBulkheadConfigurationProperties;
import io.github.resilience4j.common.circuitbreaker.configuration.CommonCircuitBreakerConfigurationProperties;
import io.github.resilience4j.common.ratelimiter.configuration.CommonRateLimiterConfigurationProperties;
import io.github.resilience4j.common.retry.configuration.CommonRetryConfigurationProperties;
import io.github.resilience4j.common.timelimiter.configuration.CommonTimeLimiterConfigurationProperties;
import io.github.resilience4j.core.Registry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import dev.llmfallback.provider.ProviderClient;
import dev.llmfallback.provider.ProviderSettings;

/**
 * Decorates each provider's client with Resilience4j instances named after the provider,
 * taken from the registries with {@code llm.fallback}'s defaults under the application's
 * {@code resilience4j.*.instances.<provider-name>} settings.
 */
public class ProviderResilienceFactory {

	private static final Duration TIME_LIMITER_MARGIN = Duration.ofSeconds(1);

	private final ResilienceRegistries registries;

	private final LayeredConfigs configs;

	private final ResilienceSettings settings;

	private final RetryDecision retryDecision;

	private final ObservationRegistry observations;

	private final Supplier<Scheduler> timeouts;

	private final BreakerWaits breakerWaits;

	/**
	 * Create the factory.
	 * @param registries the registries the instances live in
	 * @param properties what the application configured for Resilience4j
	 * @param settings the defaults from {@code llm.fallback}
	 */
	public ProviderResilienceFactory(ResilienceRegistries registries, Resilience4jProperties properties,
			ResilienceSettings settings) {
		this(registries, properties, settings, ObservationRegistry.NOOP);
	}

	/**
	 * Create the factory, observing each provider call.
	 * @param registries the registries the instances live in
	 * @param properties what the application configured for Resilience4j
	 * @param settings the defaults from {@code llm.fallback}
	 * @param observations where each call is observed ({@code llm.attempt})
	 */
	public ProviderResilienceFactory(ResilienceRegistries registries, Resilience4jProperties properties,
			ResilienceSettings settings, ObservationRegistry observations) {
		this(registries, properties, settings, observations, Schedulers::parallel);
	}

	/**
	 * Create the factory, observing each provider call and timing calls out on the given
	 * scheduler.
	 * @param registries the registries the instances live in
	 * @param properties what the application configured for Resilience4j
	 * @param settings the defaults from {@code llm.fallback}
	 * @param observations where each call is observed ({@code llm.attempt})
	 * @param timeouts the scheduler each call's time limit runs on, looked up per call
	 * (so that a test's virtual time can replace {@code Schedulers.parallel()})
	 */
	public ProviderResilienceFactory(ResilienceRegistries registries, Resilience4jProperties properties,
			ResilienceSettings settings, ObservationRegistry observations, Supplier<Scheduler> timeouts) {
		this(registries, properties, settings, observations, timeouts, new BreakerWaits());
	}

	/**
	 * Create the factory, observing each provider call, timing calls out on the given
	 * scheduler and keeping the breakers' waits where others read them too.
	 * @param registries the registries the instances live in
	 * @param properties what the application configured for Resilience4j
	 * @param settings the defaults from {@code llm.fallback}
	 * @param observations where each call is observed ({@code llm.attempt})
	 * @param timeouts the scheduler each call's time limit runs on, looked up per call
	 * @param breakerWaits where each breaker's wait is kept
	 */
	public ProviderResilienceFactory(ResilienceRegistries registries, Resilience4jProperties properties,
			ResilienceSettings settings, ObservationRegistry observations, Supplier<Scheduler> timeouts,
			BreakerWaits breakerWaits) {
		this.registries = registries;
		this.configs = new LayeredConfigs(properties);
		this.settings = settings;
		this.retryDecision = new RetryDecision(settings);
		this.observations = observations;
		this.timeouts = timeouts;
		this.breakerWaits = breakerWaits;
	}

	/**
	 * Decorate a provider's client.
	 * @param client the client
	 * @return the decorated client
	 */
	public ProviderResilience create(ProviderClient client) {
		ProviderSettings provider = client.settings();
		String name = provider.name();
		CircuitBreakerConfig breakerConfig = this.configs.circuitBreaker(name, breakerDefaults());
		CircuitBreaker circuitBreaker = register(this.registries.circuitBreakers(), name,
				() -> CircuitBreaker.of(name, breakerConfig),
				(registry) -> registry.circuitBreaker(name, breakerConfig));
		RetryConfig retryConfig = retryConfig(name);
		Retry retry = register(this.registries.retries(), name, () -> Retry.of(name, retryConfig),
				(registry) -> registry.retry(name, retryConfig));
		var timeLimiterConfig = this.configs.timeLimiter(name, timeLimiterDefaults(provider));
		TimeLimiter timeLimiter = register(this.registries.timeLimiters(), name,
				() -> TimeLimiter.of(name, timeLimiterConfig),
				(registry) -> registry.timeLimiter(name, timeLimiterConfig));
		RateLimiterConfig rateLimiterConfig = this.configs.rateLimiter(name, rateLimiterDefaults(provider));
		RateLimiter rateLimiter = (rateLimiterConfig != null)
				? register(this.registries.rateLimiters(), name, () -> RateLimiter.of(name, rateLimiterConfig),
						(registry) -> registry.rateLimiter(name, rateLimiterConfig))
				: null;
		BulkheadConfig bulkheadConfig = this.configs.bulkhead(name, bulkheadDefaults(provider));
		Bulkhead bulkhead = (bulkheadConfig != null) ? register(this.registries.bulkheads(), name,
				() -> Bulkhead.of(name, bulkheadConfig), (registry) -> registry.bulkhead(name, bulkheadConfig)) : null;
		return new ProviderResilience(client, circuitBreaker, retry, timeLimiter, rateLimiter, bulkhead,
				this.settings.quotaOpenDuration(), new AttemptObservations(this.observations, client.settings()),
				this.timeouts, this.breakerWaits.of(circuitBreaker));
	}

	/**
	 * The instance of a provider in a registry. Resilience4j creates the instances named
	 * in {@code resilience4j.*.instances} at start-up from its own defaults; those are
	 * replaced by instances built with the layered config, so that the registry, its
	 * actuator endpoints and the router all see the same one.
	 */
	private static <E, C, R extends Registry<E, C>> E register(R registry, String name, Supplier<E> created,
			java.util.function.Function<R, E> lookup) {
		if (registry.find(name).isPresent()) {
			E replacement = created.get();
			registry.replace(name, replacement);
			return replacement;
		}
		return lookup.apply(registry);
	}

	@SuppressWarnings("unchecked")
	private CommonCircuitBreakerConfigurationProperties.InstanceProperties breakerDefaults() {
		Class<?> predicate = BreakerFailurePredicate.class;
		return new CommonCircuitBreakerConfigurationProperties.InstanceProperties()
			.setSlidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.setSlidingWindowSize(this.settings.failureThreshold())
			.setMinimumNumberOfCalls(this.settings.failureThreshold())
			.setFailureRateThreshold(100f)
			.setWaitDurationInOpenState(this.settings.resetTimeout())
			.setPermittedNumberOfCallsInHalfOpenState(this.settings.halfOpenCalls())
			// an open breaker is routine here, its stack trace costs more than the skip
			.setWritableStackTraceEnabled(false)
			.setRecordFailurePredicate((Class<Predicate<Throwable>>) predicate);
	}

	private RetryConfig retryConfig(String name) {
		CommonRetryConfigurationProperties.InstanceProperties defaults = new CommonRetryConfigurationProperties.InstanceProperties()
			.setMaxAttempts(this.settings.maxRetries() + 1)
			.setWaitDuration((this.settings.backoff() == ResilienceSettings.Backoff.NONE) ? Duration.ofMillis(1)
					: this.settings.initialInterval());
		if (this.settings.backoff() == ResilienceSettings.Backoff.EXPONENTIAL) {
			defaults.setEnableExponentialBackoff(true)
				.setExponentialBackoffMultiplier(this.settings.multiplier())
				.setExponentialMaxWaitDuration(this.settings.maxInterval());
		}
		if (this.settings.jitter() > 0 && this.settings.backoff() != ResilienceSettings.Backoff.NONE) {
			defaults.setEnableRandomizedWait(true).setRandomizedWaitFactor(this.settings.jitter());
		}
		RetryConfig layered = this.configs.retry(name, defaults);
		RetryConfig.Builder<Object> builder = RetryConfig.from(layered)
			.intervalBiFunction(this.retryDecision.interval(layered.getIntervalBiFunction()));
		if (!this.configs.hasOwnRetryPredicate(name)) {
			builder.retryOnException(this.retryDecision.retryable());
		}
		return builder.build();
	}

	/**
	 * The time limiter backs the client's own response timeout up, a second later, so
	 * that the classified timeout of the codec wins and the two never race. Around a
	 * client that bounds its answers itself ({@link ProviderClient#boundsChatTime()}),
	 * such a limit is never armed: only one set shorter than the response timeout is.
	 */
	private static CommonTimeLimiterConfigurationProperties.InstanceProperties timeLimiterDefaults(
			ProviderSettings provider) {
		return new CommonTimeLimiterConfigurationProperties.InstanceProperties()
			.setTimeoutDuration(provider.timeouts().response().plus(TIME_LIMITER_MARGIN))
			.setCancelRunningFuture(true);
	}

	private static CommonRateLimiterConfigurationProperties.InstanceProperties rateLimiterDefaults(
			ProviderSettings provider) {
		if (provider.requestsPerMinute() == null) {
			return null;
		}
		return new CommonRateLimiterConfigurationProperties.InstanceProperties()
			.setLimitForPeriod(provider.requestsPerMinute())
			.setLimitRefreshPeriod(Duration.ofMinutes(1))
			.setTimeoutDuration(Duration.ZERO)
			.setWritableStackTraceEnabled(false);
	}

	private static CommonBulkheadConfigurationProperties.InstanceProperties bulkheadDefaults(
			ProviderSettings provider) {
		if (provider.maxConcurrentCalls() == null) {
			return null;
		}
		return new CommonBulkheadConfigurationProperties.InstanceProperties()
			.setMaxConcurrentCalls(provider.maxConcurrentCalls())
			.setMaxWaitDuration(Duration.ZERO)
			.setWritableStackTraceEnabled(false);
	}

}
