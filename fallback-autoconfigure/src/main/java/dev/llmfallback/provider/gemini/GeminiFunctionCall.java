package dev.llmfallback.provider.gemini;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A function call of the model ({@code FunctionCall}); its arguments are a JSON object,
 * not a string.
 *
 * @param id the call's id, often absent in answers
 * @param name the function's name
 * @param args the arguments, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
record GeminiFunctionCall(String id, String name, JsonNode args) {

}
