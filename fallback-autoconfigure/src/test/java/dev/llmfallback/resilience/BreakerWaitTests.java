package dev.llmfallback.resilience;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An open breaker's time left is learned from its transitions, with the wait its config
 * gives for each opening since it last closed.
 */
class BreakerWaitTests {

	@Test
	void openBreakerHasItsWaitLeft() {
		CircuitBreaker breaker = breaker(IntervalFunction.of(Duration.ofSeconds(60)));
		BreakerWait wait = new BreakerWait(breaker);
		breaker.transitionToOpenState();
		assertThat(wait.remaining()).isGreaterThan(Duration.ofSeconds(59)).isLessThanOrEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void breakerThatIsNotOpenHasNoWait() {
		CircuitBreaker breaker = breaker(IntervalFunction.of(Duration.ofSeconds(60)));
		BreakerWait wait = new BreakerWait(breaker);
		assertThat(wait.remaining()).as("closed").isNull();
		breaker.transitionToOpenState();
		breaker.transitionToHalfOpenState();
		assertThat(wait.remaining()).as("half-open").isNull();
		breaker.transitionToForcedOpenState();
		assertThat(wait.remaining()).as("forced open, until someone closes it").isNull();
	}

	@Test
	void reopeningAfterAFailedProbeWaitsWhatTheIntervalFunctionGivesForTheNextOpening() {
		CircuitBreaker breaker = breaker(IntervalFunction.ofExponentialBackoff(Duration.ofSeconds(10), 2));
		BreakerWait wait = new BreakerWait(breaker);
		breaker.transitionToOpenState();
		assertThat(wait.remaining()).as("first opening").isBetween(Duration.ofSeconds(9), Duration.ofSeconds(10));
		breaker.transitionToHalfOpenState();
		breaker.transitionToOpenState();
		assertThat(wait.remaining()).as("second opening").isBetween(Duration.ofSeconds(19), Duration.ofSeconds(20));
		breaker.transitionToHalfOpenState();
		breaker.transitionToClosedState();
		breaker.transitionToOpenState();
		assertThat(wait.remaining()).as("first opening after closing")
			.isBetween(Duration.ofSeconds(9), Duration.ofSeconds(10));
	}

	@Test
	void breakerOpenedForASetTimeHasThatTimeLeft() {
		CircuitBreaker breaker = breaker(IntervalFunction.of(Duration.ofSeconds(60)));
		BreakerWait wait = new BreakerWait(breaker);
		breaker.transitionToOpenStateFor(Duration.ofMinutes(30));
		wait.openFor(Duration.ofMinutes(30));
		assertThat(wait.remaining()).isBetween(Duration.ofMinutes(29), Duration.ofMinutes(30));
	}

	private static CircuitBreaker breaker(IntervalFunction waitInOpenState) {
		return CircuitBreaker.of("anthropic",
				CircuitBreakerConfig.custom().waitIntervalFunctionInOpenState(waitInOpenState).build());
	}

}
