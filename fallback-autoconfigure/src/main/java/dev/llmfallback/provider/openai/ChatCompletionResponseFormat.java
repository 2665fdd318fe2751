package dev.llmfallback.provider.openai;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.llmfallback.ResponseFormat;

/**
 * The {@code response_format} of a request: {@code json_object}, or {@code json_schema}
 * with its schema.
 *
 * @param type {@code json_object} or {@code json_schema}
 * @param jsonSchema the schema, or {@code null} for {@code json_object}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ChatCompletionResponseFormat(String type, @JsonProperty("json_schema") JsonSchema jsonSchema) {

	static ChatCompletionResponseFormat of(ResponseFormat format) {
		return switch (format.type()) {
			case JSON -> new ChatCompletionResponseFormat("json_object", null);
			case JSON_SCHEMA -> new ChatCompletionResponseFormat("json_schema",
					new JsonSchema(format.name(), format.schema(), format.strict()));
		};
	}

	/**
	 * A named JSON Schema.
	 *
	 * @param name its name
	 * @param schema the schema
	 * @param strict whether the answer must follow it exactly
	 */
	record JsonSchema(String name, Map<String, Object> schema, boolean strict) {

	}

}
