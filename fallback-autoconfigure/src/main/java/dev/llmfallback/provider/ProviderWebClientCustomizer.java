package dev.llmfallback.provider;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Adjusts the {@link WebClient} of each provider, for example to add a filter or a proxy.
 * Declare beans of this type; they are applied in order. Requests go to the provider's
 * {@code base-url}: a base URL or URI builder factory set here is not used.
 */
@FunctionalInterface
public interface ProviderWebClientCustomizer {

	/**
	 * Customize the builder of one provider's client.
	 * @param settings the provider
	 * @param builder its own builder, cloned from the application's
	 */
	void customize(ProviderSettings settings, WebClient.Builder builder);

}
