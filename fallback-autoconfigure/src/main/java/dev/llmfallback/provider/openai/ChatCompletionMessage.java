package dev.llmfallback.provider.openai;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A message of the conversation: sent in requests, received as a choice's {@code message}
 * and, in pieces, as a stream chunk's {@code delta}.
 *
 * @param role {@code system}, {@code user}, {@code assistant} or {@code tool}; absent
 * from most deltas
 * @param content the text, or {@code null}
 * @param refusal the model's refusal text, or {@code null} (responses only)
 * @param toolCalls the tool calls of an assistant message, or {@code null}
 * @param toolCallId for a tool message, the id of the call it answers
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
record ChatCompletionMessage(String role, String content, String refusal,
		@JsonProperty("tool_calls") List<ChatCompletionToolCall> toolCalls,
		@JsonProperty("tool_call_id") String toolCallId) {

}
