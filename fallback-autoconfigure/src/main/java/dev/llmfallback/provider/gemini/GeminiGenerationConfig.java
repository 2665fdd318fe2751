package dev.llmfallback.provider.gemini;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Output limits and sampling of a request ({@code GenerationConfig}).
 *
 * @param maxOutputTokens the most output tokens, or {@code null}
 * @param temperature the sampling temperature, or {@code null}
 * @param stopSequences where to stop, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record GeminiGenerationConfig(Integer maxOutputTokens, Double temperature, List<String> stopSequences) {

	boolean isEmpty() {
		return this.maxOutputTokens == null && this.temperature == null && this.stopSequences == null;
	}

}
