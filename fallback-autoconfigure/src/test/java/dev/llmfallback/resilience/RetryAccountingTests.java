package dev.llmfallback.resilience;

import java.time.Duration;
import java.util.List;

import io.github.resilience4j.common.CompositeCustomizer;
import io.github.resilience4j.common.retry.configuration.RetryConfigCustomizer;
import io.github.resilience4j.retry.Retry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.Tier;
import dev.llmfallback.routing.ScriptedProviderClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A provider call's first try, a chat's or a stream's, runs without Resilience4j's retry
 * operator, which is set up only after a retryable failure; every outcome still counts in
 * the retry's metrics as it would through the operator.
 */
class RetryAccountingTests {

	private final ResilienceRegistries registries = ResilienceRegistries.ofDefaults();

	private final ScriptedProviderClient client = new ScriptedProviderClient("anthropic", 1, Tier.FULL);

	private final ProviderResilience provider = new ProviderResilienceFactory(this.registries,
			Resilience4jProperties.none(),
			new ResilienceSettings(2, ResilienceSettings.Backoff.NONE, Duration.ofMillis(1), 1, Duration.ofMillis(1), 0,
					Duration.ofSeconds(1), false, 50, Duration.ofSeconds(60), 1, Duration.ofMinutes(30)))
		.create(this.client);

	@ParameterizedTest
	@EnumSource(Way.class)
	void successAtOnceCountsAsSuccessWithoutRetry(Way way) {
		call(way);
		assertThat(metrics().getNumberOfSuccessfulCallsWithoutRetryAttempt()).isEqualTo(1);
		assertThat(metrics().getNumberOfTotalCalls()).isEqualTo(1);
		assertThat(this.client.calls()).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(Way.class)
	void failureThatIsNotRetryableCountsAsFailureWithoutRetry(Way way) {
		this.client.failWith(ErrorKind.BAD_REQUEST, 400);
		assertThatExceptionOfType(LlmException.class).isThrownBy(() -> call(way))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.BAD_REQUEST));
		assertThat(metrics().getNumberOfFailedCallsWithoutRetryAttempt()).isEqualTo(1);
		assertThat(this.client.calls()).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(Way.class)
	void retryableFailureIsRetriedAndCountsAsSuccessWithRetry(Way way) {
		this.client.failWith(ErrorKind.SERVER_ERROR, 503);
		call(way);
		assertThat(metrics().getNumberOfSuccessfulCallsWithRetryAttempt()).isEqualTo(1);
		assertThat(this.client.calls()).isEqualTo(2);
	}

	@ParameterizedTest
	@EnumSource(Way.class)
	void retriesEndAtTheConfiguredAttempts(Way way) {
		this.client.failAlways(ErrorKind.SERVER_ERROR, 503);
		assertThatExceptionOfType(LlmException.class).isThrownBy(() -> call(way))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(503));
		assertThat(metrics().getNumberOfFailedCallsWithRetryAttempt()).isEqualTo(1);
		assertThat(this.client.calls()).isEqualTo(3);
	}

	@Test
	void retryThatJudgesAnswersRetriesThemThroughItsOperator() {
		RetryConfigCustomizer judgesAnswers = RetryConfigCustomizer.of("anthropic", (builder) -> builder.retryOnResult(
				(answer) -> answer instanceof ChatResponse response && response.text().startsWith("answer from")));
		Resilience4jProperties none = Resilience4jProperties.none();
		Resilience4jProperties properties = new Resilience4jProperties(none.circuitBreaker(),
				none.circuitBreakerCustomizer(), none.retry(), new CompositeCustomizer<>(List.of(judgesAnswers)),
				none.timeLimiter(), none.timeLimiterCustomizer(), none.rateLimiter(), none.rateLimiterCustomizer(),
				none.bulkhead(), none.bulkheadCustomizer());
		ProviderResilience judging = new ProviderResilienceFactory(this.registries, properties,
				new ResilienceSettings(2, ResilienceSettings.Backoff.NONE, Duration.ofMillis(1), 1,
						Duration.ofMillis(1), 0, Duration.ofSeconds(1), false, 50, Duration.ofSeconds(60), 1,
						Duration.ofMinutes(30)))
			.create(this.client);
		ChatResponse answer = judging.chat(ChatRequest.of("hello"), new AttemptLog(null)).block(Duration.ofSeconds(10));
		assertThat(answer.text()).isEqualTo("answer from anthropic");
		assertThat(this.client.calls()).isEqualTo(3);
		assertThat(metrics().getNumberOfFailedCallsWithRetryAttempt()).isEqualTo(1);
		assertThat(metrics().getNumberOfSuccessfulCallsWithoutRetryAttempt()).isZero();
	}

	private void call(Way way) {
		if (way == Way.CHAT) {
			this.provider.chat(ChatRequest.of("hello"), new AttemptLog(null)).block(Duration.ofSeconds(10));
		}
		else {
			this.provider.stream(ChatRequest.of("hello"), new AttemptLog(null))
				.collectList()
				.block(Duration.ofSeconds(10));
		}
	}

	/**
	 * A whole answer, or a stream, whose failures before its first chunk are retried.
	 */
	enum Way {

		CHAT, STREAM

	}

	private Retry.Metrics metrics() {
		return this.registries.retries().retry("anthropic").getMetrics();
	}

}
