package dev.llmfallback;

/**
 * A piece of a tool call in a stream. The first piece of a call carries its id and name;
 * later pieces with the same index carry more argument text.
 *
 * @param index position of the call within the answer
 * @param id the call's id, on the first piece only
 * @param name the tool's name, on the first piece only
 * @param argumentsDelta the next part of the arguments' JSON text, possibly empty
 */
public record ToolCallDelta(int index, String id, String name, String argumentsDelta) {

	public ToolCallDelta {
		argumentsDelta = (argumentsDelta != null) ? argumentsDelta : "";
	}

}
