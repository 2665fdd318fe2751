package dev.llmfallback.provider.gemini;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The result of a function call sent back to the model ({@code FunctionResponse}).
 *
 * @param id the id of the call it answers, or {@code null}
 * @param name the function's name
 * @param response the result, a JSON object
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record GeminiFunctionResponse(String id, String name, JsonNode response) {

}
