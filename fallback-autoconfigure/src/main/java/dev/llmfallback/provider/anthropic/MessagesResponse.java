package dev.llmfallback.provider.anthropic;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of {@code POST /v1/messages}, also the message shell of a stream's
 * {@code message_start} event. Unknown fields are ignored.
 *
 * @param id the message id
 * @param type {@code message}, or {@code error} for an error body
 * @param model the model that answered
 * @param content the content blocks, empty in a {@code message_start} event
 * @param stopReason why the model stopped, or {@code null}
 * @param usage the tokens consumed
 * @param error the error, when {@code type} is {@code error}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record MessagesResponse(String id, String type, String model, List<ResponseContentBlock> content,
		@JsonProperty("stop_reason") String stopReason, AnthropicUsage usage, ErrorDetail error) {

}
