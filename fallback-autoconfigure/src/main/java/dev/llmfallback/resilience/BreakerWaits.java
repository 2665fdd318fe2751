package dev.llmfallback.resilience;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * How long each provider's circuit breaker still refuses calls, kept for the router,
 * which passes a skipped provider's wait on, and for the operators' views, which show
 * when an open breaker lets a probe through.
 */
public final class BreakerWaits {

	private final Map<CircuitBreaker, BreakerWait> waits = new ConcurrentHashMap<>();

	/**
	 * The wait of a breaker, followed from now on.
	 * @param breaker the breaker
	 * @return its wait, the same for every call
	 */
	BreakerWait of(CircuitBreaker breaker) {
		return this.waits.computeIfAbsent(breaker, BreakerWait::new);
	}

	/**
	 * How long until a breaker lets a call through.
	 * @param breaker the breaker
	 * @return the time left, or {@code null} when the breaker is not open, is forced
	 * open, is due to half-open now or does not decorate a provider
	 */
	public Duration remaining(CircuitBreaker breaker) {
		BreakerWait wait = this.waits.get(breaker);
		return (wait != null) ? wait.remaining() : null;
	}

}
