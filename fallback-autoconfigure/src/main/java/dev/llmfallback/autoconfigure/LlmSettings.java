package dev.llmfallback.autoconfigure;

import java.util.List;
import java.util.Map;

import dev.llmfallback.cost.BudgetSettings;
import dev.llmfallback.cost.Price;
import dev.llmfallback.degradation.DegradationSettings;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.resilience.ResilienceSettings;
import dev.llmfallback.routing.RoutingSettings;
import dev.llmfallback.routing.RoutingStrategy;

/**
 * The validated configuration, with every default resolved: what {@link LlmProperties}
 * means.
 *
 * @param providers the enabled providers, in priority order
 * @param routing how the router walks them
 * @param strategy the order of providers within a tier
 * @param resilience the defaults of their Resilience4j instances
 * @param degradation the levels below the providers
 * @param prices the prices configured per provider name
 * @param budget the spend limits
 */
public record LlmSettings(List<ProviderSettings> providers, RoutingSettings routing, RoutingStrategy strategy,
		ResilienceSettings resilience, DegradationSettings degradation, Map<String, Price> prices,
		BudgetSettings budget) {

	public LlmSettings {
		providers = List.copyOf(providers);
		prices = Map.copyOf(prices);
	}

}
