package dev.llmfallback;

/**
 * A piece of a tool call in a stream. The first piece of a call carries its id and name;
 * later pieces with the same index carry more argument text.
 *
 * @param index position of the call within the answer
 * @param id the call's id, on the first piece only
 * @param name the tool's name, on the first piece only
 * @param argumentsDelta the next part of the arguments' JSON text, possibly empty
 * @param signature the call's {@link ToolCall#signature() signature}, on the piece that
 * carries it, or {@code null}
 */
public record ToolCallDelta(int index, String id, String name, String argumentsDelta, String signature) {

	public ToolCallDelta {
		argumentsDelta = (argumentsDelta != null) ? argumentsDelta : "";
	}

	/**
	 * Create a piece without a signature.
	 * @param index position of the call within the answer
	 * @param id the call's id, on the first piece only
	 * @param name the tool's name, on the first piece only
	 * @param argumentsDelta the next part of the arguments' JSON text, possibly empty
	 */
	public ToolCallDelta(int index, String id, String name, String argumentsDelta) {
		this(index, id, name, argumentsDelta, null);
	}

}
