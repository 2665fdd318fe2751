package dev.llmfallback.actuator;

import java.time.Instant;

/**
 * What an operator sees of one provider: its breaker's state and metrics, when an open
 * breaker half-opens, and its last error.
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
 * @param lastError the last failure, or {@code null}
 * @param halfOpensAt when the open breaker lets a probe through, or {@code null} when it
 * is not open or is forced open
 */
public record ProviderView(String name, String type, String model, String tier, String state, float failureRate,
		float slowCallRate, int bufferedCalls, int failedCalls, long notPermittedCalls,
		RoutingEventLog.LastError lastError, Instant halfOpensAt) {

}
