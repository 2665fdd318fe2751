package dev.llmfallback.gateway;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.llmfallback.Usage;

/**
 * Tokens a completion consumed, in OpenAI's names.
 *
 * @param promptTokens tokens of the prompt
 * @param completionTokens tokens of the answer
 * @param totalTokens both together
 */
record CompletionUsage(@JsonProperty("prompt_tokens") long promptTokens,
		@JsonProperty("completion_tokens") long completionTokens, @JsonProperty("total_tokens") long totalTokens) {

	static CompletionUsage of(Usage usage) {
		Usage tokens = (usage != null) ? usage : Usage.NONE;
		return new CompletionUsage(tokens.inputTokens(), tokens.outputTokens(), tokens.totalTokens());
	}

}
