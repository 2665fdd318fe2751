package dev.llmfallback.autoconfigure;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.retry.autoconfigure.RetryAutoConfiguration;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.junit.jupiter.api.Test;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmRouter;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each provider's Resilience4j instances live in the application's registries, take
 * {@code llm.fallback}'s defaults and yield to {@code resilience4j.*.instances.<name>}.
 */
class ResilienceAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class, JacksonAutoConfiguration.class,
				WebClientAutoConfiguration.class, CircuitBreakerAutoConfiguration.class, RetryAutoConfiguration.class,
				TimeLimiterAutoConfiguration.class))
		.withUserConfiguration(LlmAutoConfigurationTests.EchoClients.class)
		.withPropertyValues("llm.providers[0].name=anthropic", "llm.providers[0].model=claude-sonnet-4-20250514",
				"llm.providers[0].priority=1", "llm.providers[0].api-key=test-anthropic",
				"llm.providers[1].name=openai", "llm.providers[1].model=gpt-4o", "llm.providers[1].priority=2",
				"llm.providers[1].api-key=test-openai");

	@Test
	void breakersFollowThePatternWithoutTuning() {
		this.contextRunner.run((context) -> {
			context.getBean(LlmRouter.class);
			CircuitBreakerConfig config = context.getBean(CircuitBreakerRegistry.class)
				.circuitBreaker("anthropic")
				.getCircuitBreakerConfig();
			assertThat(config.getSlidingWindowType()).isEqualTo(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED);
			assertThat(config.getSlidingWindowSize()).isEqualTo(5);
			assertThat(config.getMinimumNumberOfCalls()).isEqualTo(5);
			assertThat(config.getFailureRateThreshold()).isEqualTo(100f);
			assertThat(config.getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(60_000L);
			assertThat(config.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(1);
			assertThat(context.getBean(RetryRegistry.class).retry("anthropic").getRetryConfig().getMaxAttempts())
				.isEqualTo(3);
			assertThat(context.getBean(TimeLimiterRegistry.class)
				.timeLimiter("anthropic")
				.getTimeLimiterConfig()
				.getTimeoutDuration()).as("the response timeout plus a second").isEqualTo(Duration.ofSeconds(46));
		});
	}

	@Test
	void llmFallbackTunesEveryProvider() {
		this.contextRunner
			.withPropertyValues("llm.fallback.failure_threshold=7", "llm.fallback.reset-timeout=30s",
					"llm.fallback.max-retries=4")
			.run((context) -> {
				context.getBean(LlmRouter.class);
				CircuitBreakerConfig config = context.getBean(CircuitBreakerRegistry.class)
					.circuitBreaker("openai")
					.getCircuitBreakerConfig();
				assertThat(config.getSlidingWindowSize()).isEqualTo(7);
				assertThat(config.getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(30_000L);
				assertThat(context.getBean(RetryRegistry.class).retry("openai").getRetryConfig().getMaxAttempts())
					.isEqualTo(5);
			});
	}

	@Test
	void resilience4jInstancePropertiesOverrideTheDefaults() {
		this.contextRunner
			.withPropertyValues("resilience4j.circuitbreaker.instances.anthropic.failure-rate-threshold=40",
					"resilience4j.retry.instances.openai.max-attempts=6",
					"resilience4j.timelimiter.instances.openai.timeout-duration=7s")
			.run((context) -> {
				context.getBean(LlmRouter.class);
				CircuitBreakerRegistry breakers = context.getBean(CircuitBreakerRegistry.class);
				CircuitBreakerConfig anthropic = breakers.circuitBreaker("anthropic").getCircuitBreakerConfig();
				assertThat(anthropic.getFailureRateThreshold()).isEqualTo(40f);
				assertThat(anthropic.getSlidingWindowSize()).as("the starter's default under the override")
					.isEqualTo(5);
				assertThat(breakers.circuitBreaker("openai").getCircuitBreakerConfig().getFailureRateThreshold())
					.isEqualTo(100f);
				assertThat(context.getBean(RetryRegistry.class).retry("openai").getRetryConfig().getMaxAttempts())
					.isEqualTo(6);
				assertThat(context.getBean(TimeLimiterRegistry.class)
					.timeLimiter("openai")
					.getTimeLimiterConfig()
					.getTimeoutDuration()).isEqualTo(Duration.ofSeconds(7));
			});
	}

	@Test
	void theRouterUsesTheRegistrysBreaker() {
		this.contextRunner
			.withPropertyValues("resilience4j.circuitbreaker.instances.anthropic.failure-rate-threshold=40")
			.run((context) -> {
				LlmRouter router = context.getBean(LlmRouter.class);
				context.getBean(CircuitBreakerRegistry.class).circuitBreaker("anthropic").transitionToForcedOpenState();
				ChatResponse response = router.call(ChatRequest.of("hello"));
				assertThat(response.provider()).isEqualTo("openai");
				assertThat(response.attempts()).singleElement()
					.satisfies((attempt) -> assertThat(attempt.kind()).isEqualTo(ErrorKind.CIRCUIT_OPEN));
				assertThat(context.getBean(CircuitBreakerRegistry.class).circuitBreaker("anthropic").getState())
					.isEqualTo(CircuitBreaker.State.FORCED_OPEN);
			});
	}

	@Test
	void invalidFallbackTuningNamesTheProperty() {
		this.contextRunner.withPropertyValues("llm.fallback.jitter=1.5", "llm.fallback.failure-threshold=0")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("llm.fallback.jitter must be from 0 up to (not including) 1, was 1.5")
					.hasMessageContaining("llm.fallback.failure-threshold must be positive, was 0");
			});
	}

}
