package dev.llmfallback.provider.anthropic;

import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.DegradationLevel;
import dev.llmfallback.FinishReason;
import dev.llmfallback.ToolCall;
import dev.llmfallback.Usage;
import dev.llmfallback.provider.ContractPayloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Answers without streaming: text, tool calls, finish reasons and usage read from the
 * contract payloads.
 */
class AnthropicChatTests {

	private final AnthropicTestServer server = new AnthropicTestServer();

	@AfterEach
	void close() {
		this.server.close();
	}

	static Stream<Arguments> responses() {
		return AnthropicContractFiles.CHAT_RESPONSES.stream().map(Arguments::of);
	}

	@ParameterizedTest
	@MethodSource("responses")
	void readsEveryRecordedAnswer(String file) throws Exception {
		this.server.server().enqueue(serve(file));
		ChatResponse response = this.server.client().chat(ChatRequest.of("hello")).block();
		String base = file.substring(0, file.lastIndexOf('/') + 1)
				+ file.substring(file.lastIndexOf('/') + 1).replaceAll("\\.(json|response\\.http)$", "");
		Expected expected = Expected.of(base);
		assertThat(response.text()).isEqualTo(expected.text());
		assertThat(response.finishReason()).isEqualTo(expected.finishReason());
		assertThat(response.usage()).isEqualTo(expected.usage());
		assertThat(response.model()).isEqualTo(expected.model());
		assertThat(response.toolCalls()).extracting(ToolCall::id, ToolCall::name)
			.containsExactlyElementsOf(
					expected.toolCalls().stream().map((call) -> tuple(call.id(), call.name())).toList());
		for (int i = 0; i < expected.toolCalls().size(); i++) {
			JSONAssert.assertEquals(expected.toolCalls().get(i).arguments(), response.toolCalls().get(i).arguments(),
					JSONCompareMode.STRICT);
		}
		assertThat(response.provider()).isEqualTo("anthropic");
		assertThat(response.level()).isEqualTo(DegradationLevel.FULL);
		assertThat(response.cost()).isEmpty();
		assertThat(response.attempts()).isEmpty();
	}

	@Test
	void thinkingIsLeftOutOfTheText() {
		this.server.server()
			.enqueue(ContractPayloads.json(AnthropicTestServer.DIR + "recorded/messages-thinking.json"));
		ChatResponse response = this.server.client().chat(ChatRequest.of("hello")).block();
		assertThat(ContractPayloads.read(AnthropicTestServer.DIR + "recorded/messages-thinking.json"))
			.contains("Let me count");
		assertThat(response.text()).doesNotContain("Let me count").startsWith("The letter 'r'");
	}

	@Test
	void toolCallArgumentsAreTheInputObjectAsJsonText() {
		this.server.server()
			.enqueue(ContractPayloads.json(AnthropicTestServer.DIR + "recorded/messages-tool-use.json"));
		ChatResponse response = this.server.client().chat(ChatRequest.of("hello")).block();
		assertThat(response.toolCalls()).containsExactly(
				new ToolCall("toolu_012r6TBCWjRHG71j6zruYyUL", "get_weather",
						"{\"location\":\"New York, NY\",\"unit\":\"fahrenheit\"}"),
				new ToolCall("toolu_01SkeBKkLCNYWNuivqFerGDd", "get_time", "{\"timezone\":\"America/New_York\"}"));
	}

	static Stream<Arguments> stopReasons() {
		return Stream.of(Arguments.of("\"end_turn\"", FinishReason.STOP),
				Arguments.of("\"stop_sequence\"", FinishReason.STOP),
				Arguments.of("\"max_tokens\"", FinishReason.LENGTH),
				Arguments.of("\"model_context_window_exceeded\"", FinishReason.LENGTH),
				Arguments.of("\"tool_use\"", FinishReason.TOOL_CALLS),
				Arguments.of("\"refusal\"", FinishReason.CONTENT_FILTER),
				Arguments.of("\"pause_turn\"", FinishReason.OTHER),
				Arguments.of("\"a_reason_added_later\"", FinishReason.OTHER), Arguments.of("null", FinishReason.OTHER));
	}

	@ParameterizedTest
	@MethodSource("stopReasons")
	void mapsEveryStopReason(String stopReason, FinishReason expected) throws Exception {
		ObjectNode body = messagesJson();
		body.set("stop_reason", this.server.objectMapper().readTree(stopReason));
		this.server.server().enqueue(jsonResponse(body.toString()));
		assertThat(this.server.client().chat(ChatRequest.of("hello")).block().finishReason()).isEqualTo(expected);
	}

	@Test
	void cachedPromptTokensCountAsInput() throws Exception {
		ObjectNode body = messagesJson();
		body.set("usage",
				this.server.objectMapper()
					.readTree("{\"input_tokens\":10,\"cache_creation_input_tokens\":50,\"cache_read_input_tokens\":100,"
							+ "\"output_tokens\":7,\"service_tier\":\"standard\",\"a_count_added_later\":3}"));
		this.server.server().enqueue(jsonResponse(body.toString()));
		assertThat(this.server.client().chat(ChatRequest.of("hello")).block().usage())
			.isEqualTo(new Usage(160, 7, 100));
	}

	@Test
	void unknownBlocksAndFieldsAreIgnored() throws Exception {
		ObjectNode body = messagesJson();
		body.put("a_field_added_later", true);
		body.set("content", this.server.objectMapper()
			.readTree("[{\"type\":\"redacted_thinking\",\"data\":\"xyz\"},{\"type\":\"text\",\"text\":\"A\"},"
					+ "{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_1\",\"name\":\"web_search\",\"input\":{}},"
					+ "{\"type\":\"text\",\"text\":\"B\",\"citations\":[]}]"));
		this.server.server().enqueue(jsonResponse(body.toString()));
		ChatResponse response = this.server.client().chat(ChatRequest.of("hello")).block();
		assertThat(response.text()).isEqualTo("AB");
		assertThat(response.toolCalls()).isEmpty();
	}

	@Test
	void modelFallsBackToTheConfiguredOne() throws Exception {
		ObjectNode body = messagesJson();
		body.remove("model");
		this.server.server().enqueue(jsonResponse(body.toString()));
		assertThat(this.server.client().chat(ChatRequest.of("hello")).block().model())
			.isEqualTo(AnthropicTestServer.MODEL);
	}

	private ObjectNode messagesJson() throws Exception {
		return (ObjectNode) this.server.objectMapper()
			.readTree(ContractPayloads.read(AnthropicTestServer.DIR + "recorded/messages.json"));
	}

	private static MockResponse serve(String file) {
		String path = AnthropicTestServer.DIR + file;
		return file.endsWith(".http") ? ContractPayloads.httpResponse(path) : ContractPayloads.json(path);
	}

	private static MockResponse jsonResponse(String body) {
		return new MockResponse().setResponseCode(200).addHeader("Content-Type", "application/json").setBody(body);
	}

	/**
	 * Hand-checked content of each recorded answer.
	 */
	record Expected(String text, List<ToolCall> toolCalls, FinishReason finishReason, Usage usage, String model) {

		static Expected of(String base) {
			return switch (base) {
				case "recorded/messages" -> new Expected(ContractTexts.JOKE, List.of(), FinishReason.STOP,
						new Usage(17, 220, 0), "claude-3-opus-20240229");
				case "recorded/messages-tool-use" -> new Expected(ContractTexts.NEW_YORK,
						List.of(new ToolCall("toolu_012r6TBCWjRHG71j6zruYyUL", "get_weather",
								"{\"location\": \"New York, NY\", \"unit\": \"fahrenheit\"}"),
								new ToolCall("toolu_01SkeBKkLCNYWNuivqFerGDd", "get_time",
										"{\"timezone\": \"America/New_York\"}")),
						FinishReason.TOOL_CALLS, new Usage(514, 152, 0), "claude-3-5-sonnet-20240620");
				case "recorded/messages-after-tool-result" -> new Expected("",
						List.of(new ToolCall("toolu_01K5KhMEdg2McN7dAkB4Y4hi", "get_time",
								"{\"timezone\": \"America/Los_Angeles\"}")),
						FinishReason.TOOL_CALLS, new Usage(568, 58, 0), "claude-3-5-haiku-20241022");
				case "recorded/messages-thinking" -> new Expected(ContractTexts.STRAWBERRY, List.of(),
						FinishReason.STOP, new Usage(52, 215, 0), "claude-3-7-sonnet-20250219");
				default -> throw new IllegalArgumentException("No expectation for " + base);
			};
		}

	}

}
