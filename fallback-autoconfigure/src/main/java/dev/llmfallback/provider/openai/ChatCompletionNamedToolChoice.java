package dev.llmfallback.provider.openai;

/**
 * A {@code tool_choice} that names the function the model must call.
 *
 * @param type {@code function}
 * @param function the function
 */
record ChatCompletionNamedToolChoice(String type, Function function) {

	static ChatCompletionNamedToolChoice of(String name) {
		return new ChatCompletionNamedToolChoice("function", new Function(name));
	}

	/**
	 * The function to call.
	 *
	 * @param name its name
	 */
	record Function(String name) {

	}

}
