package dev.llmfallback.provider.anthropic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

import dev.llmfallback.ToolDefinition;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares the body the client sent with a recorded request body on the fields the client
 * produces.
 */
final class RecordedRequests {

	/**
	 * Request fields of the recordings that the codec does not produce; of
	 * {@code output_config} it produces the {@code format} only.
	 */
	static final Set<String> NOT_PRODUCED = Set.of("thinking");

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private RecordedRequests() {
	}

	/**
	 * Assert that the sent body equals the recorded one, once both write message content
	 * as blocks, without the fields in {@link #NOT_PRODUCED}, an {@code output_config}
	 * other than its {@code format} and without {@code "stream": false} (the default).
	 * {@code max_tokens} may be sent when the recording has none: Anthropic requires it.
	 * @param recorded the recorded body
	 * @param sent the body the client sent
	 */
	static void assertSameFields(JsonNode recorded, String sent) throws Exception {
		ObjectNode expected = normalize(recorded.deepCopy());
		ObjectNode actual = normalize((ObjectNode) MAPPER.readTree(sent));
		expected.remove(NOT_PRODUCED);
		if (expected.get("output_config") instanceof ObjectNode outputConfig) {
			// the answer's format is produced, an effort is not
			outputConfig.retain("format");
			if (outputConfig.isEmpty()) {
				expected.remove("output_config");
			}
		}
		if (expected.has("stream") && !expected.get("stream").asBoolean()) {
			expected.remove("stream");
		}
		List<String> onlySent = new ArrayList<>();
		actual.fieldNames().forEachRemaining((name) -> {
			if (!expected.has(name)) {
				onlySent.add(name);
			}
		});
		assertThat(onlySent).isSubsetOf("max_tokens");
		actual.remove(onlySent);
		JSONAssert.assertEquals(expected.toString(), actual.toString(), JSONCompareMode.STRICT);
	}

	private static ObjectNode normalize(ObjectNode body) {
		JsonNode messages = body.get("messages");
		if (messages instanceof ArrayNode array) {
			for (JsonNode message : array) {
				JsonNode content = message.get("content");
				if (content != null && content.isTextual()) {
					ArrayNode blocks = MAPPER.createArrayNode();
					blocks.addObject().put("type", "text").put("text", content.asText());
					((ObjectNode) message).set("content", blocks);
				}
			}
		}
		return body;
	}

	static ToolDefinition weatherTool() {
		return new ToolDefinition("get_weather", "Get the current weather in a given location", schema("""
				{"type": "object", "required": ["location"], "properties": {
				  "location": {"type": "string", "description": "The city and state, e.g. San Francisco, CA"},
				  "unit": {"type": "string", "enum": ["celsius", "fahrenheit"],
				    "description": "The unit of temperature, either 'celsius' or 'fahrenheit'"}}}
				"""));
	}

	static ToolDefinition timeTool() {
		return new ToolDefinition("get_time", "Get the current time in a given time zone", schema("""
				{"type": "object", "required": ["timezone"], "properties": {
				  "timezone": {"type": "string", "description": "The IANA time zone name, e.g. America/Los_Angeles"}}}
				"""));
	}

	private static Map<String, Object> schema(String json) {
		try {
			return MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {
			});
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
