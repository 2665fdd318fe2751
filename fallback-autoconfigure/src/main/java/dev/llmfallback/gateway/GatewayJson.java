package dev.llmfallback.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The gateway's JSON writing: the application's {@link ObjectMapper}, kept to one line
 * per value so that each value fits one server-sent event.
 */
final class GatewayJson {

	private final ObjectMapper objectMapper;

	GatewayJson(ObjectMapper objectMapper) {
		this.objectMapper = objectMapper.copy().disable(SerializationFeature.INDENT_OUTPUT);
	}

	ObjectMapper objectMapper() {
		return this.objectMapper;
	}

	String write(Object value) {
		try {
			return this.objectMapper.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Gateway response could not be written as JSON", ex);
		}
	}

}
