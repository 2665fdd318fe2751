package dev.llmfallback.provider;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.llmfallback.provider.anthropic.AnthropicClient;
import dev.llmfallback.provider.gemini.GeminiClient;
import dev.llmfallback.provider.openai.OpenAiClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Creates the client of each provider type (OpenAI and the servers that speak its format,
 * Anthropic, Gemini) over its own {@link ProviderWebClients WebClient}.
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
		WebClient webClient = this.webClients.create(settings);
		return switch (settings.type()) {
			case OPENAI, OPENAI_COMPATIBLE, AZURE_OPENAI -> new OpenAiClient(settings, webClient, this.objectMapper);
			case ANTHROPIC -> new AnthropicClient(settings, webClient, this.objectMapper);
			case GOOGLE -> new GeminiClient(settings, webClient, this.objectMapper);
		};
	}

}
