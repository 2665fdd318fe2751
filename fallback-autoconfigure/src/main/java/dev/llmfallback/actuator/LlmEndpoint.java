package dev.llmfallback.actuator;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.llmfallback.cost.BudgetStatus;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code llm} actuator endpoint: providers with breaker state and metrics, the level
 * a new request can reach, budgets and spend, cache statistics and the recent routing
 * events. Never shows prompt text or keys.
 */
@Endpoint(id = "llm")
public class LlmEndpoint {

	private final RouterState state;

	/**
	 * Create the endpoint.
	 * @param state the router's state
	 */
	public LlmEndpoint(RouterState state) {
		this.state = state;
	}

	/**
	 * The whole router.
	 * @return its state
	 */
	@ReadOperation
	public Map<String, Object> router() {
		Map<String, Object> router = new LinkedHashMap<>();
		router.put("level", this.state.reachableLevel().name().toLowerCase(Locale.ROOT));
		router.put("providers", this.state.providers());
		router.put("budget", budget(this.state.budget()));
		router.put("cache", this.state.cache());
		router.put("events", this.state.events().recent());
		return router;
	}

	/**
	 * One provider.
	 * @param provider the provider's name
	 * @return its state, or {@code null} (404) when no provider has that name
	 */
	@ReadOperation
	public ProviderView provider(@Selector String provider) {
		return this.state.provider(provider).orElse(null);
	}

	/**
	 * The router's state, for subclasses.
	 * @return the state
	 */
	protected RouterState state() {
		return this.state;
	}

	private static Map<String, Object> budget(BudgetStatus status) {
		Map<String, Object> budget = new LinkedHashMap<>();
		budget.put("decision", status.decision().name().toLowerCase(Locale.ROOT));
		budget.put("strongestTier",
				(status.strongestTier() != null) ? status.strongestTier().name().toLowerCase(Locale.ROOT) : null);
		budget.put("windows", status.windows());
		return budget;
	}

}
