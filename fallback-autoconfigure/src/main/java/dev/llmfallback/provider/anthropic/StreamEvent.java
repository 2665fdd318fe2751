package dev.llmfallback.provider.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The JSON data of one server-sent event of a stream; which fields are set depends on the
 * event type. Unknown fields are ignored.
 *
 * @param type the event type, the same as the SSE event name
 * @param message the message shell of {@code message_start}
 * @param index the content block index of {@code content_block_*} events
 * @param contentBlock the initial block of {@code content_block_start}
 * @param delta the change of {@code content_block_delta} and {@code message_delta}
 * @param usage the cumulative usage of {@code message_delta}
 * @param error the error of an {@code error} event
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record StreamEvent(String type, MessagesResponse message, Integer index,
		@JsonProperty("content_block") ResponseContentBlock contentBlock, StreamDelta delta, AnthropicUsage usage,
		ErrorDetail error) {

}
