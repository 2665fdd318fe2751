package dev.llmfallback.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A tool call in a message (without {@code index}) or a piece of one in a delta (with
 * it).
 *
 * @param index the call's position, in deltas only
 * @param id the call's id, on its first piece
 * @param type {@code function}, on its first piece
 * @param function the function's name and arguments
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CompletionToolCall(Integer index, String id, String type, Function function) {

	/**
	 * The function a tool call names.
	 *
	 * @param name the function's name, on the first piece
	 * @param arguments the arguments' JSON text, or its next part
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Function(String name, String arguments) {

	}

}
