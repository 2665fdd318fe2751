package dev.llmfallback.provider.openai;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Chat Completions answer ({@code chat.completion}) or one chunk of a stream
 * ({@code chat.completion.chunk}): both share this shape.
 *
 * @param model the model that answered
 * @param choices the choices; empty in a stream's usage chunk
 * @param usage the tokens consumed, or {@code null}
 * @param error an error payload in place of an answer, or {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ChatCompletionResponse(String model, List<ChatCompletionChoice> choices, ChatCompletionUsage usage,
		JsonNode error) {

}
