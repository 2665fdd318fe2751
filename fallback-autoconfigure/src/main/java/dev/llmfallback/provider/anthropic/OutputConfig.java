package dev.llmfallback.provider.anthropic;

import java.util.Map;

/**
 * The {@code output_config} of a request: the JSON Schema the answer's text follows.
 *
 * @param format the answer's format
 */
record OutputConfig(Format format) {

	static OutputConfig jsonSchema(Map<String, Object> schema) {
		return new OutputConfig(new Format("json_schema", schema));
	}

	/**
	 * A format of the answer's text.
	 *
	 * @param type {@code json_schema}
	 * @param schema the schema
	 */
	record Format(String type, Map<String, Object> schema) {

	}

}
