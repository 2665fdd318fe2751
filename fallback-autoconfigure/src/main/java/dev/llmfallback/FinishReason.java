package dev.llmfallback;

/**
 * Why a model stopped, normalised across providers.
 */
public enum FinishReason {

	/** The model finished its answer or hit a stop sequence. */
	STOP,

	/** The answer was cut at the maximum number of output tokens. */
	LENGTH,

	/** The model asks for tool calls. */
	TOOL_CALLS,

	/** The provider's safety or content policy stopped the answer. */
	CONTENT_FILTER,

	/** Any other reason, including ones a provider adds later. */
	OTHER

}
