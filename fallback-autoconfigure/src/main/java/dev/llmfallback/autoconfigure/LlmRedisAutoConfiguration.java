package dev.llmfallback.autoconfigure;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.llmfallback.cost.BudgetTracker;
import dev.llmfallback.degradation.CaffeineResponseCache;
import dev.llmfallback.degradation.ResponseCache;
import dev.llmfallback.provider.DefaultProviderClientFactory;
import dev.llmfallback.provider.ProviderClientFactory;
import dev.llmfallback.provider.ProviderWebClients;
import dev.llmfallback.redis.CachedAnswerFormat;
import dev.llmfallback.redis.FleetRateLimitedClientFactory;
import dev.llmfallback.redis.RedisAvailability;
import dev.llmfallback.redis.RedisBreakerHints;
import dev.llmfallback.redis.RedisBudgetTracker;
import dev.llmfallback.redis.RedisMetrics;
import dev.llmfallback.redis.RedisRateLimits;
import dev.llmfallback.redis.RedisResponseCache;
import dev.llmfallback.resilience.ResilienceRegistries;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the state several instances share on Redis, through the
 * application's reactive Redis connection: the response cache
 * ({@code llm.cache.store=redis}), the spend budgets ({@code llm.budget.store=redis}),
 * fleet-wide rate limits ({@code llm.redis.rate-limits=true}) and breaker hints. It runs
 * before {@link LlmAutoConfiguration}, whose in-process beans then back off.
 */
@AutoConfiguration(before = LlmAutoConfiguration.class,
		afterName = { "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration",
				"org.springframework.boot.autoconfigure.data.redis.RedisReactiveAutoConfiguration" })
@ConditionalOnClass({ ReactiveStringRedisTemplate.class, ReactiveRedisConnectionFactory.class })
@ConditionalOnBooleanProperty(name = "llm.enabled", matchIfMissing = true)
@Conditional(LlmRedisAutoConfiguration.OnRedisUsed.class)
@ConditionalOnBean(ReactiveRedisConnectionFactory.class)
@EnableConfigurationProperties(LlmProperties.class)
public class LlmRedisAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RedisAvailability llmRedisAvailability(ReactiveRedisConnectionFactory connectionFactory, LlmProperties properties) {
		List<String> stores = new ArrayList<>();
		if (properties.getCache().getStore() == LlmProperties.Store.REDIS) {
			stores.add("cache");
		}
		if (properties.getBudget().getStore() == LlmProperties.Store.REDIS) {
			stores.add("budget");
		}
		if (properties.getRedis().isRateLimits()) {
			stores.add("rate-limits");
		}
		if (properties.getRedis().isBreakerHints()) {
			stores.add("breaker-hints");
		}
		return new RedisAvailability(new ReactiveStringRedisTemplate(connectionFactory),
				properties.getRedis().getCommandTimeout(), properties.getRedis().getRefreshInterval(), stores,
				Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean(ResponseCache.class)
	@ConditionalOnProperty(name = "llm.cache.store", havingValue = "redis")
	RedisResponseCache llmRedisResponseCache(RedisAvailability redis, LlmProperties properties,
			ObjectProvider<ObjectMapper> objectMapper) {
		LlmCacheProperties cache = properties.getCache();
		return new RedisResponseCache(redis, cache.getKeyPrefix(), cache.getTtl(),
				new CachedAnswerFormat(objectMapper.getIfAvailable(ObjectMapper::new)),
				new CaffeineResponseCache(cache.getMaxSize(), cache.getTtl()));
	}

	@Bean
	@ConditionalOnMissingBean(BudgetTracker.class)
	@ConditionalOnProperty(name = "llm.budget.store", havingValue = "redis")
	RedisBudgetTracker llmRedisBudgetTracker(RedisAvailability redis, LlmSettings settings, LlmProperties properties) {
		return new RedisBudgetTracker(settings.budget(), redis, properties.getBudget().getKeyPrefix(),
				Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean(ProviderClientFactory.class)
	@ConditionalOnBooleanProperty("llm.redis.rate-limits")
	FleetRateLimitedClientFactory llmFleetRateLimitedClientFactory(RedisAvailability redis,
			ProviderWebClients webClients, ObjectProvider<ObjectMapper> objectMapper, LlmProperties properties) {
		return new FleetRateLimitedClientFactory(
				new DefaultProviderClientFactory(webClients, objectMapper.getIfAvailable(ObjectMapper::new)),
				new RedisRateLimits(redis, properties.getRedis().getKeyPrefix() + "rate:", Clock.systemUTC()),
				tokensPerMinute(properties));
	}

	private static Map<String, Integer> tokensPerMinute(LlmProperties properties) {
		Map<String, Integer> limits = new HashMap<>();
		properties.getProviders()
			.stream()
			.filter((provider) -> provider.getName() != null && provider.getTokensPerMinute() != null)
			.forEach((provider) -> limits.put(provider.getName(), provider.getTokensPerMinute()));
		return limits;
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "llm.redis.breaker-hints", matchIfMissing = true)
	RedisBreakerHints llmRedisBreakerHints(RedisAvailability redis, ResilienceRegistries registries,
			LlmProperties properties) {
		String instanceId = Objects.requireNonNullElseGet(properties.getRedis().getInstanceId(),
				() -> UUID.randomUUID().toString());
		return new RedisBreakerHints(registries.circuitBreakers(), redis,
				properties.getRedis().getKeyPrefix() + "breaker:", instanceId, Clock.systemUTC());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class RedisMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RedisMetrics llmRedisMetrics(RedisAvailability redis) {
			return new RedisMetrics(redis);
		}

	}

	static class OnRedisUsed extends AnyNestedCondition {

		OnRedisUsed() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty(name = "llm.cache.store", havingValue = "redis")
		static class CacheOnRedis {

		}

		@ConditionalOnProperty(name = "llm.budget.store", havingValue = "redis")
		static class BudgetOnRedis {

		}

		@ConditionalOnBooleanProperty("llm.redis.rate-limits")
		static class RateLimitsOnRedis {

		}

	}

}
