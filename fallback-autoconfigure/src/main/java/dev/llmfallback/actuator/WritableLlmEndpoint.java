package dev.llmfallback.actuator;

import java.util.Locale;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code llm} endpoint with its write operation: an operator forces a provider's
 * breaker open, closes it, resets it or disables it. Only present with
 * {@code llm.endpoint.write-enabled=true}.
 */
@Endpoint(id = "llm")
public class WritableLlmEndpoint extends LlmEndpoint {

	/**
	 * Create the endpoint.
	 * @param state the router's state
	 */
	public WritableLlmEndpoint(RouterState state) {
		super(state);
	}

	/**
	 * Change a provider's breaker.
	 * @param provider the provider's name
	 * @param state {@code force-open}, {@code close}, {@code reset} or {@code disable}
	 * @return the provider's state afterwards
	 */
	@WriteOperation
	public ProviderView transition(@Selector String provider, String state) {
		CircuitBreaker breaker = state().circuitBreaker(provider)
			.orElseThrow(() -> new InvalidEndpointRequestException("No provider named '" + provider + "'",
					"No such provider"));
		switch ((state != null) ? state.toLowerCase(Locale.ROOT) : "") {
			case "force-open", "forced_open", "forced-open" -> breaker.transitionToForcedOpenState();
			case "close", "closed" -> breaker.transitionToClosedState();
			case "reset" -> breaker.reset();
			case "disable", "disabled" -> breaker.transitionToDisabledState();
			default -> throw new InvalidEndpointRequestException(
					"state must be one of force-open, close, reset, disable, was '" + state + "'", "Invalid state");
		}
		return state().provider(provider).orElseThrow();
	}

}
