package dev.llmfallback.provider.gemini;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An answer of {@code generateContent}, or one event of {@code streamGenerateContent}
 * ({@code GenerateContentResponse}).
 *
 * @param candidates the candidates, absent when the prompt was blocked
 * @param promptFeedback why the prompt was blocked, or {@code null}
 * @param usageMetadata the tokens counted so far, or {@code null}
 * @param modelVersion the model that answered, or {@code null}
 * @param responseId the answer's id, or {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record GeminiResponse(List<GeminiCandidate> candidates, GeminiPromptFeedback promptFeedback,
		GeminiUsageMetadata usageMetadata, String modelVersion, String responseId) {

	/**
	 * The first candidate, the only one this client asks for.
	 * @return the candidate, or {@code null} when there is none
	 */
	GeminiCandidate firstCandidate() {
		return (this.candidates != null && !this.candidates.isEmpty()) ? this.candidates.get(0) : null;
	}

	/**
	 * Why the prompt was blocked.
	 * @return the block reason, or {@code null} when the prompt was answered
	 */
	String blockReason() {
		return (this.promptFeedback != null && firstCandidate() == null) ? this.promptFeedback.blockReason() : null;
	}

}
