package dev.llmfallback.provider.gemini;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A function the model may call ({@code FunctionDeclaration}). Exactly one of
 * {@code parameters} (Gemini's OpenAPI subset) and {@code parametersJsonSchema} (full
 * JSON Schema) is set.
 *
 * @param name the function's name
 * @param description what it does, or {@code null}
 * @param parameters the arguments' schema in the OpenAPI subset, or {@code null}
 * @param parametersJsonSchema the arguments' JSON Schema, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record GeminiFunctionDeclaration(String name, String description, Map<String, Object> parameters,
		Map<String, Object> parametersJsonSchema) {

}
