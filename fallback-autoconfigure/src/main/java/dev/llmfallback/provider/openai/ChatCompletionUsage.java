package dev.llmfallback.provider.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code usage} of an answer or of a stream's usage chunk.
 *
 * @param promptTokens tokens of the prompt, cached ones included
 * @param completionTokens tokens of the answer, reasoning ones included
 * @param promptTokensDetails the prompt's breakdown, or {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ChatCompletionUsage(@JsonProperty("prompt_tokens") Long promptTokens,
		@JsonProperty("completion_tokens") Long completionTokens,
		@JsonProperty("prompt_tokens_details") PromptTokensDetails promptTokensDetails) {

	/**
	 * The breakdown of the prompt tokens.
	 *
	 * @param cachedTokens tokens served from the prompt cache, or {@code null}
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record PromptTokensDetails(@JsonProperty("cached_tokens") Long cachedTokens) {

	}

}
