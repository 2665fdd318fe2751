package dev.llmfallback.provider.gemini;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One candidate answer ({@code Candidate}).
 *
 * @param content the answer's parts, possibly absent or empty
 * @param finishReason why the model stopped, as Gemini names it, or {@code null}
 * @param index the candidate's index, or {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record GeminiCandidate(GeminiContent content, String finishReason, Integer index) {

	/**
	 * The parts of the answer.
	 * @return the parts, empty when the candidate has no content
	 */
	List<GeminiPart> parts() {
		return (this.content != null && this.content.parts() != null) ? this.content.parts() : List.of();
	}

}
