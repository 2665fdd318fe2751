package dev.llmfallback.provider.gemini;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.FinishReason;
import dev.llmfallback.LlmException;
import dev.llmfallback.Message;
import dev.llmfallback.ResponseFormat;
import dev.llmfallback.ToolCall;
import dev.llmfallback.ToolChoice;
import dev.llmfallback.ToolDefinition;
import dev.llmfallback.Usage;
import dev.llmfallback.provider.ContractPayloads;

import static dev.llmfallback.provider.gemini.GeminiTestSupport.BASE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GeminiClient#chat}: the request it sends and the answers it reads.
 */
class GeminiChatTests {

	static final List<String> FILES = List.of(BASE + "recorded/generate-content.json",
			BASE + "recorded/generate-content-function-call.json",
			BASE + "recorded/generate-content-after-function-response.json",
			BASE + "generate-content-basic-reply-short.json", BASE + "generate-content-basic-reply-long.json",
			BASE + "generate-content-empty-content.json", BASE + "generate-content-finish-reason-safety.json",
			BASE + "generate-content-prompt-blocked-safety.json", BASE + "generate-content-unknown-enum.json");

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

	private ChatResponse chat(String file, ChatRequest request) {
		this.server.enqueue(ContractPayloads.json(file));
		return this.support.client(this.server).chat(request).block();
	}

	@Test
	void sendsPostToGenerateContentWithApiKeyHeaderAndCamelCaseBody() throws Exception {
		ChatRequest request = ChatRequest.builder()
			.system("Be brief.")
			.user("Hi")
			.maxTokens(64)
			.temperature(0.5)
			.stopSequences(List.of("END"))
			.build();
		chat(BASE + "recorded/generate-content.json", request);
		RecordedRequest recorded = this.server.takeRequest();
		assertThat(recorded.getMethod()).isEqualTo("POST");
		assertThat(recorded.getPath()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
		assertThat(recorded.getRequestUrl().queryParameter("key")).isNull();
		assertThat(recorded.getHeader("x-goog-api-key")).isEqualTo(ContractPayloads.API_KEY);
		assertThat(recorded.getHeader("Authorization")).isNull();
		assertThat(recorded.getHeader("Content-Type")).startsWith("application/json");
		var body = GeminiTestSupport.body(recorded);
		assertThat(body.path("contents")).hasSize(1);
		assertThat(body.at("/contents/0/role").asText()).isEqualTo("user");
		assertThat(body.at("/contents/0/parts/0/text").asText()).isEqualTo("Hi");
		assertThat(body.at("/systemInstruction/parts/0/text").asText()).isEqualTo("Be brief.");
		assertThat(body.at("/systemInstruction/role").isMissingNode()).isTrue();
		assertThat(body.at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(64);
		assertThat(body.at("/generationConfig/temperature").asDouble()).isEqualTo(0.5);
		assertThat(body.at("/generationConfig/stopSequences/0").asText()).isEqualTo("END");
		assertThat(body.has("tools")).isFalse();
		assertThat(body.fieldNames()).toIterable()
			.containsExactlyInAnyOrder("contents", "systemInstruction", "generationConfig");
	}

	@Test
	void asksForJsonWithTheSchemaInTheFieldThatTakesIt() throws Exception {
		Map<String, Object> subset = Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")));
		Map<String, Object> jsonSchema = Map.of("type", "object", "properties",
				Map.of("city", Map.of("type", "string")), "additionalProperties", false);
		chat(BASE + "recorded/generate-content.json",
				ChatRequest.builder().user("Hi").responseFormat(ResponseFormat.json()).build());
		chat(BASE + "recorded/generate-content.json",
				ChatRequest.builder().user("Hi").responseFormat(ResponseFormat.jsonSchema("weather", subset)).build());
		chat(BASE + "recorded/generate-content.json",
				ChatRequest.builder()
					.user("Hi")
					.responseFormat(ResponseFormat.jsonSchema("weather", jsonSchema))
					.build());
		JsonNode json = GeminiTestSupport.body(this.server.takeRequest()).path("generationConfig");
		assertThat(json.fieldNames()).toIterable().containsExactly("responseMimeType");
		assertThat(json.get("responseMimeType").asText()).isEqualTo("application/json");
		JsonNode openApi = GeminiTestSupport.body(this.server.takeRequest()).path("generationConfig");
		assertThat(openApi.fieldNames()).toIterable().containsExactlyInAnyOrder("responseMimeType", "responseSchema");
		assertThat(openApi.at("/responseSchema/properties/city/type").asText()).isEqualTo("string");
		JsonNode full = GeminiTestSupport.body(this.server.takeRequest()).path("generationConfig");
		assertThat(full.fieldNames()).toIterable().containsExactlyInAnyOrder("responseMimeType", "responseJsonSchema");
		assertThat(full.at("/responseJsonSchema/additionalProperties").asBoolean(true)).isFalse();
	}

	@Test
	void sendsTheToolChoiceAsFunctionCallingConfigOnlyWithTools() throws Exception {
		ChatRequest.Builder withTool = ChatRequest.builder()
			.user("Weather?")
			.tool(new ToolDefinition("get_weather", "Weather", Map.of("type", "object")));
		for (ToolChoice choice : List.of(ToolChoice.auto(), ToolChoice.none(), ToolChoice.required(),
				ToolChoice.tool("get_weather"))) {
			chat(BASE + "recorded/generate-content.json", withTool.toolChoice(choice).build());
		}
		chat(BASE + "recorded/generate-content.json",
				ChatRequest.builder().user("Hi").toolChoice(ToolChoice.none()).build());
		for (String expected : List.of("{\"mode\":\"AUTO\"}", "{\"mode\":\"NONE\"}", "{\"mode\":\"ANY\"}",
				"{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"get_weather\"]}")) {
			assertThat(GeminiTestSupport.body(this.server.takeRequest())
				.at("/toolConfig/functionCallingConfig")
				.toString()).isEqualTo(expected);
		}
		assertThat(GeminiTestSupport.body(this.server.takeRequest()).has("toolConfig")).isFalse();
	}

	@Test
	void omitsEmptyFieldsAndUsesSettingsVersionAndMaxOutputTokens() throws Exception {
		var base = GeminiTestSupport.settings(this.server);
		var settings = new dev.llmfallback.provider.ProviderSettings(base.name(), base.type(), "tunedModels/my-model",
				base.priority(), base.tier(), base.baseUrl(), base.apiKey(), "v1", base.timeouts(), null, 321,
				Map.of());
		this.server.enqueue(ContractPayloads.json(BASE + "recorded/generate-content.json"));
		this.support.client(settings).chat(ChatRequest.of("Hi")).block();
		RecordedRequest recorded = this.server.takeRequest();
		assertThat(recorded.getPath()).isEqualTo("/v1/tunedModels/my-model:generateContent");
		var body = GeminiTestSupport.body(recorded);
		assertThat(body.fieldNames()).toIterable().containsExactlyInAnyOrder("contents", "generationConfig");
		assertThat(body.path("generationConfig").fieldNames()).toIterable().containsExactly("maxOutputTokens");
		assertThat(body.at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(321);
	}

	@Test
	void sendsToolsToolCallsAndMergedToolResults() throws Exception {
		Map<String, Object> schema = Map.of("type", "object", "properties",
				Map.of("city", Map.of("type", "string", "description", "The city")), "required", List.of("city"));
		Map<String, Object> jsonSchema = Map.of("type", "object", "additionalProperties", false, "properties",
				Map.of("q", Map.of("type", List.of("string", "null"))));
		ChatRequest request = ChatRequest.builder()
			.user("Weather in Paris and Rome?")
			.message(Message.assistant("Let me check.",
					List.of(new ToolCall("c1", "weather", "{\"city\":\"Paris\"}"),
							new ToolCall("c2", "weather", "{\"city\":\"Rome\"}"))))
			.message(Message.toolResult("c1", "weather", "{\"celsius\":21}"))
			.message(Message.toolResult("c2", null, "sunny"))
			.tool(new ToolDefinition("weather", "Current weather", schema))
			.tool(new ToolDefinition("search", "", jsonSchema))
			.build();
		chat(BASE + "recorded/generate-content-after-function-response.json", request);
		var body = GeminiTestSupport.body(this.server.takeRequest());
		assertThat(body.path("contents")).hasSize(3);
		var model = body.at("/contents/1");
		assertThat(model.path("role").asText()).isEqualTo("model");
		assertThat(model.at("/parts/0/text").asText()).isEqualTo("Let me check.");
		assertThat(model.at("/parts/1/functionCall/name").asText()).isEqualTo("weather");
		assertThat(model.at("/parts/1/functionCall/id").asText()).isEqualTo("c1");
		assertThat(model.at("/parts/1/functionCall/args/city").asText()).isEqualTo("Paris");
		assertThat(model.at("/parts/2/functionCall/args/city").asText()).isEqualTo("Rome");
		var results = body.at("/contents/2");
		assertThat(results.path("role").asText()).isEqualTo("user");
		assertThat(results.path("parts")).hasSize(2);
		assertThat(results.at("/parts/0/functionResponse/name").asText()).isEqualTo("weather");
		assertThat(results.at("/parts/0/functionResponse/id").asText()).isEqualTo("c1");
		assertThat(results.at("/parts/0/functionResponse/response/celsius").asInt()).isEqualTo(21);
		assertThat(results.at("/parts/1/functionResponse/name").asText())
			.as("name found from the call when the result has none")
			.isEqualTo("weather");
		assertThat(results.at("/parts/1/functionResponse/response/result").asText()).isEqualTo("sunny");
		var declarations = body.at("/tools/0/functionDeclarations");
		assertThat(declarations).hasSize(2);
		assertThat(declarations.at("/0/name").asText()).isEqualTo("weather");
		assertThat(declarations.at("/0/description").asText()).isEqualTo("Current weather");
		assertThat(declarations.at("/0/parameters/properties/city/type").asText()).isEqualTo("string");
		assertThat(declarations.get(0).has("parametersJsonSchema")).isFalse();
		assertThat(declarations.get(1).has("description")).isFalse();
		assertThat(declarations.get(1).has("parameters")).isFalse();
		assertThat(declarations.at("/1/parametersJsonSchema/additionalProperties").asBoolean(true)).isFalse();
	}

	@Test
	void readsTextUsageWithThinkingTokensAndModel() {
		ChatResponse response = chat(BASE + "recorded/generate-content.json", ChatRequest.of("What is ai?"));
		assertThat(response.text()).startsWith("AI stands for **Artificial Intelligence**.")
			.endsWith("the need for responsible development.");
		assertThat(response.toolCalls()).isEmpty();
		assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
		assertThat(response.usage()).isEqualTo(new Usage(5, 877 + 1058, 0));
		assertThat(response.model()).isEqualTo("gemini-2.5-flash");
		assertThat(response.provider()).isEqualTo("google");
		assertThat(response.cost()).isEmpty();
		assertThat(response.attempts()).isEmpty();
	}

	@Test
	void readsFunctionCallAsToolCallWithGeneratedId() {
		ChatResponse response = chat(BASE + "recorded/generate-content-function-call.json", ChatRequest.of("Capital?"));
		assertThat(response.text()).isEmpty();
		// its thought signature: GeminiThoughtSignatureTests
		assertThat(response.toolCalls()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("signature")
			.containsExactly(new ToolCall("call_0", "get_capital", "{\"country\":\"France\"}"));
		assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
		assertThat(response.usage()).isEqualTo(new Usage(57, 15 + 124, 0));
		assertThat(response.model()).isEqualTo("gemini-2.5-pro");
	}

	@Test
	void readsAnswerAfterFunctionResponse() {
		ChatResponse response = chat(BASE + "recorded/generate-content-after-function-response.json",
				ChatRequest.of("Capital?"));
		assertThat(response.text()).isEqualTo("Paris");
		assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
		assertThat(response.usage()).isEqualTo(new Usage(142, 1 + 97, 0));
	}

	@Test
	void readsSdkFixturesWithoutFinishReasonOrUsage() {
		ChatResponse shortReply = chat(BASE + "generate-content-basic-reply-short.json", ChatRequest.of("Capital?"));
		assertThat(shortReply.text()).isEqualTo("Helena");
		assertThat(shortReply.finishReason()).isEqualTo(FinishReason.OTHER);
		assertThat(shortReply.usage()).isEqualTo(Usage.NONE);
		assertThat(shortReply.model()).as("falls back to the configured model").isEqualTo(GeminiTestSupport.MODEL);
		ChatResponse longReply = chat(BASE + "generate-content-basic-reply-long.json", ChatRequest.of("Coffee?"));
		assertThat(longReply.text()).startsWith("1. **Use Freshly Ground Coffee**")
			.endsWith("within 30 minutes of brewing.");
	}

	@Test
	void toleratesUnknownEnumValues() {
		ChatResponse response = chat(BASE + "generate-content-unknown-enum.json", ChatRequest.of("Coffee?"));
		assertThat(response.text()).startsWith("1. **Use Freshly Ground Coffee**");
		assertThat(response.finishReason()).isEqualTo(FinishReason.OTHER);
	}

	@Test
	void readsCandidateWithoutContentAsEmptyText() {
		ChatResponse response = chat(BASE + "generate-content-empty-content.json", ChatRequest.of("Hi"));
		assertThat(response.text()).isEmpty();
		assertThat(response.toolCalls()).isEmpty();
		assertThat(response.finishReason()).as("the payload has no finishReason").isEqualTo(FinishReason.OTHER);
	}

	@Test
	void mapsSafetyFinishToContentFilter() {
		ChatResponse response = chat(BASE + "generate-content-finish-reason-safety.json", ChatRequest.of("Hi"));
		assertThat(response.text()).isEqualTo("No");
		assertThat(response.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
	}

	@Test
	void failsWithContentPolicyWhenPromptIsBlocked() {
		this.server.enqueue(ContractPayloads.json(BASE + "generate-content-prompt-blocked-safety.json"));
		StepVerifier.create(this.support.client(this.server).chat(ChatRequest.of("Hi"))).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(LlmException.class);
			LlmException error = (LlmException) ex;
			assertThat(error.kind()).isEqualTo(ErrorKind.CONTENT_POLICY);
			assertThat(error.provider()).isEqualTo("google");
			assertThat(error.detail()).contains("SAFETY");
		}).verify();
	}

	@Test
	void skipsThoughtPartsAndNumbersCallsWithoutId() {
		this.server.enqueue(new MockResponse().setResponseCode(200)
			.addHeader("Content-Type", "application/json")
			.setBody(GeminiStreamTests.THINKING_ANSWER));
		ChatResponse response = this.support.client(this.server).chat(ChatRequest.of("Hi")).block();
		assertThat(response.text()).isEqualTo("Checking both.");
		assertThat(response.toolCalls()).containsExactly(new ToolCall("call_0", "a", "{\"x\":1}"),
				new ToolCall("fc-b", "b", "{}"));
		assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
		assertThat(response.usage()).isEqualTo(new Usage(10, 3 + 7, 4));
	}

	@Test
	void readsResponsesWithASnakeCaseApplicationMapper() throws Exception {
		var snake = new com.fasterxml.jackson.databind.ObjectMapper()
			.setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE);
		var settings = GeminiTestSupport.settings(this.server);
		var client = new GeminiClient(settings,
				org.springframework.web.reactive.function.client.WebClient.create(settings.baseUrl().toString()),
				snake);
		this.server.enqueue(ContractPayloads.json(BASE + "recorded/generate-content.json"));
		ChatResponse response = client.chat(ChatRequest.builder().system("S").user("Hi").maxTokens(5).build()).block();
		assertThat(response.usage().inputTokens()).isEqualTo(5);
		assertThat(response.model()).isEqualTo("gemini-2.5-flash");
		var body = GeminiTestSupport.body(this.server.takeRequest());
		assertThat(body.at("/systemInstruction/parts/0/text").asText()).isEqualTo("S");
		assertThat(body.at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(5);
	}

}
