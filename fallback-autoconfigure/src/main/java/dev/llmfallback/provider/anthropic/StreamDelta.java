package dev.llmfallback.provider.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code delta} of a stream event: a block delta ({@code text_delta},
 * {@code input_json_delta}, {@code thinking_delta}, {@code signature_delta}) or the
 * message delta carrying the stop reason. Unknown fields are ignored.
 *
 * @param type the block delta type, {@code null} in a {@code message_delta}
 * @param text the text of a {@code text_delta}
 * @param partialJson the arguments piece of an {@code input_json_delta}
 * @param stopReason the stop reason of a {@code message_delta}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record StreamDelta(String type, String text, @JsonProperty("partial_json") String partialJson,
		@JsonProperty("stop_reason") String stopReason) {

}
