package dev.llmfallback.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A choice of a {@link Completion}: a whole {@code message}, or in a stream a
 * {@code delta}; the finish reason is always written, {@code null} until the end.
 *
 * @param index the choice's index, always 0
 * @param message the answer, for a whole completion
 * @param delta the next piece of the answer, for a chunk
 * @param finishReason why the model stopped, or {@code null}
 */
record CompletionChoice(int index, @JsonInclude(JsonInclude.Include.NON_NULL) CompletionMessage message,
		@JsonInclude(JsonInclude.Include.NON_NULL) CompletionMessage delta,
		@JsonProperty("finish_reason") String finishReason) {

}
