package dev.llmfallback.provider.openai;

import java.util.Map;

/**
 * The function of a tool definition.
 *
 * @param name the function's name
 * @param description what it does, possibly empty
 * @param parameters the JSON schema of its arguments
 */
record ChatCompletionFunction(String name, String description, Map<String, Object> parameters) {

}
