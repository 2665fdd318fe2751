package dev.llmfallback.degradation;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.ResponseFormat;
import dev.llmfallback.ToolChoice;
import dev.llmfallback.ToolDefinition;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request's key is the SHA-256 of its fields, each string fed as its UTF-8 bytes (what
 * {@code String.getBytes} gives) after its length: checked against a digest computed here
 * that way, for text a per-thread buffer encodes by hand and text too long for it.
 */
class CacheKeysTests {

	@ParameterizedTest
	@ValueSource(strings = { "Summarise the benchmark in one paragraph.", "Résumé, naïve café", "日本語の質問",
			"emoji \uD83D\uDE00 pair", "lone \uD800 high", "lone \uDC00 low", "end \uD83D", "" })
	void keyOfAUserMessageIsTheDigestOfItsUtf8Bytes(String text) throws Exception {
		assertThat(CacheKeys.of(ChatRequest.of(text))).isEqualTo(expectedKey(text));
	}

	@ParameterizedTest
	@ValueSource(ints = { 21_845, 21_846, 100_000 })
	void longTextIsKeyedAlike(int length) throws Exception {
		String text = "é".repeat(length / 2) + "x".repeat(length - length / 2);
		assertThat(CacheKeys.of(ChatRequest.of(text))).isEqualTo(expectedKey(text));
	}

	@ParameterizedTest
	@ValueSource(strings = { "first question", "second question" })
	void keyNamesNoPromptText(String text) {
		String key = CacheKeys.of(ChatRequest.of(text));
		assertThat(key).hasSize(64).matches("[0-9a-f]+").doesNotContain("question");
		assertThat(CacheKeys.of(ChatRequest.of(text + "?"))).isNotEqualTo(key);
	}

	@Test
	void theResponseFormatAndToolChoiceArePartOfTheKey() {
		ChatRequest text = ChatRequest.of("Weather in Paris?");
		ChatRequest json = text.toBuilder().responseFormat(ResponseFormat.json()).build();
		Map<String, Object> city = Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")));
		ChatRequest schema = text.toBuilder().responseFormat(ResponseFormat.jsonSchema("weather", city)).build();
		Set<String> keys = Set.of(CacheKeys.of(text), CacheKeys.of(json), CacheKeys.of(schema),
				CacheKeys.of(text.toBuilder().responseFormat(ResponseFormat.jsonSchema("forecast", city)).build()),
				CacheKeys.of(text.toBuilder().responseFormat(ResponseFormat.strictJsonSchema("weather", city)).build()),
				CacheKeys.of(text.toBuilder()
					.responseFormat(ResponseFormat.jsonSchema("weather", Map.of("type", "array")))
					.build()));
		assertThat(keys).hasSize(6);
		ChatRequest withTool = text.toBuilder().tool(new ToolDefinition("weather", "Weather", null)).build();
		Set<String> choices = Set.of(CacheKeys.of(withTool),
				CacheKeys.of(withTool.toBuilder().toolChoice(ToolChoice.auto()).build()),
				CacheKeys.of(withTool.toBuilder().toolChoice(ToolChoice.required()).build()),
				CacheKeys.of(withTool.toBuilder().toolChoice(ToolChoice.tool("weather")).build()));
		assertThat(choices).hasSize(4);
		Map<String, Object> reordered = new LinkedHashMap<>();
		reordered.put("properties", city.get("properties"));
		reordered.put("type", "object");
		assertThat(
				CacheKeys.of(text.toBuilder().responseFormat(ResponseFormat.jsonSchema("weather", reordered)).build()))
			.isEqualTo(CacheKeys.of(schema));
	}

	/**
	 * The key of a request with one user message and nothing else, fed field by field in
	 * the order {@link CacheKeys#of} documents.
	 */
	private static String expectedKey(String text) throws Exception {
		ByteArrayOutputStream fields = new ByteArrayOutputStream();
		fields.write(0); // no system prompt
		fields.write(0); // no temperature
		fields.write(0); // no output limit
		number(fields, 0); // stop sequences
		number(fields, 1); // messages
		string(fields, "USER");
		string(fields, text);
		fields.write(0); // no tool call id
		number(fields, 0); // tool calls
		number(fields, 0); // tools
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(fields.toByteArray()));
	}

	private static void string(ByteArrayOutputStream fields, String value) {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		fields.write(1);
		bigEndian(fields, bytes.length, 4);
		fields.writeBytes(bytes);
	}

	private static void number(ByteArrayOutputStream fields, long value) {
		fields.write(2);
		bigEndian(fields, value, 8);
	}

	private static void bigEndian(ByteArrayOutputStream fields, long value, int count) {
		for (int shift = 8 * (count - 1); shift >= 0; shift -= 8) {
			fields.write((int) (value >>> shift) & 0xFF);
		}
	}

}
