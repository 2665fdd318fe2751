package dev.llmfallback.provider.gemini;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.FinishReason;
import dev.llmfallback.Message;
import dev.llmfallback.ToolCall;
import dev.llmfallback.ToolDefinition;
import dev.llmfallback.provider.ContractPayloads;

import static dev.llmfallback.provider.gemini.GeminiTestSupport.BASE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the recorded exchanges: the client, given the equivalent {@link ChatRequest},
 * must send the recorded body (on the fields it produces) and read the recorded response.
 */
class GeminiRecordedRequestTests {

	static final List<String> FILES = Stream
		.of("generate-content", "generate-content-function-call", "generate-content-after-function-response",
				"stream-generate-content", "stream-generate-content-usage", "stream-generate-content-function-call",
				"stream-generate-content-after-function-response")
		.flatMap((name) -> Stream.of(BASE + "recorded/" + name + ".request.json",
				BASE + "recorded/" + name + ".response.http"))
		.toList();

	private static final String SYSTEM = "You are a helpful chatbot.";

	private static final String CAPITAL = "What is the capital of France?";

	private static final String TEMPERATURE = "What is the temperature of the capital of France?";

	private final MockWebServer server = new MockWebServer();

	private final GeminiTestSupport support = new GeminiTestSupport();

	@BeforeEach
	void start() throws Exception {
		this.server.start();
	}

	@AfterEach
	void stop() throws Exception {
		this.support.close();
		this.server.shutdown();
	}

	static Stream<Arguments> exchanges() {
		ChatRequest capital = ChatRequest.builder()
			.system(SYSTEM)
			.user(CAPITAL)
			.temperature(0.0)
			.tool(new ToolDefinition("get_capital", "Get the capital of a country.",
					Map.of("additionalProperties", false, "properties",
							Map.of("country", Map.of("description", "The country name.", "type", "string")), "required",
							List.of("country"), "type", "object")))
			.build();
		List<String> signatures = recordedSignatures("generate-content-after-function-response");
		ChatRequest afterResult = capital.toBuilder()
			.message(Message.assistant("",
					List.of(new ToolCall("pyd_ai_1f2bdea4ea804905a3f05dfe5b96a7fb", "get_capital",
							"{\"country\":\"France\"}", signatures.get(0)))))
			.message(Message.toolResult("pyd_ai_1f2bdea4ea804905a3f05dfe5b96a7fb", "get_capital",
					"{\"error\":\"The country is not supported. Use \\\"La France\\\" instead.\\n\\nFix the errors and try again.\"}"))
			.message(Message.assistant("",
					List.of(new ToolCall("pyd_ai_9f63eafb0eac47419f4f6c19975e924b", "get_capital",
							"{\"country\":\"La France\"}", signatures.get(1)))))
			.message(Message.toolResult("pyd_ai_9f63eafb0eac47419f4f6c19975e924b", "get_capital",
					"{\"return_value\":\"Paris\"}"))
			.build();
		ChatRequest temperature = ChatRequest.builder()
			.system(SYSTEM)
			.user(TEMPERATURE)
			.tool(new ToolDefinition("get_capital", "Get the capital of a country.",
					openApiTool("country", "The country name.")))
			.tool(new ToolDefinition("get_temperature", "Get the temperature in a city.",
					openApiTool("city", "The city name.")))
			.build();
		ChatRequest temperatureAfterResults = temperature.toBuilder()
			.message(Message.assistant("",
					List.of(new ToolCall("pyd_ai_0e1a07b3c2b64d2ab3ad2efbe18e1b97", "get_capital",
							"{\"country\":\"France\"}"))))
			.message(Message.toolResult("pyd_ai_0e1a07b3c2b64d2ab3ad2efbe18e1b97", "get_capital",
					"{\"return_value\":\"Paris\"}"))
			.message(Message.assistant("",
					List.of(new ToolCall("pyd_ai_98b25d994c5648df82f683188629229d", "get_temperature",
							"{\"city\":\"Paris\"}"))))
			.message(Message.toolResult("pyd_ai_98b25d994c5648df82f683188629229d", "get_temperature",
					"{\"return_value\":\"30°C\"}"))
			.build();
		return Stream.of(Arguments.of("generate-content", ChatRequest.of("What is ai?"), false, FinishReason.STOP),
				Arguments.of("generate-content-function-call", capital, false, FinishReason.TOOL_CALLS),
				Arguments.of("generate-content-after-function-response", afterResult, false, FinishReason.STOP),
				Arguments.of("stream-generate-content",
						ChatRequest.builder().system(SYSTEM).user(CAPITAL).temperature(0.0).build(), true,
						FinishReason.STOP),
				Arguments.of("stream-generate-content-usage",
						ChatRequest.of("Count from 1 to 30, one number per line, digits only."), true,
						FinishReason.STOP),
				Arguments.of("stream-generate-content-function-call", temperature, true, FinishReason.TOOL_CALLS),
				Arguments.of("stream-generate-content-after-function-response", temperatureAfterResults, true,
						FinishReason.STOP));
	}

	/**
	 * The thought signatures the recorded request sent back, in order: the client is
	 * given them in its tool calls, as a caller passes back the calls of an answer.
	 */
	private static List<String> recordedSignatures(String name) {
		JsonNode recorded = GeminiTestSupport.json(ContractPayloads.read(BASE + "recorded/" + name + ".request.json"));
		List<String> signatures = recorded.findValuesAsText("thoughtSignature");
		assertThat(signatures).hasSize(2);
		return signatures;
	}

	private static Map<String, Object> openApiTool(String property, String description) {
		return Map.of("properties", Map.of(property, Map.of("description", description, "type", "STRING")), "required",
				List.of(property), "type", "OBJECT");
	}

	@ParameterizedTest
	@MethodSource("exchanges")
	void sendsTheRecordedBodyAndReadsTheRecordedResponse(String name, ChatRequest request, boolean stream,
			FinishReason finishReason) throws Exception {
		this.server.enqueue(ContractPayloads.httpResponse(BASE + "recorded/" + name + ".response.http"));
		GeminiClient client = this.support.client(this.server);
		ChatResponse response = stream ? ChatResponse.fromChunks(client.stream(request).collectList().block())
				: client.chat(request).block();
		assertThat(response.finishReason()).isEqualTo(finishReason);
		assertThat(response.text().isEmpty()).isEqualTo(finishReason == FinishReason.TOOL_CALLS);
		String sent = this.server.takeRequest().getBody().readUtf8();
		String expected = producedFields(
				GeminiTestSupport.json(ContractPayloads.read(BASE + "recorded/" + name + ".request.json")))
			.toString();
		JSONAssert.assertEquals(expected, sent, JSONCompareMode.STRICT);
	}

	/**
	 * The recorded body restricted to what this client produces: pydantic-ai also sends
	 * {@code responseModalities} and a {@code role} on the system instruction, and spells
	 * one field in snake_case.
	 */
	private static JsonNode producedFields(JsonNode recorded) {
		ObjectNode body = recorded.deepCopy();
		if (body.path("generationConfig") instanceof ObjectNode config) {
			config.remove("responseModalities");
			if (config.isEmpty()) {
				body.remove("generationConfig");
			}
		}
		if (body.path("systemInstruction") instanceof ObjectNode system) {
			system.remove("role");
		}
		body.path("tools").forEach((tool) -> tool.path("functionDeclarations").forEach((declaration) -> {
			ObjectNode node = (ObjectNode) declaration;
			if (node.has("parameters_json_schema")) {
				node.set("parametersJsonSchema", node.remove("parameters_json_schema"));
			}
		}));
		return body;
	}

}
