package dev.llmfallback.provider;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Creates the client of each provider type over its own {@link ProviderWebClients
 * WebClient}.
 */
public class DefaultProviderClientFactory implements ProviderClientFactory {

	private final ProviderWebClients webClients;

	private final ObjectMapper objectMapper;

	/**
	 * Create the factory.
	 * @param webClients creates each provider's WebClient
	 * @param objectMapper reads and writes the providers' JSON
	 */
	public DefaultProviderClientFactory(ProviderWebClients webClients, ObjectMapper objectMapper) {
		this.webClients = webClients;
		this.objectMapper = objectMapper;
	}

	@Override
	public ProviderClient create(ProviderSettings settings) {
		throw new UnsupportedOperationException("Wire codecs are merged next: " + settings.type().id());
	}

}
