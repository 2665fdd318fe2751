package dev.llmfallback.autoconfigure;

import java.util.List;

import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.routing.FallbackPolicy;

/**
 * The validated configuration, with every default resolved: what {@link LlmProperties}
 * means.
 *
 * @param providers the enabled providers, in the order they are tried
 * @param fallbackPolicy which failures fall back to the next provider
 * @param maxRetries retries of a provider after its first call
 * @param backoff delay between retries
 */
public record LlmSettings(List<ProviderSettings> providers, FallbackPolicy fallbackPolicy, int maxRetries,
		LlmProperties.Backoff backoff) {

	public LlmSettings {
		providers = List.copyOf(providers);
	}

}
