package dev.llmfallback.provider.openai;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.Message;
import dev.llmfallback.ResponseFormat;
import dev.llmfallback.ToolCall;
import dev.llmfallback.ToolChoice;
import dev.llmfallback.ToolDefinition;
import dev.llmfallback.provider.ContractPayloads;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.provider.ProviderType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the requests {@link OpenAiClient} sends, for each provider type it serves.
 */
class OpenAiClientRequestTests {

	private static final String ANSWER = "examples/chat-completion.json";

	private static final String STREAM = "examples/chat-completion-stream-text.sse";

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

	@Test
	void asksForTheResponseFormat() throws Exception {
		Map<String, Object> schema = Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")),
				"required", List.of("city"), "additionalProperties", false);
		String answer = OpenAiContracts.path("examples/chat-completion-structured-output.json");
		this.server.enqueue(ContractPayloads.json(answer));
		this.server.enqueue(ContractPayloads.json(answer));
		this.support.client(ProviderType.OPENAI, this.server)
			.chat(ChatRequest.builder()
				.user("Weather?")
				.responseFormat(ResponseFormat.strictJsonSchema("weather", schema))
				.build())
			.block();
		this.support.client(ProviderType.OPENAI_COMPATIBLE, this.server)
			.chat(ChatRequest.builder().user("Weather?").responseFormat(ResponseFormat.json()).build())
			.block();
		JSONAssert.assertEquals("""
				{"type":"json_schema","json_schema":{"name":"weather","strict":true,"schema":
				 {"type":"object","properties":{"city":{"type":"string"}},"required":["city"],
				  "additionalProperties":false}}}""", body(this.server.takeRequest()).get("response_format").toString(),
				JSONCompareMode.STRICT);
		JSONAssert.assertEquals("{\"type\":\"json_object\"}",
				body(this.server.takeRequest()).get("response_format").toString(), JSONCompareMode.STRICT);
	}

	@Test
	void asksForTheToolChoiceOnlyWithTools() throws Exception {
		List<ToolChoice> choices = List.of(ToolChoice.auto(), ToolChoice.none(), ToolChoice.required(),
				ToolChoice.tool("get_weather"));
		for (ToolChoice choice : choices) {
			this.server.enqueue(ContractPayloads.json(OpenAiContracts.path(ANSWER)));
			this.support.client(ProviderType.OPENAI, this.server)
				.chat(conversation().toolChoice(choice).build())
				.block();
		}
		this.server.enqueue(ContractPayloads.json(OpenAiContracts.path(ANSWER)));
		this.support.client(ProviderType.OPENAI, this.server)
			.chat(ChatRequest.builder().user("Hi").toolChoice(ToolChoice.none()).build())
			.block();
		assertThat(body(this.server.takeRequest()).get("tool_choice").asText()).isEqualTo("auto");
		assertThat(body(this.server.takeRequest()).get("tool_choice").asText()).isEqualTo("none");
		assertThat(body(this.server.takeRequest()).get("tool_choice").asText()).isEqualTo("required");
		JSONAssert.assertEquals("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}",
				body(this.server.takeRequest()).get("tool_choice").toString(), JSONCompareMode.STRICT);
		assertThat(body(this.server.takeRequest()).has("tool_choice")).as("no tools, no tool_choice").isFalse();
	}

	@Test
	void sendsOpenAiRequest() throws Exception {
		this.server.enqueue(ContractPayloads.json(OpenAiContracts.path(ANSWER)));
		this.support.client(ProviderType.OPENAI, this.server).chat(conversation().maxTokens(64).build()).block();
		RecordedRequest recorded = this.server.takeRequest();
		assertThat(recorded.getMethod()).isEqualTo("POST");
		assertThat(recorded.getPath()).isEqualTo("/v1/chat/completions");
		assertThat(recorded.getHeader("Authorization")).isEqualTo("Bearer " + ContractPayloads.API_KEY);
		assertThat(recorded.getHeader("api-key")).isNull();
		assertThat(recorded.getHeader("Content-Type")).startsWith("application/json");
		assertThat(recorded.getHeader("Accept")).contains("application/json");
		JsonNode body = body(recorded);
		assertThat(fieldNames(body)).containsExactlyInAnyOrder("model", "messages", "tools", "max_completion_tokens",
				"temperature", "stop");
		assertThat(body.get("model").asText()).isEqualTo(OpenAiTestSupport.MODEL);
		assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(64);
		assertThat(body.get("temperature").asDouble()).isEqualTo(0.2);
		assertThat(body.get("stop")).hasSize(1);
		assertThat(body.get("stop").get(0).asText()).isEqualTo("END");
		JSONAssert.assertEquals("""
				[{"role":"system","content":"Be brief."},
				 {"role":"user","content":"Weather in Paris?"},
				 {"role":"assistant","tool_calls":[{"id":"call_1","type":"function",
				   "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
				 {"role":"tool","tool_call_id":"call_1","content":"{\\"celsius\\":21}"},
				 {"role":"assistant","content":"It is 21 degrees."},
				 {"role":"user","content":"Thanks"}]""", body.get("messages").toString(), JSONCompareMode.STRICT);
		JSONAssert.assertEquals("""
				[{"type":"function","function":{"name":"get_weather","description":"Current weather of a city",
				  "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]""",
				body.get("tools").toString(), JSONCompareMode.STRICT);
	}

	@Test
	void sendsCompatibleRequestWithMaxTokensAndWithoutKey() throws Exception {
		ProviderSettings settings = OpenAiTestSupport
			.withApiKey(ContractPayloads.settings(ProviderType.OPENAI_COMPATIBLE, this.server, "llama3.1"), null);
		this.server.enqueue(ContractPayloads.json(OpenAiContracts.path(ANSWER)));
		this.support.client(settings).chat(conversation().maxTokens(64).build()).block();
		RecordedRequest recorded = this.server.takeRequest();
		assertThat(recorded.getPath()).isEqualTo("/v1/chat/completions");
		assertThat(recorded.getHeader("Authorization")).isNull();
		assertThat(recorded.getHeader("api-key")).isNull();
		JsonNode body = body(recorded);
		assertThat(body.get("model").asText()).isEqualTo("llama3.1");
		assertThat(body.get("max_tokens").asInt()).isEqualTo(64);
		assertThat(body.has("max_completion_tokens")).isFalse();
	}

	@Test
	void sendsCompatibleRequestWithKeyWhenOneIsSet() throws Exception {
		this.server.enqueue(ContractPayloads.json(OpenAiContracts.path(ANSWER)));
		this.support.client(ProviderType.OPENAI_COMPATIBLE, this.server).chat(ChatRequest.of("Hi")).block();
		assertThat(this.server.takeRequest().getHeader("Authorization"))
			.isEqualTo("Bearer " + ContractPayloads.API_KEY);
	}

	@Test
	void sendsAzureRequestToDeploymentWithApiKeyHeader() throws Exception {
		this.server.enqueue(ContractPayloads.json(OpenAiContracts.path(ANSWER)));
		this.support.client(ContractPayloads.settings(ProviderType.AZURE_OPENAI, this.server, "my-gpt4o"))
			.chat(conversation().maxTokens(64).build())
			.block();
		RecordedRequest recorded = this.server.takeRequest();
		assertThat(recorded.getMethod()).isEqualTo("POST");
		assertThat(recorded.getPath())
			.isEqualTo("/openai/deployments/my-gpt4o/chat/completions?api-version=" + "2024-10-21");
		assertThat(recorded.getHeader("api-key")).isEqualTo(ContractPayloads.API_KEY);
		assertThat(recorded.getHeader("Authorization")).isNull();
		JsonNode body = body(recorded);
		assertThat(body.get("max_tokens").asInt()).isEqualTo(64);
		assertThat(body.has("max_completion_tokens")).isFalse();
		assertThat(body.get("messages")).hasSize(6);
	}

	@Test
	void sendsConfiguredAzureApiVersion() throws Exception {
		ProviderSettings settings = OpenAiTestSupport.withApiVersion(
				ContractPayloads.settings(ProviderType.AZURE_OPENAI, this.server, "my-gpt4o"), "2025-04-01-preview");
		this.server.enqueue(ContractPayloads.sse(OpenAiContracts.path(STREAM)));
		this.support.client(settings).stream(ChatRequest.of("Hi")).blockLast();
		RecordedRequest recorded = this.server.takeRequest();
		assertThat(recorded.getPath())
			.isEqualTo("/openai/deployments/my-gpt4o/chat/completions?api-version=2025-04-01-preview");
		assertThat(recorded.getRequestUrl().queryParameter("api-version")).isEqualTo("2025-04-01-preview");
		assertThat(recorded.getHeader("Accept")).contains("text/event-stream");
	}

	@Test
	void sendsStreamFlags() throws Exception {
		this.server.enqueue(ContractPayloads.sse(OpenAiContracts.path(STREAM)));
		this.support.client(ProviderType.OPENAI, this.server).stream(ChatRequest.of("Hi")).blockLast();
		RecordedRequest recorded = this.server.takeRequest();
		assertThat(recorded.getHeader("Accept")).contains("text/event-stream");
		JsonNode body = body(recorded);
		assertThat(fieldNames(body)).containsExactlyInAnyOrder("model", "messages", "stream", "stream_options");
		assertThat(body.get("stream").asBoolean()).isTrue();
		JSONAssert.assertEquals("{\"include_usage\":true}", body.get("stream_options").toString(),
				JSONCompareMode.STRICT);
	}

	@Test
	void sendsConfiguredOutputLimitWhenRequestSetsNone() throws Exception {
		ProviderSettings settings = OpenAiTestSupport
			.withMaxOutputTokens(ContractPayloads.settings(ProviderType.OPENAI, this.server, "gpt-4o"), 1000);
		this.server.enqueue(ContractPayloads.json(OpenAiContracts.path(ANSWER)));
		this.server.enqueue(ContractPayloads.json(OpenAiContracts.path(ANSWER)));
		OpenAiClient client = this.support.client(settings);
		client.chat(ChatRequest.of("Hi")).block();
		client.chat(ChatRequest.builder().user("Hi").maxTokens(10).build()).block();
		assertThat(body(this.server.takeRequest()).get("max_completion_tokens").asInt()).isEqualTo(1000);
		assertThat(body(this.server.takeRequest()).get("max_completion_tokens").asInt()).isEqualTo(10);
	}

	@Test
	void omitsUnsetFields() throws Exception {
		this.server.enqueue(ContractPayloads.json(OpenAiContracts.path(ANSWER)));
		this.support.client(ProviderType.OPENAI, this.server)
			.chat(ChatRequest.builder().user("Hi").tool(new ToolDefinition("ping", null, null)).build())
			.block();
		JsonNode body = body(this.server.takeRequest());
		assertThat(fieldNames(body)).containsExactlyInAnyOrder("model", "messages", "tools");
		JSONAssert.assertEquals("[{\"role\":\"user\",\"content\":\"Hi\"}]", body.get("messages").toString(),
				JSONCompareMode.STRICT);
		JSONAssert.assertEquals(
				"[{\"type\":\"function\",\"function\":{\"name\":\"ping\",\"description\":\"\","
						+ "\"parameters\":{\"type\":\"object\"}}}]",
				body.get("tools").toString(), JSONCompareMode.STRICT);
	}

	private static ChatRequest.Builder conversation() {
		return ChatRequest.builder()
			.system("Be brief.")
			.user("Weather in Paris?")
			// a call signed by a Gemini model before a failover: OpenAI is not sent the
			// signature
			.message(Message.assistant("",
					List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}", "c2lnbmF0dXJl"))))
			.message(Message.toolResult("call_1", "get_weather", "{\"celsius\":21}"))
			.assistant("It is 21 degrees.")
			.user("Thanks")
			.tool(new ToolDefinition("get_weather", "Current weather of a city",
					Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")), "required",
							List.of("city"))))
			.temperature(0.2)
			.stopSequences(List.of("END"));
	}

	private static JsonNode body(RecordedRequest recorded) throws IOException {
		return OpenAiTestSupport.MAPPER.readTree(recorded.getBody().readUtf8());
	}

	private static List<String> fieldNames(JsonNode node) {
		return Stream.of(node).flatMap((n) -> {
			List<String> names = new java.util.ArrayList<>();
			n.fieldNames().forEachRemaining(names::add);
			return names.stream();
		}).toList();
	}

}
