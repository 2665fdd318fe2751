package dev.llmfallback.provider;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The wire format a provider speaks, with its default base URL and the environment
 * variables its API key is read from.
 */
public enum ProviderType {

	/** OpenAI Chat Completions. */
	OPENAI("openai", "https://api.openai.com/v1", List.of("OPENAI_API_KEY")),

	/** Anthropic Messages. */
	ANTHROPIC("anthropic", "https://api.anthropic.com", List.of("ANTHROPIC_API_KEY")),

	/** Google Gemini {@code generateContent}. */
	GOOGLE("google", "https://generativelanguage.googleapis.com", List.of("GEMINI_API_KEY", "GOOGLE_API_KEY")),

	/**
	 * A server speaking OpenAI Chat Completions at its own base URL (Ollama, vLLM, Groq,
	 * Together, Mistral, DeepSeek); the key is optional.
	 */
	OPENAI_COMPATIBLE("openai-compatible", null, List.of()),

	/** Azure OpenAI: deployment path, {@code api-key} header and {@code api-version}. */
	AZURE_OPENAI("azure-openai", null, List.of("AZURE_OPENAI_API_KEY"));

	private final String id;

	private final String defaultBaseUrl;

	private final List<String> apiKeyVariables;

	ProviderType(String id, String defaultBaseUrl, List<String> apiKeyVariables) {
		this.id = id;
		this.defaultBaseUrl = defaultBaseUrl;
		this.apiKeyVariables = apiKeyVariables;
	}

	/**
	 * The type's name in configuration, such as {@code openai-compatible}.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * The provider's public endpoint.
	 * @return the base URL, or {@code null} when the type has none and it must be
	 * configured
	 */
	public String defaultBaseUrl() {
		return this.defaultBaseUrl;
	}

	/**
	 * The environment variables an API key is read from when none is configured, in
	 * order.
	 * @return the variable names, empty when the type needs no key
	 */
	public List<String> apiKeyVariables() {
		return this.apiKeyVariables;
	}

	/**
	 * Whether calls need an API key.
	 * @return {@code true} for the hosted providers
	 */
	public boolean requiresApiKey() {
		return !this.apiKeyVariables.isEmpty();
	}

	/**
	 * The type with the given id; case, dashes and underscores do not matter, and
	 * {@code gemini} names {@link #GOOGLE}.
	 * @param id the id
	 * @return the type, or empty when no type has that id
	 */
	public static Optional<ProviderType> fromId(String id) {
		if (id == null) {
			return Optional.empty();
		}
		String normalized = id.trim().toLowerCase(Locale.ROOT).replace('_', '-');
		if (normalized.equals("gemini")) {
			return Optional.of(GOOGLE);
		}
		return Arrays.stream(values()).filter((type) -> type.id.equals(normalized)).findFirst();
	}

	/**
	 * The ids of every type, for messages.
	 * @return the ids, comma separated
	 */
	public static String ids() {
		return Arrays.stream(values()).map(ProviderType::id).collect(Collectors.joining(", "));
	}

}
