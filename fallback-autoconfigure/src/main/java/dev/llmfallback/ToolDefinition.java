package dev.llmfallback;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A tool the model may call.
 *
 * @param name the tool's name, unique within a request
 * @param description what the tool does, for the model
 * @param parameters the JSON schema of the tool's arguments, as nested maps and lists, in
 * the order given
 */
public record ToolDefinition(String name, String description, Map<String, Object> parameters) {

	public ToolDefinition {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("ToolDefinition.name must be set");
		}
		description = Objects.requireNonNullElse(description, "");
		parameters = (parameters != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(parameters))
				: Map.of("type", "object");
	}

}
