package dev.llmfallback.provider.openai;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.FinishReason;
import dev.llmfallback.LlmException;
import dev.llmfallback.ToolCall;
import dev.llmfallback.Usage;
import dev.llmfallback.provider.ContractPayloads;
import dev.llmfallback.provider.ProviderType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link OpenAiClient#chat} reading whole answers.
 */
class OpenAiClientResponseTests {

	private static final Map<String, Expected> EXPECTED = Map.ofEntries(
			expect("examples/chat-completion.json", "gpt-4o-2024-08-06", FinishReason.STOP,
					"I'm unable to provide real-time weather updates.", Usage.of(14, 37)),
			expect("examples/chat-completion-finish-length.json", "gpt-4o-2024-08-06", FinishReason.LENGTH, "{\"",
					Usage.of(79, 1)),
			expect("examples/chat-completion-parallel-tool-calls.json", "gpt-4o-2024-08-06", FinishReason.TOOL_CALLS,
					"", Usage.of(149, 60),
					new ToolCall("call_fdNz3vOBKYgOIpMdWotB9MjY", "GetWeatherArgs",
							"{\"city\": \"Edinburgh\", \"country\": \"GB\", \"units\": \"c\"}"),
					new ToolCall("call_h1DWI1POMJLb0KwIyQHWXD4p", "get_stock_price",
							"{\"ticker\": \"AAPL\", \"exchange\": \"NASDAQ\"}")),
			expect("examples/chat-completion-refusal.json", "gpt-4o-2024-08-06", FinishReason.CONTENT_FILTER,
					"I'm very sorry, but I can't assist with that.", Usage.of(79, 12)),
			expect("examples/chat-completion-response.spec-default.json", "gpt-5.4", FinishReason.STOP,
					"Hello! How can I assist you today?", Usage.of(19, 10)),
			expect("examples/chat-completion-response.spec-image-input.json", "gpt-5.4", FinishReason.STOP,
					"The image shows a wooden boardwalk path", Usage.of(1117, 46)),
			expect("examples/chat-completion-response.spec-tools.json", "gpt-4o-mini", FinishReason.TOOL_CALLS, "",
					Usage.of(82, 17),
					new ToolCall("call_abc123", "get_current_weather", "{\n\"location\": \"Boston, MA\"\n}")),
			expect("examples/chat-completion-structured-output.json", "gpt-4o-2024-08-06", FinishReason.STOP,
					"{\"city\":\"San Francisco\",\"temperature\":65,\"units\":\"f\"}", Usage.of(79, 14)),
			expect("examples/chat-completion-tool-call-strict.json", "gpt-4o-2024-08-06", FinishReason.TOOL_CALLS, "",
					Usage.of(48, 19),
					new ToolCall("call_CUdUoJpsWWVdxXntucvnol1M", "get_weather",
							"{\"city\":\"San Francisco\",\"state\":\"CA\"}")),
			expect("examples/recorded/chat-completion.json", "gpt-3.5-turbo-0125", FinishReason.STOP,
					"Why did Opentelemetry break up with Tracing?", Usage.of(15, 19)),
			expect("examples/recorded/chat-completion-gpt-4.1-nano.json", "gpt-4.1-nano-2025-04-14", FinishReason.STOP,
					"바다", Usage.of(20, 2)),
			expect("examples/recorded/chat-completion-reasoning-gpt-5-nano.json", "gpt-5-nano-2025-08-07",
					FinishReason.STOP, "3\n\nThere are three 'r' letters", Usage.of(11, 228)),
			expect("examples/recorded/chat-completion-tool-call.json", "gpt-3.5-turbo-0125", FinishReason.TOOL_CALLS,
					"", Usage.of(68, 16),
					new ToolCall("call_NnblzAO7oa78mQTzjUYLcouN", "get_current_weather",
							"{\"location\":\"San Francisco\"}")),
			expect("examples/recorded/chat-completion-after-tool-result.json", "gpt-3.5-turbo-0125", FinishReason.STOP,
					"The weather in San Francisco is 70 degrees and sunny.", Usage.of(40, 12)));

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

	static Stream<String> responses() {
		return OpenAiContracts.RESPONSES.stream();
	}

	static Stream<String> recordedResponses() {
		return OpenAiContracts.RECORDED_RESPONSES.stream();
	}

	@ParameterizedTest
	@MethodSource("responses")
	void readsAnswer(String file) {
		Expected expected = EXPECTED.get(file);
		assertThat(expected).as("expectation for %s", file).isNotNull();
		this.server.enqueue(ContractPayloads.json(OpenAiContracts.path(file)));
		ChatResponse response = chat(ProviderType.OPENAI);
		assertThat(response.text()).startsWith(expected.textStart());
		if (expected.textStart().isEmpty()) {
			assertThat(response.text()).isEmpty();
		}
		assertThat(response.finishReason()).isEqualTo(expected.finishReason());
		assertThat(response.usage()).isEqualTo(expected.usage());
		assertThat(response.toolCalls()).containsExactlyElementsOf(expected.toolCalls());
		assertThat(response.model()).isEqualTo(expected.model());
		assertThat(response.provider()).isEqualTo(ProviderType.OPENAI.id());
		assertThat(response.cost()).isEmpty();
		assertThat(response.attempts()).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("recordedResponses")
	void readsRecordedExchangeLikeItsBodyFile(String file) {
		String bodyFile = file.replace(".response.http", ".json");
		assertThat(OpenAiContracts.RESPONSES).contains(bodyFile);
		this.server.enqueue(ContractPayloads.httpResponse(OpenAiContracts.path(file)));
		this.server.enqueue(ContractPayloads.json(OpenAiContracts.path(bodyFile)));
		ChatResponse recorded = chat(ProviderType.OPENAI);
		ChatResponse body = chat(ProviderType.OPENAI);
		assertThat(recorded.text()).isEqualTo(body.text()).startsWith(EXPECTED.get(bodyFile).textStart());
		assertThat(recorded.toolCalls()).isEqualTo(body.toolCalls());
		assertThat(recorded.finishReason()).isEqualTo(body.finishReason());
		assertThat(recorded.usage()).isEqualTo(body.usage()).isEqualTo(EXPECTED.get(bodyFile).usage());
		assertThat(recorded.model()).isEqualTo(body.model());
	}

	@Test
	void readsCachedPromptTokens() {
		this.server.enqueue(json(read("examples/recorded/chat-completion-gpt-4.1-nano.json")
			.replace("\"cached_tokens\": 0", "\"cached_tokens\": 12")));
		assertThat(chat(ProviderType.OPENAI).usage()).isEqualTo(new Usage(20, 2, 12));
	}

	@Test
	void mapsEveryFinishReason() {
		Map<String, FinishReason> reasons = Map.of("stop", FinishReason.STOP, "length", FinishReason.LENGTH,
				"tool_calls", FinishReason.TOOL_CALLS, "function_call", FinishReason.TOOL_CALLS, "content_filter",
				FinishReason.CONTENT_FILTER, "brand_new_reason", FinishReason.OTHER);
		reasons.forEach((wire, expected) -> {
			this.server.enqueue(json(read("examples/chat-completion.json").replace("\"finish_reason\": \"stop\"",
					"\"finish_reason\": \"" + wire + "\"")));
			assertThat(chat(ProviderType.OPENAI).finishReason()).as(wire).isEqualTo(expected);
		});
	}

	@Test
	void readsNullContentAsEmptyTextAndFallsBackToConfiguredModel() {
		this.server.enqueue(json("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null},"
				+ "\"finish_reason\":\"stop\"}]}"));
		ChatResponse response = chat(ProviderType.OPENAI_COMPATIBLE);
		assertThat(response.text()).isEmpty();
		assertThat(response.model()).isEqualTo(OpenAiTestSupport.MODEL);
		assertThat(response.usage()).isEqualTo(Usage.NONE);
		assertThat(response.provider()).isEqualTo(ProviderType.OPENAI_COMPATIBLE.id());
	}

	@Test
	void serializesToolArgumentsSentAsObjectByCompatibleServers() {
		this.server
			.enqueue(json("{\"model\":\"llama3.1\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
					+ "\"content\":\"\",\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":"
					+ "{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\"}}}]},\"finish_reason\":\"tool_calls\"}]}"));
		ChatResponse response = chat(ProviderType.OPENAI_COMPATIBLE);
		assertThat(response.toolCalls()).containsExactly(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"));
		assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
	}

	@Test
	void readsOnlyTheFirstChoice() {
		this.server.enqueue(json("{\"model\":\"m\",\"choices\":[{\"index\":1,\"message\":{\"content\":\"second\"},"
				+ "\"finish_reason\":\"length\"},{\"index\":0,\"message\":{\"content\":\"first\"},"
				+ "\"finish_reason\":\"stop\"}]}"));
		ChatResponse response = chat(ProviderType.OPENAI);
		assertThat(response.text()).isEqualTo("first");
		assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
	}

	@Test
	void failsOnAnswerWithoutChoices() {
		this.server.enqueue(json("{\"model\":\"m\",\"choices\":[]}"));
		assertThatExceptionOfType(LlmException.class).isThrownBy(() -> chat(ProviderType.OPENAI))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE));
	}

	@Test
	void failsOnToolCallWithoutName() {
		this.server.enqueue(json("{\"choices\":[{\"index\":0,\"message\":{\"tool_calls\":[{\"id\":\"c\","
				+ "\"type\":\"function\",\"function\":{\"arguments\":\"{}\"}}]},\"finish_reason\":\"tool_calls\"}]}"));
		assertThatExceptionOfType(LlmException.class).isThrownBy(() -> chat(ProviderType.OPENAI))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE));
	}

	private ChatResponse chat(ProviderType type) {
		return this.support.client(type, this.server).chat(ChatRequest.of("Hi")).block();
	}

	private static String read(String file) {
		return ContractPayloads.read(OpenAiContracts.path(file));
	}

	private static MockResponse json(String body) {
		return new MockResponse().setResponseCode(200).addHeader("Content-Type", "application/json").setBody(body);
	}

	private static Map.Entry<String, Expected> expect(String file, String model, FinishReason finishReason,
			String textStart, Usage usage, ToolCall... toolCalls) {
		return Map.entry(file, new Expected(model, finishReason, textStart, usage, List.of(toolCalls)));
	}

	private record Expected(String model, FinishReason finishReason, String textStart, Usage usage,
			List<ToolCall> toolCalls) {

	}

}
