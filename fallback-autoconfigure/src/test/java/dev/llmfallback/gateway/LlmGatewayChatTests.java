package dev.llmfallback.gateway;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

import dev.llmfallback.Attempt;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.DegradationLevel;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.FinishReason;
import dev.llmfallback.Message;
import dev.llmfallback.ResponseFormat;
import dev.llmfallback.ToolCall;
import dev.llmfallback.ToolChoice;
import dev.llmfallback.ToolDefinition;
import dev.llmfallback.Usage;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class LlmGatewayChatTests {

	private final RecordingRouter router = new RecordingRouter();

	private final WebTestClient client = this.router.client();

	@Test
	void answerHasOpenAiShapeAndNamesWhoAnsweredInHeaders() {
		this.router.answering((request) -> Mono.just(ChatResponse.builder()
			.text("Paris.")
			.finishReason(FinishReason.STOP)
			.usage(Usage.of(20, 2))
			.cost(new BigDecimal("0.0001"))
			.provider("openai")
			.model("gpt-4o-2024-08-06")
			.level(DegradationLevel.REDUCED)
			.attempts(List.of(
					new Attempt("anthropic", "claude-sonnet-4", ErrorKind.SERVER_ERROR, 503, Duration.ofMillis(10),
							"api_error"),
					new Attempt("anthropic", "claude-sonnet-4", ErrorKind.TIMEOUT, null, Duration.ofSeconds(1), "")))
			.build()));
		post("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"Capital of France?\"}]}")
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectHeader()
			.valueEquals("x-llm-provider", "openai")
			.expectHeader()
			.valueEquals("x-llm-level", "reduced")
			.expectHeader()
			.valueEquals("x-llm-attempts", "2")
			.expectBody()
			.jsonPath("$.id")
			.value((id) -> assertThat((String) id).startsWith("chatcmpl-"))
			.jsonPath("$.object")
			.isEqualTo("chat.completion")
			.jsonPath("$.created")
			.isEqualTo(1_750_000_000)
			.jsonPath("$.model")
			.isEqualTo("gpt-4o-2024-08-06")
			.jsonPath("$.choices.length()")
			.isEqualTo(1)
			.jsonPath("$.choices[0].index")
			.isEqualTo(0)
			.jsonPath("$.choices[0].message.role")
			.isEqualTo("assistant")
			.jsonPath("$.choices[0].message.content")
			.isEqualTo("Paris.")
			.jsonPath("$.choices[0].message.tool_calls")
			.doesNotExist()
			.jsonPath("$.choices[0].finish_reason")
			.isEqualTo("stop")
			.jsonPath("$.usage.prompt_tokens")
			.isEqualTo(20)
			.jsonPath("$.usage.completion_tokens")
			.isEqualTo(2)
			.jsonPath("$.usage.total_tokens")
			.isEqualTo(22);
	}

	@Test
	void staticAnswerWithoutProviderKeepsTheRequestedModel() {
		this.router.answering((request) -> Mono
			.just(ChatResponse.builder().text("Service temporarily limited").level(DegradationLevel.STATIC).build()));
		post("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist("x-llm-provider")
			.expectHeader()
			.valueEquals("x-llm-level", "static")
			.expectHeader()
			.valueEquals("x-llm-attempts", "0")
			.expectBody()
			.jsonPath("$.model")
			.isEqualTo("auto")
			.jsonPath("$.choices[0].message.content")
			.isEqualTo("Service temporarily limited");
	}

	@Test
	void openAiRequestIsMappedToTheRouterRequest() {
		post("""
				{"model":"gpt-4o","max_tokens":50,"max_completion_tokens":100,"temperature":0.2,"stop":["END"],
				 "top_p":0.9,"user":"someone",
				 "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather of a city",
				   "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],
				 "messages":[
				  {"role":"system","content":"Be brief."},
				  {"role":"developer","content":[{"type":"text","text":"Use metric units."}]},
				  {"role":"user","content":"Weather in Paris?"},
				  {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
				    "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
				  {"role":"tool","tool_call_id":"call_1","content":"{\\"celsius\\":21}"}
				 ]}""").expectStatus().isOk();
		ChatRequest request = this.router.lastRequest();
		assertThat(request.system()).isEqualTo("Be brief.\n\nUse metric units.");
		assertThat(request.messages()).containsExactly(Message.user("Weather in Paris?"),
				Message.assistant("", List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"))),
				Message.toolResult("call_1", "get_weather", "{\"celsius\":21}"));
		assertThat(request.tools())
			.containsExactly(new ToolDefinition("get_weather", "Weather of a city", Map.of("type", "object",
					"properties", Map.of("city", Map.of("type", "string")), "required", List.of("city"))));
		assertThat(request.tools().get(0).parameters().keySet()).containsExactly("type", "properties", "required");
		assertThat(request.maxTokens()).isEqualTo(100);
		assertThat(request.temperature()).isEqualTo(0.2);
		assertThat(request.stopSequences()).containsExactly("END");
		assertThat(request.preferredModel()).isEqualTo("gpt-4o");
	}

	@Test
	void theResponseFormatIsPassedOn() {
		post("""
				{"model":"auto","messages":[{"role":"user","content":"Weather?"}],
				 "response_format":{"type":"json_schema","json_schema":{"name":"weather","strict":true,
				   "schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],
				             "additionalProperties":false}}}}""").expectStatus().isOk();
		ResponseFormat schema = this.router.lastRequest().responseFormat();
		assertThat(schema.type()).isEqualTo(ResponseFormat.Type.JSON_SCHEMA);
		assertThat(schema.name()).isEqualTo("weather");
		assertThat(schema.strict()).isTrue();
		assertThat(schema.schema()).containsExactly(entry("type", "object"),
				entry("properties", Map.of("city", Map.of("type", "string"))), entry("required", List.of("city")),
				entry("additionalProperties", false));
		post("""
				{"model":"auto","messages":[{"role":"user","content":"Weather?"}],
				 "response_format":{"type":"json_object"}}""").expectStatus().isOk();
		assertThat(this.router.lastRequest().responseFormat()).isEqualTo(ResponseFormat.json());
		post("""
				{"model":"auto","messages":[{"role":"user","content":"Weather?"}],
				 "response_format":{"type":"text"}}""").expectStatus().isOk();
		assertThat(this.router.lastRequest().responseFormat()).isNull();
	}

	@Test
	void theToolChoiceIsPassedOn() {
		String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}]";
		post("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}]," + tools
				+ ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}}")
			.expectStatus()
			.isOk();
		assertThat(this.router.lastRequest().toolChoice()).isEqualTo(ToolChoice.tool("get_weather"));
		post("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}]," + tools
				+ ",\"tool_choice\":\"required\"}")
			.expectStatus()
			.isOk();
		assertThat(this.router.lastRequest().toolChoice()).isEqualTo(ToolChoice.required());
		post("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}],\"tool_choice\":\"none\"}")
			.expectStatus()
			.isOk();
		assertThat(this.router.lastRequest().toolChoice()).isEqualTo(ToolChoice.none());
		post("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}]," + tools
				+ ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_time\"}}}")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error.message")
			.value((message) -> assertThat((String) message).contains("'get_time'"));
	}

	@Test
	void theMaxCostHeaderCapsTheRequestsCost() {
		postWithMaxCost(" 0.02 ").expectStatus().isOk();
		assertThat(this.router.lastRequest().maxCost()).isEqualByComparingTo("0.02");
		post("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").expectStatus().isOk();
		assertThat(this.router.lastRequest().maxCost()).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "two cents", "-0.01", "" })
	void aMaxCostHeaderThatIsNoAmountIsRefusedNamingIt(String value) {
		postWithMaxCost(value).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error.param")
			.isEqualTo("x-llm-max-cost")
			.jsonPath("$.error.message")
			.value((message) -> assertThat((String) message).contains("x-llm-max-cost", "US dollars"));
	}

	@Test
	void maxTokensAndAStopStringAreRead() {
		post("{\"model\":\"auto\",\"max_tokens\":7,\"stop\":\"\\n\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
			.expectStatus()
			.isOk();
		assertThat(this.router.lastRequest().maxTokens()).isEqualTo(7);
		assertThat(this.router.lastRequest().stopSequences()).containsExactly("\n");
		assertThat(this.router.lastRequest().system()).isNull();
	}

	@Test
	void toolCallsAreAnsweredAsOpenAiToolCalls() {
		this.router.answering((request) -> Mono.just(ChatResponse.builder()
			.toolCalls(List.of(new ToolCall("call_7", "get_weather", "{\"city\":\"Oslo\"}"),
					new ToolCall("call_8", "get_time", "{}")))
			.finishReason(FinishReason.TOOL_CALLS)
			.provider("anthropic")
			.model("claude-sonnet-4")
			.build()));
		post("{\"model\":\"anthropic\",\"messages\":[{\"role\":\"user\",\"content\":\"Oslo?\"}],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}]}")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.choices[0].finish_reason")
			.isEqualTo("tool_calls")
			.jsonPath("$.choices[0].message.content")
			.doesNotExist()
			.jsonPath("$.choices[0].message.tool_calls.length()")
			.isEqualTo(2)
			.jsonPath("$.choices[0].message.tool_calls[0].id")
			.isEqualTo("call_7")
			.jsonPath("$.choices[0].message.tool_calls[0].type")
			.isEqualTo("function")
			.jsonPath("$.choices[0].message.tool_calls[0].function.name")
			.isEqualTo("get_weather")
			.jsonPath("$.choices[0].message.tool_calls[0].function.arguments")
			.isEqualTo("{\"city\":\"Oslo\"}")
			.jsonPath("$.choices[0].message.tool_calls[1].function.name")
			.isEqualTo("get_time");
		assertThat(this.router.lastRequest().tools()).extracting(ToolDefinition::name).containsExactly("get_weather");
		assertThat(this.router.lastRequest().tools().get(0).parameters()).isEqualTo(Map.of("type", "object"));
	}

	@Test
	void signedToolCallKeepsItsSignatureInItsIdThroughTheClient() {
		this.router.answering((request) -> Mono.just(ChatResponse.builder()
			.toolCalls(List.of(new ToolCall("call_7", "get_weather", "{\"city\":\"Oslo\"}", "c2lnbmF0dXJl+/==")))
			.finishReason(FinishReason.TOOL_CALLS)
			.provider("google")
			.model("gemini-3-pro-preview")
			.build()));
		String id = post("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"Oslo?\"}]}").expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.at("/choices/0/message/tool_calls/0/id")
			.asText();
		assertThat(id).isEqualTo("call_7__thought__c2lnbmF0dXJl+/==");

		post("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"Oslo?\"},"
				+ "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"" + id + "\",\"type\":\"function\","
				+ "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{}\"}}]},"
				+ "{\"role\":\"tool\",\"tool_call_id\":\"" + id + "\",\"content\":\"3 degrees\"}]}")
			.expectStatus()
			.isOk();
		assertThat(this.router.lastRequest().messages()).containsExactly(Message.user("Oslo?"),
				Message.assistant("", List.of(new ToolCall("call_7", "get_weather", "{}", "c2lnbmF0dXJl+/=="))),
				Message.toolResult("call_7", "get_weather", "3 degrees"));
	}

	@ParameterizedTest
	@CsvSource(nullValues = "null",
			value = { "auto, null, null", "anthropic, anthropic, null", "openai-backup, openai-backup, null",
					"claude-sonnet-4, null, claude-sonnet-4", "gpt-4o, null, gpt-4o", "gpt-5-unknown, null, null" })
	void modelNamePutsItsProvidersFirst(String model, String preferredProvider, String preferredModel) {
		post("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").expectStatus()
			.isOk();
		assertThat(this.router.lastRequest().preferredProvider()).isEqualTo(preferredProvider);
		assertThat(this.router.lastRequest().preferredModel()).isEqualTo(preferredModel);
	}

	@Test
	void missingModelLetsTheRouterChoose() {
		post("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").expectStatus().isOk();
		assertThat(this.router.lastRequest().preferredProvider()).isNull();
		assertThat(this.router.lastRequest().preferredModel()).isNull();
	}

	@Test
	void modelsListsAutoAndEachConfiguredModelOnce() {
		this.client.get()
			.uri("/v1/models")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.object")
			.isEqualTo("list")
			.jsonPath("$.data[*].id")
			.isEqualTo(List.of("auto", "claude-sonnet-4", "gpt-4o"))
			.jsonPath("$.data[*].owned_by")
			.isEqualTo(List.of("llm-fallback", "anthropic", "openai"))
			.jsonPath("$.data[0].object")
			.isEqualTo("model");
	}

	@Test
	void pathPrefixMovesTheEndpoints() {
		WebTestClient prefixed = WebTestClient.bindToRouterFunction(this.router.gateway().routes("/llm/")).build();
		prefixed.get().uri("/llm/v1/models").exchange().expectStatus().isOk();
		prefixed.post()
			.uri("/llm/v1/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
			.exchange()
			.expectStatus()
			.isOk();
		prefixed.get().uri("/v1/models").exchange().expectStatus().isNotFound();
	}

	private WebTestClient.ResponseSpec postWithMaxCost(String maxCost) {
		return this.client.post()
			.uri("/v1/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.header("x-llm-max-cost", maxCost)
			.bodyValue("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
			.exchange();
	}

	private WebTestClient.ResponseSpec post(String body) {
		return this.client.post()
			.uri("/v1/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

}
