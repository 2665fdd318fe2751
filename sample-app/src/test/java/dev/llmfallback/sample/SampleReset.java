package dev.llmfallback.sample;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import dev.llmfallback.sample.simulator.ProviderSimulator;

/**
 * Puts the shared sample application back to healthy providers and closed breakers
 * between tests.
 */
final class SampleReset {

	private SampleReset() {
	}

	static void heal(ProviderSimulator simulator, CircuitBreakerRegistry circuitBreakers) {
		ProviderSimulator.PROVIDERS.forEach(simulator::heal);
		circuitBreakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
	}

}
