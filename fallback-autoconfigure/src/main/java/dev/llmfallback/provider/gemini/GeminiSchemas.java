package dev.llmfallback.provider.gemini;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides how a tool's JSON Schema is sent: as {@code parameters} when it stays within
 * the OpenAPI subset of Gemini's {@code Schema} message, otherwise as
 * {@code parametersJsonSchema}, which takes any JSON Schema
 * ({@code additionalProperties}, {@code $ref}, {@code oneOf}, type arrays...) that
 * {@code parameters} would reject.
 */
final class GeminiSchemas {

	private static final Set<String> SCHEMA_FIELDS = Set.of("type", "format", "title", "description", "nullable",
			"enum", "items", "maxItems", "minItems", "properties", "required", "minProperties", "maxProperties",
			"minimum", "maximum", "minLength", "maxLength", "pattern", "example", "anyOf", "propertyOrdering",
			"default");

	private static final Set<String> TYPES = Set.of("string", "number", "integer", "boolean", "array", "object",
			"null");

	private GeminiSchemas() {
	}

	/**
	 * Whether a schema only uses what Gemini's {@code Schema} message knows.
	 * @param schema the JSON Schema, as nested maps and lists
	 * @return {@code true} when it can be sent as {@code parameters}
	 */
	static boolean isOpenApiSubset(Map<?, ?> schema) {
		for (Map.Entry<?, ?> entry : schema.entrySet()) {
			String key = String.valueOf(entry.getKey());
			Object value = entry.getValue();
			if (!SCHEMA_FIELDS.contains(key) || !isSupported(key, value)) {
				return false;
			}
		}
		return true;
	}

	private static boolean isSupported(String key, Object value) {
		return switch (key) {
			case "type" -> value instanceof String type && TYPES.contains(type.toLowerCase(Locale.ROOT));
			case "items" -> value instanceof Map<?, ?> items && isOpenApiSubset(items);
			case "properties" -> value instanceof Map<?, ?> properties && properties.values()
				.stream()
				.allMatch((property) -> property instanceof Map<?, ?> map && isOpenApiSubset(map));
			case "anyOf" -> value instanceof List<?> options
					&& options.stream().allMatch((option) -> option instanceof Map<?, ?> map && isOpenApiSubset(map));
			default -> true;
		};
	}

}
