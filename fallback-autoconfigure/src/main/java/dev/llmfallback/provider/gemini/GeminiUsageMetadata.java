package dev.llmfallback.provider.gemini;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.llmfallback.Usage;

/**
 * The tokens of a call ({@code UsageMetadata}).
 *
 * @param promptTokenCount tokens of the prompt
 * @param candidatesTokenCount tokens of the answer, without thinking
 * @param thoughtsTokenCount tokens of thinking
 * @param cachedContentTokenCount tokens of the prompt served from the cache
 * @param totalTokenCount all tokens
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record GeminiUsageMetadata(Integer promptTokenCount, Integer candidatesTokenCount, Integer thoughtsTokenCount,
		Integer cachedContentTokenCount, Integer totalTokenCount) {

	/**
	 * The usage: output counts the answer and the thinking.
	 * @return the usage
	 */
	Usage toUsage() {
		return new Usage(count(this.promptTokenCount),
				count(this.candidatesTokenCount) + count(this.thoughtsTokenCount), count(this.cachedContentTokenCount));
	}

	private static long count(Integer value) {
		return (value != null && value > 0) ? value : 0;
	}

}
