package dev.llmfallback.provider.anthropic;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A tool of the request's {@code tools}.
 *
 * @param name the tool's name
 * @param description what it does, or {@code null}
 * @param inputSchema the JSON schema of its arguments
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ToolSpec(String name, String description, @JsonProperty("input_schema") Map<String, Object> inputSchema) {

}
