package dev.llmfallback.provider.openai;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.Message;
import dev.llmfallback.ToolCall;
import dev.llmfallback.ToolDefinition;
import dev.llmfallback.provider.ContractPayloads;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.provider.ProviderType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the bodies {@link OpenAiClient} sends match the recorded and the spec's
 * example requests on every field the codec produces.
 */
class OpenAiContractRequestTests {

	private static final String ANSWER = "examples/chat-completion.json";

	private static final String STREAM = "examples/chat-completion-stream-text.sse";

	private static final Map<String, RequestCase> CASES = Map.ofEntries(
			recorded("examples/recorded/chat-completion.request.json", "gpt-3.5-turbo",
					ChatRequest.of("Tell me a joke about opentelemetry"), false),
			recorded("examples/recorded/chat-completion-gpt-4.1-nano.request.json", "gpt-4.1-nano",
					ChatRequest.of("Generate a random noun in Korean. Respond with just that word."), false),
			recorded("examples/recorded/chat-completion-reasoning-gpt-5-nano.request.json", "gpt-5-nano",
					ChatRequest.of("Count r's in strawberry"), false, "reasoning_effort"),
			recorded("examples/recorded/chat-completion-stream.request.json", "gpt-3.5-turbo",
					ChatRequest.of("Tell me a joke about opentelemetry"), true),
			recorded("examples/recorded/chat-completion-stream-tool-call.request.json", "gpt-3.5-turbo",
					ChatRequest.builder()
						.user("What's the weather like in San Francisco?")
						.tool(weatherTool("Get the current weather", false))
						.build(),
					true),
			recorded("examples/recorded/chat-completion-tool-call.request.json", "gpt-3.5-turbo",
					ChatRequest.builder()
						.user("What's the weather like in San Francisco?")
						.tool(weatherTool("Get the current weather", false))
						.build(),
					false),
			recorded("examples/recorded/chat-completion-after-tool-result.request.json", "gpt-3.5-turbo",
					ChatRequest.builder()
						.message(Message.assistant("",
								List.of(new ToolCall("1", "get_current_weather", "{\"location\": \"San Francisco\"}"))))
						.message(Message.toolResult("1", "get_current_weather",
								"The weather in San Francisco is 70 degrees and sunny."))
						.build(),
					false),
			recorded("examples/recorded/error-400-invalid-image-url.request.json", "gpt-4o-mini",
					ChatRequest.of("What is in this image?"), false),
			recorded("examples/recorded/error-400-invalid-value.request.json", "gpt-5-mini",
					ChatRequest.builder()
						.user("Use the get_file tool now to retrieve a audio file, then describe what you received.")
						.message(Message.assistant(null,
								List.of(new ToolCall("call_olB2PJlx3uEDR50VFTaOrd1O", "get_file", "{}"))))
						.message(Message.toolResult("call_olB2PJlx3uEDR50VFTaOrd1O", "get_file", "See file 2d36ae."))
						.user("This is file 2d36ae:")
						.tool(new ToolDefinition("get_file", "",
								Map.of("additionalProperties", false, "properties", Map.of(), "type", "object")))
						.build(),
					false, "stream", "tool_choice"),
			recorded("examples/recorded/error-400-unsupported-value.request.json", "o1-mini",
					ChatRequest.builder().system("You are a helpful assistant.").user("Hello").build(), false, "n",
					"stream"),
			recorded("examples/chat-completion-request.spec-default.json", "VAR_chat_model_id",
					ChatRequest.builder().system("You are a helpful assistant.").user("Hello!").build(), false),
			Map.entry("examples/chat-completion-request.spec-image-input.json",
					new RequestCase(ProviderType.OPENAI_COMPATIBLE, "gpt-5.4",
							ChatRequest.builder().user("What is in this image?").maxTokens(300).build(), false,
							Set.of())),
			recorded("examples/chat-completion-request.spec-streaming.json", "VAR_chat_model_id",
					ChatRequest.builder().system("You are a helpful assistant.").user("Hello!").build(), true),
			recorded("examples/chat-completion-request.spec-tools.json", "gpt-5.4",
					ChatRequest.builder()
						.user("What is the weather like in Boston today?")
						.tool(weatherTool("Get the current weather in a given location", true))
						.build(),
					false, "tool_choice"));

	private final OpenAiTestSupport support = new OpenAiTestSupport();

	private MockWebServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.server = new MockWebServer();
		this.server.start();
	}

	@AfterEach
	void stopServer() throws IOException {
		this.support.close();
		this.server.shutdown();
	}

	static Stream<String> requests() {
		return OpenAiContracts.REQUESTS.stream();
	}

	@ParameterizedTest
	@MethodSource("requests")
	void sendsWhatTheContractRequestSends(String file) throws Exception {
		RequestCase requestCase = CASES.get(file);
		assertThat(requestCase).as("request for %s", file).isNotNull();
		ProviderSettings settings = ContractPayloads.settings(requestCase.type(), this.server, requestCase.model());
		OpenAiClient client = this.support.client(settings);
		if (requestCase.stream()) {
			this.server.enqueue(ContractPayloads.sse(OpenAiContracts.path(STREAM)));
			client.stream(requestCase.request()).blockLast();
		}
		else {
			this.server.enqueue(ContractPayloads.json(OpenAiContracts.path(ANSWER)));
			client.chat(requestCase.request()).block();
		}
		String sent = this.server.takeRequest().getBody().readUtf8();
		String expected = comparable(ContractPayloads.read(OpenAiContracts.path(file)), requestCase.notProduced());
		JSONAssert.assertEquals(expected, sent, JSONCompareMode.LENIENT);
	}

	/**
	 * The contract request, reduced to what the codec produces: fields it never sends
	 * removed, {@code null} fields removed (the codec omits them), content parts of types
	 * other than text joined into the text ({@link Message} holds text only) and the
	 * {@code developer} role sent as {@code system}.
	 */
	private static String comparable(String json, Set<String> notProduced) throws IOException {
		ObjectNode request = (ObjectNode) OpenAiTestSupport.MAPPER.readTree(json);
		request.remove(notProduced);
		for (JsonNode node : request.get("messages")) {
			ObjectNode message = (ObjectNode) node;
			if (message.path("content").isNull()) {
				message.remove("content");
			}
			if (message.path("content").isArray()) {
				StringBuilder text = new StringBuilder();
				message.get("content").forEach((part) -> text.append(part.path("text").asText("")));
				message.put("content", text.toString());
			}
			if ("developer".equals(message.path("role").asText())) {
				message.put("role", "system");
			}
		}
		return request.toString();
	}

	private static ToolDefinition weatherTool(String description, boolean withUnit) {
		Map<String, Object> location = Map.of("type", "string", "description",
				"The city and state, e.g. San Francisco, CA");
		Map<String, Object> properties = withUnit
				? Map.of("location", location, "unit",
						Map.of("type", "string", "enum", List.of("celsius", "fahrenheit")))
				: Map.of("location", location);
		return new ToolDefinition("get_current_weather", description,
				Map.of("type", "object", "properties", properties, "required", List.of("location")));
	}

	private static Map.Entry<String, RequestCase> recorded(String file, String model, ChatRequest request,
			boolean stream, String... notProduced) {
		return Map.entry(file, new RequestCase(ProviderType.OPENAI, model, request, stream, Set.of(notProduced)));
	}

	private record RequestCase(ProviderType type, String model, ChatRequest request, boolean stream,
			Set<String> notProduced) {

	}

}
