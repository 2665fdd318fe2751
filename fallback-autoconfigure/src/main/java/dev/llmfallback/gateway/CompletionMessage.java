package dev.llmfallback.gateway;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An assistant message, or a delta of one: role, text and tool calls, each omitted when
 * {@code null}.
 *
 * @param role {@code assistant}, or {@code null} in later deltas
 * @param content the text, or {@code null}
 * @param toolCalls the tool calls, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CompletionMessage(String role, String content, @JsonProperty("tool_calls") List<CompletionToolCall> toolCalls) {

	static final CompletionMessage EMPTY_DELTA = new CompletionMessage(null, null, null);

}
