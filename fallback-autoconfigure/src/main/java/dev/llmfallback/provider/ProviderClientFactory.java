package dev.llmfallback.provider;

/**
 * Creates the client of a configured provider. Declare a bean of this type to replace how
 * clients are made, for example to add a wire format.
 */
@FunctionalInterface
public interface ProviderClientFactory {

	/**
	 * Create the client of a provider.
	 * @param settings the provider
	 * @return its client
	 */
	ProviderClient create(ProviderSettings settings);

}
