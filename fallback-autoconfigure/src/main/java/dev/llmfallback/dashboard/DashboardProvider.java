package dev.llmfallback.dashboard;

import dev.llmfallback.actuator.ProviderView;

/**
 * One provider's card on the dashboard.
 *
 * @param name the configured name
 * @param type the wire type
 * @param model the model
 * @param tier the tier
 * @param state the circuit breaker's state
 * @param failureRate the breaker's failure rate in percent, or -1 before enough calls
 * @param slowCallRate the breaker's slow-call rate in percent, or -1 before enough calls
 * @param bufferedCalls calls in the breaker's window
 * @param failedCalls failed calls in the breaker's window
 * @param notPermittedCalls calls refused while the breaker was open
 * @param averageLatencyMs the weighted average answer time in milliseconds, or
 * {@code null} before the first answer
 * @param p95LatencyMs the 95th percentile of recent answer times in milliseconds, or
 * {@code null} while there are too few samples
 * @param lastErrorKind the kind of the last failure, or {@code null}
 * @param lastErrorStatus the HTTP status of the last failure, or {@code null}
 * @param lastErrorAt when the last failure happened (ISO-8601), or {@code null}
 * @param halfOpensAt when the open breaker lets a probe through (ISO-8601), or
 * {@code null} when it is not open or is forced open
 */
public record DashboardProvider(String name, String type, String model, String tier, String state, float failureRate,
		float slowCallRate, int bufferedCalls, int failedCalls, long notPermittedCalls, Long averageLatencyMs,
		Long p95LatencyMs, String lastErrorKind, Integer lastErrorStatus, String lastErrorAt, String halfOpensAt) {

	static DashboardProvider of(ProviderView view, Long averageLatencyMs, Long p95LatencyMs) {
		return new DashboardProvider(view.name(), view.type(), view.model(), view.tier(), view.state(),
				view.failureRate(), view.slowCallRate(), view.bufferedCalls(), view.failedCalls(),
				view.notPermittedCalls(), averageLatencyMs, p95LatencyMs,
				(view.lastError() != null) ? view.lastError().kind() : null,
				(view.lastError() != null) ? view.lastError().status() : null,
				(view.lastError() != null) ? view.lastError().at().toString() : null,
				(view.halfOpensAt() != null) ? view.halfOpensAt().toString() : null);
	}

}
