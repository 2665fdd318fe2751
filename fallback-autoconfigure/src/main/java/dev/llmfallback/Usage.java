package dev.llmfallback;

/**
 * Tokens a call consumed.
 *
 * @param inputTokens tokens of the prompt, including cached ones
 * @param outputTokens tokens of the answer, including any reasoning tokens
 * @param cachedInputTokens part of {@code inputTokens} the provider served from its
 * prompt cache
 */
public record Usage(long inputTokens, long outputTokens, long cachedInputTokens) {

	/** No tokens: the answer came from no model call. */
	public static final Usage NONE = new Usage(0, 0, 0);

	public Usage {
		if (inputTokens < 0 || outputTokens < 0 || cachedInputTokens < 0) {
			throw new IllegalArgumentException("Usage token counts must not be negative");
		}
	}

	/**
	 * Usage without cached input tokens.
	 * @param inputTokens tokens of the prompt
	 * @param outputTokens tokens of the answer
	 * @return the usage
	 */
	public static Usage of(long inputTokens, long outputTokens) {
		return new Usage(inputTokens, outputTokens, 0);
	}

	/**
	 * Input and output tokens together.
	 * @return the total
	 */
	public long totalTokens() {
		return this.inputTokens + this.outputTokens;
	}

}
