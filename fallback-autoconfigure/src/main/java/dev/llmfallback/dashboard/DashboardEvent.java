package dev.llmfallback.dashboard;

import dev.llmfallback.actuator.RoutingEvent;

/**
 * A routing event as the dashboard's feed shows it. Never carries prompt text.
 *
 * @param time when it happened (ISO-8601)
 * @param type what happened, such as {@code FAILOVER} or {@code BREAKER_TRANSITION}
 * @param provider the provider concerned, or {@code null}
 * @param kind the error kind, level or state concerned, or {@code null}
 * @param detail a short description
 */
public record DashboardEvent(String time, String type, String provider, String kind, String detail) {

	static DashboardEvent of(RoutingEvent event) {
		return new DashboardEvent(event.time().toString(), event.type().name(), event.provider(), event.kind(),
				event.detail());
	}

}
