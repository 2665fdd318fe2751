package dev.llmfallback.provider.anthropic;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import reactor.test.StepVerifier;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.Message;
import dev.llmfallback.ResponseFormat;
import dev.llmfallback.ToolCall;
import dev.llmfallback.ToolChoice;
import dev.llmfallback.ToolDefinition;
import dev.llmfallback.provider.ContractPayloads;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the client sends: method, path, headers and the JSON body, field by field.
 */
class AnthropicRequestTests {

	private final AnthropicTestServer server = new AnthropicTestServer();

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void postsToMessagesWithAnthropicHeaders() {
		RecordedRequest request = sendChat(this.server.client(), ChatRequest.of("Hello"));
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getPath()).isEqualTo("/v1/messages");
		assertThat(request.getRequestUrl().query()).isNull();
		assertThat(request.getHeader("x-api-key")).isEqualTo(ContractPayloads.API_KEY);
		assertThat(request.getHeader("anthropic-version")).isEqualTo("2023-06-01");
		assertThat(request.getHeader("content-type")).startsWith("application/json");
		assertThat(request.getHeader("accept")).isEqualTo("application/json");
		assertThat(request.getHeader("authorization")).isNull();
	}

	@Test
	void streamingPostsToMessagesWithStreamTrue() throws Exception {
		this.server.server().enqueue(ContractPayloads.sse(AnthropicTestServer.DIR + "messages-stream-text.sse"));
		StepVerifier.create(this.server.client().stream(ChatRequest.of("Hello")))
			.thenConsumeWhile((chunk) -> true)
			.verifyComplete();
		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getPath()).isEqualTo("/v1/messages");
		assertThat(request.getHeader("x-api-key")).isEqualTo(ContractPayloads.API_KEY);
		assertThat(request.getHeader("anthropic-version")).isEqualTo("2023-06-01");
		assertThat(request.getHeader("accept")).isEqualTo("text/event-stream");
		JsonNode body = body(request);
		assertThat(body.get("stream").asBoolean()).isTrue();
		assertThat(body.get("model").asText()).isEqualTo(AnthropicTestServer.MODEL);
	}

	@Test
	void configuredVersionAndMaxOutputTokensAreUsed() throws Exception {
		AnthropicClient client = this.server
			.client(AnthropicTestServer.withVersionAndMaxTokens(this.server.settings(), "2099-01-01", 777));
		RecordedRequest request = sendChat(client, ChatRequest.of("Hello"));
		assertThat(request.getHeader("anthropic-version")).isEqualTo("2099-01-01");
		assertThat(body(request).get("max_tokens").asInt()).isEqualTo(777);
		RecordedRequest overridden = sendChat(client, ChatRequest.builder().user("Hello").maxTokens(55).build());
		assertThat(body(overridden).get("max_tokens").asInt()).isEqualTo(55);
	}

	@Test
	void anyJsonObjectIsAskedForInTheSystemPrompt() throws Exception {
		JsonNode alone = body(sendChat(this.server.client(),
				ChatRequest.builder().user("Hello").responseFormat(ResponseFormat.json()).build()));
		assertThat(alone.get("system").asText()).isEqualTo(AnthropicRequestMapper.JSON_INSTRUCTION);
		assertThat(alone.has("output_config")).isFalse();
		JsonNode after = body(sendChat(this.server.client(),
				ChatRequest.builder().system("Be brief.").user("Hello").responseFormat(ResponseFormat.json()).build()));
		assertThat(after.get("system").asText()).isEqualTo("Be brief.\n\n" + AnthropicRequestMapper.JSON_INSTRUCTION);
	}

	@Test
	void sendsTheToolChoiceInAnthropicsWordsOnlyWithTools() throws Exception {
		ChatRequest.Builder withTool = ChatRequest.builder()
			.user("Weather in Paris?")
			.tool(RecordedRequests.weatherTool());
		String tool = RecordedRequests.weatherTool().name();
		assertThat(
				body(sendChat(this.server.client(), withTool.toolChoice(ToolChoice.auto()).build())).get("tool_choice")
					.toString())
			.isEqualTo("{\"type\":\"auto\"}");
		assertThat(
				body(sendChat(this.server.client(), withTool.toolChoice(ToolChoice.none()).build())).get("tool_choice")
					.toString())
			.isEqualTo("{\"type\":\"none\"}");
		assertThat(body(sendChat(this.server.client(), withTool.toolChoice(ToolChoice.required()).build()))
			.get("tool_choice")
			.toString()).isEqualTo("{\"type\":\"any\"}");
		assertThat(body(sendChat(this.server.client(), withTool.toolChoice(ToolChoice.tool(tool)).build()))
			.get("tool_choice")
			.toString()).isEqualTo("{\"type\":\"tool\",\"name\":\"" + tool + "\"}");
		assertThat(body(sendChat(this.server.client(),
				ChatRequest.builder().user("Hello").toolChoice(ToolChoice.none()).build()))
			.has("tool_choice")).isFalse();
	}

	@Test
	void minimalRequestHasOnlyModelMaxTokensAndMessages() throws Exception {
		JsonNode body = body(sendChat(this.server.client(), ChatRequest.of("Hello")));
		assertThat(body.fieldNames()).toIterable().containsExactlyInAnyOrder("model", "max_tokens", "messages");
		assertThat(body.get("max_tokens").asInt()).isEqualTo(AnthropicRequestMapper.DEFAULT_MAX_TOKENS).isEqualTo(4096);
		assertThat(body.get("messages").toString()).isEqualTo("[{\"role\":\"user\",\"content\":\"Hello\"}]");
	}

	@Test
	void everyOptionIsSentUnderItsAnthropicName() throws Exception {
		ChatRequest chatRequest = ChatRequest.builder()
			.system("Be brief.")
			.user("Hello")
			.maxTokens(100)
			.temperature(0.25)
			.stopSequences(List.of("END", "STOP"))
			.tool(new ToolDefinition("lookup", "Looks things up",
					Map.of("type", "object", "properties", Map.of("q", Map.of("type", "string")))))
			.tool(new ToolDefinition("noop", null, null))
			.build();
		JsonNode body = body(sendChat(this.server.client(), chatRequest));
		assertThat(body.get("system").asText()).isEqualTo("Be brief.");
		assertThat(body.get("temperature").asDouble()).isEqualTo(0.25);
		assertThat(body.get("stop_sequences").toString()).isEqualTo("[\"END\",\"STOP\"]");
		assertThat(body.get("max_tokens").asInt()).isEqualTo(100);
		assertThat(body.get("tools").get(0).get("name").asText()).isEqualTo("lookup");
		assertThat(body.get("tools").get(0).get("description").asText()).isEqualTo("Looks things up");
		// ToolDefinition copies the schema with Map.copyOf: key order is not kept
		JSONAssert.assertEquals("{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}}",
				body.get("tools").get(0).get("input_schema").toString(), JSONCompareMode.STRICT);
		assertThat(body.get("tools").get(1).has("description")).isFalse();
		assertThat(body.get("tools").get(1).get("input_schema").toString()).isEqualTo("{\"type\":\"object\"}");
		assertThat(body.get("messages")).hasSize(1);
		assertThat(body.has("stream")).isFalse();
		assertThat(body.has("tool_choice")).isFalse();
	}

	@Test
	void temperatureAboveAnthropicsMaximumIsCapped() throws Exception {
		JsonNode body = body(
				sendChat(this.server.client(), ChatRequest.builder().user("Hello").temperature(1.7).build()));
		assertThat(body.get("temperature").asDouble()).isEqualTo(1.0);
	}

	@Test
	void toolTurnsBecomeToolUseAndMergedToolResultBlocks() throws Exception {
		ChatRequest chatRequest = ChatRequest.builder()
			.user("Weather and time in Paris?")
			.message(Message.assistant("Let me check.",
					List.of(new ToolCall("toolu_1", "get_weather", "{\"location\":\"Paris\"}"),
							new ToolCall("toolu_2", "get_time", "{\"timezone\":\"Europe/Paris\",\"n\":[1,2]}"))))
			.message(Message.toolResult("toolu_1", "get_weather", "Sunny"))
			.message(Message.toolResult("toolu_2", "get_time", "10:00"))
			.user("Thanks, and tomorrow?")
			.message(Message.assistant("", List.of(new ToolCall("toolu_3", "get_weather", "{}"))))
			.message(Message.toolResult("toolu_3", "get_weather", "Rain"))
			.build();
		JsonNode messages = body(sendChat(this.server.client(), chatRequest)).get("messages");
		assertThat(messages).hasSize(5);
		assertThat(messages.get(0).toString())
			.isEqualTo("{\"role\":\"user\",\"content\":\"Weather and time in Paris?\"}");
		assertThat(messages.get(1).toString()).isEqualTo("{\"role\":\"assistant\",\"content\":["
				+ "{\"type\":\"text\",\"text\":\"Let me check.\"},"
				+ "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{\"location\":\"Paris\"}},"
				+ "{\"type\":\"tool_use\",\"id\":\"toolu_2\",\"name\":\"get_time\","
				+ "\"input\":{\"timezone\":\"Europe/Paris\",\"n\":[1,2]}}]}");
		assertThat(messages.get(2).toString()).isEqualTo("{\"role\":\"user\",\"content\":["
				+ "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":\"Sunny\"},"
				+ "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_2\",\"content\":\"10:00\"},"
				+ "{\"type\":\"text\",\"text\":\"Thanks, and tomorrow?\"}]}");
		assertThat(messages.get(3).toString()).isEqualTo("{\"role\":\"assistant\",\"content\":["
				+ "{\"type\":\"tool_use\",\"id\":\"toolu_3\",\"name\":\"get_weather\",\"input\":{}}]}");
		assertThat(messages.get(4).toString()).isEqualTo("{\"role\":\"user\",\"content\":["
				+ "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_3\",\"content\":\"Rain\"}]}");
	}

	@Test
	void toolCallArgumentsThatAreNoObjectFailBeforeSending() {
		ChatRequest chatRequest = ChatRequest.builder()
			.user("Hi")
			.message(Message.assistant("", List.of(new ToolCall("toolu_1", "broken", "{\"cut"))))
			.message(Message.toolResult("toolu_1", "broken", "?"))
			.build();
		StepVerifier.create(this.server.client().chat(chatRequest)).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(LlmException.class);
			assertThat(((LlmException) ex).kind()).isEqualTo(ErrorKind.BAD_REQUEST);
			assertThat(((LlmException) ex).detail()).contains("toolu_1").contains("not a JSON object");
		}).verify();
		StepVerifier.create(this.server.client().stream(chatRequest))
			.expectErrorSatisfies((ex) -> assertThat(((LlmException) ex).kind()).isEqualTo(ErrorKind.BAD_REQUEST))
			.verify();
		assertThat(this.server.server().getRequestCount()).isZero();
	}

	private RecordedRequest sendChat(AnthropicClient client, ChatRequest chatRequest) {
		this.server.server().enqueue(ContractPayloads.json(AnthropicTestServer.DIR + "recorded/messages.json"));
		assertThat(client.chat(chatRequest).block()).isNotNull();
		return this.server.takeRequest();
	}

	private JsonNode body(RecordedRequest request) throws Exception {
		return this.server.objectMapper().readTree(request.getBody().readUtf8());
	}

}
