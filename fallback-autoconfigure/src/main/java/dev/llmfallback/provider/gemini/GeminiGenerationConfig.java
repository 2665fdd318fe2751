package dev.llmfallback.provider.gemini;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Output limits, sampling and the answer's format of a request
 * ({@code GenerationConfig}).
 *
 * @param maxOutputTokens the most output tokens, or {@code null}
 * @param temperature the sampling temperature, or {@code null}
 * @param stopSequences where to stop, or {@code null}
 * @param responseMimeType {@code application/json} for a JSON answer, or {@code null}
 * @param responseSchema the answer's schema in Gemini's OpenAPI subset, or {@code null}
 * @param responseJsonSchema the answer's JSON Schema, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record GeminiGenerationConfig(Integer maxOutputTokens, Double temperature, List<String> stopSequences,
		String responseMimeType, Map<String, Object> responseSchema, Map<String, Object> responseJsonSchema) {

	boolean isEmpty() {
		return this.maxOutputTokens == null && this.temperature == null && this.stopSequences == null
				&& this.responseMimeType == null;
	}

}
