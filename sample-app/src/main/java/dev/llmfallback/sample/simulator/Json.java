package dev.llmfallback.sample.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The simulator's JSON reading and writing.
 */
final class Json {

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private Json() {
	}

	static String write(Object value) {
		try {
			return MAPPER.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static JsonNode read(String text) {
		try {
			return MAPPER.readTree(text);
		}
		catch (JsonProcessingException ex) {
			return MAPPER.createObjectNode();
		}
	}

}
