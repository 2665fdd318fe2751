package dev.llmfallback.actuator;

import java.time.Instant;

/**
 * Something the router did that an operator may want to see: a failover, a breaker
 * transition, a degraded answer, a budget switch. Never carries prompt text.
 *
 * @param time when it happened
 * @param type what happened
 * @param provider the provider concerned, or {@code null}
 * @param kind the error kind, level or state concerned, or {@code null}
 * @param detail a short description
 */
public record RoutingEvent(Instant time, Type type, String provider, String kind, String detail) {

	/**
	 * What happened.
	 */
	public enum Type {

		/** A provider failed or was skipped and the request moved on. */
		FAILOVER,

		/** A provider's circuit breaker changed state. */
		BREAKER_TRANSITION,

		/** A request was answered below the full level. */
		DEGRADED,

		/** The spend budgets' decision changed. */
		BUDGET

	}

}
