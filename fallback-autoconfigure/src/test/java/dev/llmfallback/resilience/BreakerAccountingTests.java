package dev.llmfallback.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.Tier;
import dev.llmfallback.provider.ProviderClient;
import dev.llmfallback.routing.ScriptedProviderClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A provider call holds its circuit breaker's permission from its start and reports its
 * end to the breaker as Resilience4j's own operator does: an answer as a success (once
 * the caller has it, or before while the breaker is half-open), a classified failure as
 * an error, a cancellation by giving the permission back; an open breaker refuses the
 * call without reaching the provider.
 */
class BreakerAccountingTests {

	private static final ResilienceSettings NO_RETRIES = new ResilienceSettings(0, ResilienceSettings.Backoff.NONE,
			Duration.ofMillis(1), 1, Duration.ofMillis(1), 0, Duration.ofSeconds(1), false, 50, Duration.ofSeconds(60),
			1, Duration.ofMinutes(30));

	private final ResilienceRegistries registries = ResilienceRegistries.ofDefaults();

	private final ScriptedProviderClient client = new ScriptedProviderClient("anthropic", 1, Tier.FULL);

	@Test
	void answerCountsAsSuccessfulCall() {
		ProviderResilience provider = decorate(this.client);
		provider.chat(ChatRequest.of("hello"), new AttemptLog(null)).block(Duration.ofSeconds(10));
		assertThat(provider.circuitBreaker().getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
		assertThat(provider.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
	}

	@Test
	void closedBreakerCountsAnAnswerOnceItsCallerHasIt() {
		ProviderResilience provider = decorate(this.client);
		CircuitBreaker.Metrics metrics = provider.circuitBreaker().getMetrics();
		List<Integer> countedWhenAnswered = new ArrayList<>();
		provider.chat(ChatRequest.of("hello"), new AttemptLog(null))
			.doOnNext((answer) -> countedWhenAnswered.add(metrics.getNumberOfSuccessfulCalls()))
			.block(Duration.ofSeconds(10));
		assertThat(countedWhenAnswered).containsExactly(0);
		assertThat(metrics.getNumberOfSuccessfulCalls()).isEqualTo(1);
	}

	@Test
	void halfOpenBreakerCountsItsProbeBeforeTheCallerHasTheAnswer() {
		ProviderResilience provider = decorate(this.client);
		CircuitBreaker breaker = provider.circuitBreaker();
		breaker.transitionToOpenState();
		breaker.transitionToHalfOpenState();
		List<CircuitBreaker.State> stateWhenAnswered = new ArrayList<>();
		provider.chat(ChatRequest.of("hello"), new AttemptLog(null))
			.doOnNext((answer) -> stateWhenAnswered.add(breaker.getState()))
			.block(Duration.ofSeconds(10));
		assertThat(stateWhenAnswered).as("the caller's next call finds the breaker closed, not half-open and full")
			.containsExactly(CircuitBreaker.State.CLOSED);
	}

	@Test
	void classifiedFailureCountsAsFailedCallAndIsRecorded() {
		ProviderResilience provider = decorate(this.client.failWith(ErrorKind.SERVER_ERROR, 503));
		AttemptLog log = new AttemptLog(null);
		assertThatExceptionOfType(LlmException.class)
			.isThrownBy(() -> provider.chat(ChatRequest.of("hello"), log).block(Duration.ofSeconds(10)))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(503));
		assertThat(provider.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
		assertThat(log.attempts()).singleElement().satisfies((attempt) -> assertThat(attempt.status()).isEqualTo(503));
	}

	@Test
	void openBreakerRefusesWithoutCallingTheProvider() {
		ProviderResilience provider = decorate(this.client);
		provider.circuitBreaker().transitionToOpenState();
		AttemptLog log = new AttemptLog(null);
		assertThatExceptionOfType(LlmException.class)
			.isThrownBy(() -> provider.chat(ChatRequest.of("hello"), log).block(Duration.ofSeconds(10)))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.CIRCUIT_OPEN));
		assertThat(this.client.calls()).isZero();
		assertThat(log.attempts()).singleElement()
			.satisfies((attempt) -> assertThat(attempt.kind()).isEqualTo(ErrorKind.CIRCUIT_OPEN));
	}

	@Test
	void cancelledCallGivesItsHalfOpenPermissionBack() {
		ProviderResilience provider = decorate(new SilentProviderClient(this.client.settings(), false));
		CircuitBreaker breaker = provider.circuitBreaker();
		breaker.transitionToOpenState();
		breaker.transitionToHalfOpenState();
		Disposable call = provider.chat(ChatRequest.of("hello"), new AttemptLog(null)).subscribe();
		assertThat(breaker.tryAcquirePermission()).as("the one half-open permission is held").isFalse();
		call.dispose();
		assertThat(breaker.tryAcquirePermission()).as("the cancelled call gave it back").isTrue();
		assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).isZero();
	}

	private ProviderResilience decorate(ProviderClient client) {
		return new ProviderResilienceFactory(this.registries, Resilience4jProperties.none(), NO_RETRIES).create(client);
	}

}
