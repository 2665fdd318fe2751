package dev.llmfallback.provider.openai;

/**
 * A tool the model may call, in a request's {@code tools}.
 *
 * @param type always {@code function}
 * @param function the function
 */
record ChatCompletionTool(String type, ChatCompletionFunction function) {

}
