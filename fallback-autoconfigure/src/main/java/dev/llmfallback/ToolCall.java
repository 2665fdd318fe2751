package dev.llmfallback;

/**
 * A call of a tool that the model asks for. Pass it back unchanged, in the assistant
 * message of the next request, so that the provider sees its own call again.
 *
 * @param id the provider's id of the call, to be echoed in the tool result
 * @param name the tool's name
 * @param arguments the arguments as a JSON object text (the model may produce invalid
 * JSON)
 * @param signature an opaque signature of the model's reasoning that came with the call
 * (Gemini's {@code thoughtSignature}), sent back with it to the same kind of provider and
 * ignored by the others; {@code null} when there is none
 */
public record ToolCall(String id, String name, String arguments, String signature) {

	public ToolCall {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("ToolCall.name must be set");
		}
		arguments = (arguments != null && !arguments.isBlank()) ? arguments : "{}";
	}

	/**
	 * Create a call without a signature.
	 * @param id the provider's id of the call
	 * @param name the tool's name
	 * @param arguments the arguments as a JSON object text
	 */
	public ToolCall(String id, String name, String arguments) {
		this(id, name, arguments, null);
	}

}
