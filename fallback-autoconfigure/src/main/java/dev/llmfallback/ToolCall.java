package dev.llmfallback;

/**
 * A call of a tool that the model asks for.
 *
 * @param id the provider's id of the call, to be echoed in the tool result
 * @param name the tool's name
 * @param arguments the arguments as a JSON object text (the model may produce invalid
 * JSON)
 */
public record ToolCall(String id, String name, String arguments) {

	public ToolCall {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("ToolCall.name must be set");
		}
		arguments = (arguments != null && !arguments.isBlank()) ? arguments : "{}";
	}

}
