package dev.llmfallback.provider.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A tool call of an assistant message, or a piece of one in a stream chunk.
 *
 * @param index the call's position within the answer (stream chunks only)
 * @param id the call's id, on a stream's first piece only
 * @param type always {@code function}
 * @param function the function called
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
record ChatCompletionToolCall(Integer index, String id, String type, ChatCompletionFunctionCall function) {

}
