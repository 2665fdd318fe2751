package dev.llmfallback.provider.gemini;

import dev.llmfallback.FinishReason;

/**
 * Gemini's {@code Candidate.FinishReason} names, normalised. Gemini has no tool-call
 * reason (a function-call turn ends with {@code STOP}): an answer with function calls is
 * {@link FinishReason#TOOL_CALLS} unless it was cut or filtered.
 */
final class GeminiFinishReasons {

	private GeminiFinishReasons() {
	}

	/**
	 * The normalised reason.
	 * @param reason Gemini's reason, or {@code null}
	 * @param hasFunctionCalls whether the answer calls functions
	 * @return the reason, {@link FinishReason#OTHER} for unknown names
	 */
	static FinishReason of(String reason, boolean hasFunctionCalls) {
		FinishReason normalized = of(reason);
		if (hasFunctionCalls && normalized != FinishReason.LENGTH && normalized != FinishReason.CONTENT_FILTER) {
			return FinishReason.TOOL_CALLS;
		}
		return normalized;
	}

	private static FinishReason of(String reason) {
		if (reason == null) {
			return FinishReason.OTHER;
		}
		return switch (reason) {
			case "STOP" -> FinishReason.STOP;
			case "MAX_TOKENS" -> FinishReason.LENGTH;
			case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY",
					"IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION" ->
				FinishReason.CONTENT_FILTER;
			default -> FinishReason.OTHER;
		};
	}

}
