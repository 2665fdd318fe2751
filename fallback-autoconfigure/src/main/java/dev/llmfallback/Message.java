package dev.llmfallback;

import java.util.List;
import java.util.Objects;

/**
 * One turn of a conversation. Its {@code toString()} never shows the content, so a
 * message can be logged without leaking prompt text.
 *
 * @param role who speaks
 * @param content the text; may be empty for an assistant turn that only calls tools
 * @param toolCalls the tool calls of an assistant turn, empty otherwise
 * @param toolCallId for a {@link Role#TOOL} turn, the id of the call it answers
 * @param toolName for a {@link Role#TOOL} turn, the name of the tool that was called
 */
public record Message(Role role, String content, List<ToolCall> toolCalls, String toolCallId, String toolName) {

	public Message {
		Objects.requireNonNull(role, "Message.role must not be null");
		content = (content != null) ? content : "";
		toolCalls = (toolCalls != null) ? List.copyOf(toolCalls) : List.of();
		if (role == Role.TOOL && (toolCallId == null || toolCallId.isBlank())) {
			throw new IllegalArgumentException("Message.toolCallId must be set for a tool result");
		}
		if (role != Role.ASSISTANT && !toolCalls.isEmpty()) {
			throw new IllegalArgumentException("Message.toolCalls are only allowed on an assistant message");
		}
	}

	/**
	 * A user turn.
	 * @param content the text
	 * @return the message
	 */
	public static Message user(String content) {
		return new Message(Role.USER, content, List.of(), null, null);
	}

	/**
	 * An assistant turn with text only.
	 * @param content the text
	 * @return the message
	 */
	public static Message assistant(String content) {
		return new Message(Role.ASSISTANT, content, List.of(), null, null);
	}

	/**
	 * An assistant turn that called tools.
	 * @param content the text that came with the calls, may be empty
	 * @param toolCalls the calls
	 * @return the message
	 */
	public static Message assistant(String content, List<ToolCall> toolCalls) {
		return new Message(Role.ASSISTANT, content, toolCalls, null, null);
	}

	/**
	 * The result of a tool call, sent back to the model.
	 * @param toolCallId the id of the call
	 * @param toolName the name of the tool
	 * @param content the result, usually JSON
	 * @return the message
	 */
	public static Message toolResult(String toolCallId, String toolName, String content) {
		return new Message(Role.TOOL, content, List.of(), toolCallId, toolName);
	}

	@Override
	public String toString() {
		return "Message[role=" + this.role + ", chars=" + this.content.length() + ", toolCalls=" + this.toolCalls.size()
				+ "]";
	}

	/**
	 * Who speaks in a turn.
	 */
	public enum Role {

		/** The application's user. */
		USER,

		/** The model. */
		ASSISTANT,

		/** The result of a tool the model called. */
		TOOL

	}

}
