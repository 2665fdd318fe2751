package dev.llmfallback;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The form an answer's text must take, whichever provider gives it: any JSON object, or
 * JSON that follows a schema. Each codec asks its provider in its own words (OpenAI's
 * {@code response_format}, Anthropic's {@code output_config.format}, Gemini's
 * {@code responseMimeType} and schema), and the router takes an answer that is not JSON
 * as a malformed one, which is retried and falls back like any other.
 *
 * @param type what the text must be
 * @param name the schema's name, which OpenAI requires ({@code a-z}, {@code A-Z},
 * {@code 0-9}, {@code _} and {@code -}, up to 64), or {@code null} without a schema
 * @param schema the JSON Schema, as nested maps and lists in the order given, or
 * {@code null} without one
 * @param strict whether OpenAI must follow the schema exactly, which it does for a subset
 * of JSON Schema only; Anthropic and Gemini always constrain their answer to the schema
 */
public record ResponseFormat(Type type, String name, Map<String, Object> schema, boolean strict) {

	private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

	public ResponseFormat {
		if (type == null) {
			throw new IllegalArgumentException("ResponseFormat.type must be set");
		}
		if (type == Type.JSON_SCHEMA) {
			if (name == null || !NAME.matcher(name).matches()) {
				throw new IllegalArgumentException(
						"ResponseFormat.name must be 1 to 64 of a-z, A-Z, 0-9, _ and -, was '" + name + "'");
			}
			if (schema == null || schema.isEmpty()) {
				throw new IllegalArgumentException("ResponseFormat.schema must be set for a JSON schema");
			}
			schema = Collections.unmodifiableMap(new LinkedHashMap<>(schema));
		}
		else if (name != null || schema != null || strict) {
			throw new IllegalArgumentException("ResponseFormat of type " + type + " takes no name, schema or strict");
		}
	}

	/**
	 * Any JSON object.
	 * @return the format
	 */
	public static ResponseFormat json() {
		return new ResponseFormat(Type.JSON, null, null, false);
	}

	/**
	 * JSON that follows a schema, without OpenAI's strict mode.
	 * @param name the schema's name
	 * @param schema the JSON Schema
	 * @return the format
	 */
	public static ResponseFormat jsonSchema(String name, Map<String, Object> schema) {
		return new ResponseFormat(Type.JSON_SCHEMA, name, schema, false);
	}

	/**
	 * JSON that follows a schema, in OpenAI's strict mode: every object's properties must
	 * all be required and {@code additionalProperties} false.
	 * @param name the schema's name
	 * @param schema the JSON Schema
	 * @return the format
	 */
	public static ResponseFormat strictJsonSchema(String name, Map<String, Object> schema) {
		return new ResponseFormat(Type.JSON_SCHEMA, name, schema, true);
	}

	/**
	 * What an answer's text must be.
	 */
	public enum Type {

		/** A JSON object, without a schema. */
		JSON,

		/** JSON that follows the format's schema. */
		JSON_SCHEMA

	}

}
