package dev.llmfallback.provider.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The function of a tool call.
 *
 * @param name the function's name, on a stream's first piece only
 * @param arguments the arguments: a JSON string holding the JSON object text (some
 * compatible servers send the object itself), or a piece of that text in a stream
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
record ChatCompletionFunctionCall(String name, JsonNode arguments) {

}
