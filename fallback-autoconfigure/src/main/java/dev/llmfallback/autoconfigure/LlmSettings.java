package dev.llmfallback.autoconfigure;

import java.util.List;

import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.resilience.ResilienceSettings;
import dev.llmfallback.routing.RoutingSettings;

/**
 * The validated configuration, with every default resolved: what {@link LlmProperties}
 * means.
 *
 * @param providers the enabled providers, in the order they are tried
 * @param routing how the router walks them
 * @param resilience the defaults of their Resilience4j instances
 */
public record LlmSettings(List<ProviderSettings> providers, RoutingSettings routing, ResilienceSettings resilience) {

	public LlmSettings {
		providers = List.copyOf(providers);
	}

}
