package dev.llmfallback.resilience;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;

/**
 * How long an open circuit breaker still refuses calls. Resilience4j keeps the end of its
 * open state to itself, so it is learned from the breaker's transitions: each opening
 * lasts what the breaker's wait interval function gives for the openings since it last
 * closed, as Resilience4j counts them, unless whoever opened it set the time with
 * {@link #openFor(Duration)}. A breaker opened until a given time by another instance
 * (through Redis) may reopen sooner than this tells, never later.
 */
final class BreakerWait {

	private final CircuitBreaker breaker;

	private volatile int openings;

	private volatile long openUntilNanos;

	BreakerWait(CircuitBreaker breaker) {
		this.breaker = breaker;
		breaker.getEventPublisher().onStateTransition(this::transitioned);
	}

	private void transitioned(CircuitBreakerOnStateTransitionEvent event) {
		CircuitBreaker.State state = event.getStateTransition().getToState();
		if (state == CircuitBreaker.State.OPEN) {
			int opening = this.openings + 1;
			this.openings = opening;
			long millis = this.breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(opening);
			this.openUntilNanos = System.nanoTime() + Duration.ofMillis(millis).toNanos();
		}
		else if (state == CircuitBreaker.State.CLOSED) {
			this.openings = 0;
		}
	}

	/**
	 * The breaker was just opened for a set time, as for an exhausted quota.
	 * @param duration how long it stays open
	 */
	void openFor(Duration duration) {
		this.openUntilNanos = System.nanoTime() + duration.toNanos();
	}

	/**
	 * How long until the breaker lets a call through.
	 * @return the time left, or {@code null} when the breaker is not open, is forced open
	 * (it stays so until someone closes it) or is due to half-open now
	 */
	Duration remaining() {
		if (this.breaker.getState() != CircuitBreaker.State.OPEN) {
			return null;
		}
		long left = this.openUntilNanos - System.nanoTime();
		return (left > 0) ? Duration.ofNanos(left) : null;
	}

}
