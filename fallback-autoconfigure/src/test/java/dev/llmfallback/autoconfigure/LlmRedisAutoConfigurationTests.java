package dev.llmfallback.autoconfigure;

import org.junit.jupiter.api.Test;

import dev.llmfallback.cost.BudgetTracker;
import dev.llmfallback.cost.InMemoryBudgetTracker;
import dev.llmfallback.degradation.CaffeineResponseCache;
import dev.llmfallback.degradation.ResponseCache;
import dev.llmfallback.provider.ProviderClientFactory;
import dev.llmfallback.redis.FleetRateLimitedClientFactory;
import dev.llmfallback.redis.RedisAvailability;
import dev.llmfallback.redis.RedisBreakerHints;
import dev.llmfallback.redis.RedisBudgetTracker;
import dev.llmfallback.redis.RedisResponseCache;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.boot.autoconfigure.data.redis.RedisReactiveAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which beans {@link LlmRedisAutoConfiguration} contributes. No Redis needs to run: the
 * connection is made lazily.
 */
class LlmRedisAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class, RedisReactiveAutoConfiguration.class,
				LlmRedisAutoConfiguration.class, LlmAutoConfiguration.class, JacksonAutoConfiguration.class,
				WebClientAutoConfiguration.class))
		.withPropertyValues("spring.data.redis.port=1", "llm.providers[0].name=openai", "llm.providers[0].model=gpt-4o",
				"llm.providers[0].api-key=sk-test-1234567890", "llm.providers[0].requests-per-minute=60");

	@Test
	void withoutARedisStoreEverythingStaysInProcess() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(RedisAvailability.class);
			assertThat(context.getBean(ResponseCache.class)).isInstanceOf(CaffeineResponseCache.class);
			assertThat(context.getBean(BudgetTracker.class)).isInstanceOf(InMemoryBudgetTracker.class);
		});
	}

	@Test
	void redisStoresReplaceTheInProcessOnesAndBreakerHintsAreOnByDefault() {
		this.contextRunner.withPropertyValues("llm.cache.store=redis", "llm.budget.store=redis").run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(RedisAvailability.class)
				.hasSingleBean(RedisBreakerHints.class);
			assertThat(context.getBean(ResponseCache.class)).isInstanceOf(RedisResponseCache.class);
			assertThat(context.getBean(BudgetTracker.class)).isInstanceOf(RedisBudgetTracker.class);
			assertThat(context.getBean(ProviderClientFactory.class))
				.isNotInstanceOf(FleetRateLimitedClientFactory.class);
		});
	}

	@Test
	void tickingStartsWithTheContextAndStopsBeforeTheRedisConnectionFactory() {
		this.contextRunner.withPropertyValues("llm.budget.store=redis").run((context) -> {
			RedisAvailability availability = context.getBean(RedisAvailability.class);
			LettuceConnectionFactory connections = context.getBean(LettuceConnectionFactory.class);
			assertThat(availability.isRunning()).isTrue();
			// the higher phase stops first
			assertThat(availability.getPhase()).isGreaterThan(connections.getPhase());

			context.stop();

			assertThat(availability.isRunning()).isFalse();
		});
	}

	@Test
	void eachStoreIsChosenOnItsOwn() {
		this.contextRunner.withPropertyValues("llm.budget.store=redis", "llm.redis.breaker-hints=false")
			.run((context) -> {
				assertThat(context.getBean(ResponseCache.class)).isInstanceOf(CaffeineResponseCache.class);
				assertThat(context.getBean(BudgetTracker.class)).isInstanceOf(RedisBudgetTracker.class);
				assertThat(context).doesNotHaveBean(RedisBreakerHints.class);
			});
	}

	@Test
	void fleetRateLimitsDecorateTheClientFactory() {
		this.contextRunner.withPropertyValues("llm.redis.rate-limits=true").run((context) -> {
			assertThat(context.getBean(ProviderClientFactory.class)).isInstanceOf(FleetRateLimitedClientFactory.class);
			assertThat(context.getBean(ResponseCache.class)).isInstanceOf(CaffeineResponseCache.class);
		});
	}

	@Test
	void aUserCacheWins() {
		this.contextRunner.withPropertyValues("llm.cache.store=redis")
			.withUserConfiguration(UserCache.class)
			.run((context) -> assertThat(context.getBean(ResponseCache.class)).isSameAs(UserCache.CACHE));
	}

	@Test
	void withoutSpringDataRedisTheStoresStayInProcess() {
		this.contextRunner.withPropertyValues("llm.cache.store=redis", "llm.budget.store=redis")
			.withClassLoader(new FilteredClassLoader(ReactiveStringRedisTemplate.class))
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(RedisAvailability.class);
				assertThat(context.getBean(ResponseCache.class)).isInstanceOf(CaffeineResponseCache.class);
			});
	}

	@Test
	void aNonPositiveCommandTimeoutStopsStartUp() {
		this.contextRunner.withPropertyValues("llm.cache.store=redis", "llm.redis.command-timeout=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("llm.redis.command-timeout must be positive"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserCache {

		static final ResponseCache CACHE = new CaffeineResponseCache(1, java.time.Duration.ofSeconds(1));

		@Bean
		ResponseCache userCache() {
			return CACHE;
		}

	}

}
