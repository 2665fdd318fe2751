package dev.llmfallback.provider.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One choice of an answer or of a stream chunk.
 *
 * @param index the choice's index ({@code 0} unless {@code n > 1} was asked), or
 * {@code null} when a server leaves it out
 * @param message the whole message (answers)
 * @param delta the next piece of the message (stream chunks)
 * @param finishReason why the model stopped, or {@code null} while it goes on
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ChatCompletionChoice(Integer index, ChatCompletionMessage message, ChatCompletionMessage delta,
		@JsonProperty("finish_reason") String finishReason) {

}
