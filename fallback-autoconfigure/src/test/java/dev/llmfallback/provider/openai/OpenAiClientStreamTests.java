package dev.llmfallback.provider.openai;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.FinishReason;
import dev.llmfallback.ToolCall;
import dev.llmfallback.ToolCallDelta;
import dev.llmfallback.Usage;
import dev.llmfallback.provider.ContractPayloads;
import dev.llmfallback.provider.ProviderType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link OpenAiClient#stream}.
 */
class OpenAiClientStreamTests {

	private static final String N3_CHOICE_0 = "{\"city\":\"San Francisco\",\"temperature\":65,\"units\":\"f\"}";

	private static final Map<String, Expected> EXPECTED = Map.of("examples/chat-completion-stream-text.sse",
			new Expected("gpt-4o-2024-08-06", FinishReason.STOP,
					"I'm unable to provide real-time weather updates. To get the current weather in San Francisco, "
							+ "I recommend checking a reliable weather website or a weather app.",
					Usage.of(14, 30), List.of()),
			"examples/chat-completion-stream-finish-length.sse",
			new Expected("gpt-4o-2024-08-06", FinishReason.LENGTH, "{\"", Usage.of(79, 1), List.of()),
			"examples/chat-completion-stream-multiple-choices-n3.sse",
			new Expected("gpt-4o-2024-08-06", FinishReason.STOP, N3_CHOICE_0, Usage.of(79, 42), List.of()),
			"examples/chat-completion-stream-parallel-tool-calls.sse",
			new Expected("gpt-4o-2024-08-06", FinishReason.TOOL_CALLS, "", Usage.of(149, 60),
					List.of(new ToolCall("call_JMW1whyEaYG438VE1OIflxA2", "GetWeatherArgs",
							"{\"city\": \"Edinburgh\", \"country\": \"GB\", \"units\": \"c\"}"),
							new ToolCall("call_DNYTawLBoN8fj3KN6qU9N1Ou", "get_stock_price",
									"{\"ticker\": \"AAPL\", \"exchange\": \"NASDAQ\"}"))),
			"examples/chat-completion-stream-refusal.sse",
			new Expected("gpt-4o-2024-08-06", FinishReason.CONTENT_FILTER,
					"I'm sorry, I can't assist with that request.", Usage.of(79, 11), List.of()),
			"examples/chat-completion-stream-tool-call-strict.sse",
			new Expected("gpt-4o-2024-08-06", FinishReason.TOOL_CALLS, "", Usage.of(48, 19),
					List.of(new ToolCall("call_CTf1nWJLqSeRgDqaCG27xZ74", "get_weather",
							"{\"city\":\"San Francisco\",\"state\":\"CA\"}"))),
			"examples/chat-completion-stream-tool-call.sse",
			new Expected("gpt-4o-2024-08-06", FinishReason.TOOL_CALLS, "", Usage.of(44, 16),
					List.of(new ToolCall("call_4XzlGBLtUe9dy3GVNV4jhq7h", "get_weather",
							"{\"city\":\"New York City\"}"))),
			"examples/recorded/chat-completion-stream.sse",
			new Expected("gpt-3.5-turbo-0125", FinishReason.STOP,
					"Why did the opentelemetry developer go broke? \nBecause they kept trying to trace their steps back too far!",
					Usage.NONE, List.of()),
			"examples/recorded/chat-completion-stream-tool-call.sse",
			new Expected("gpt-3.5-turbo-0125", FinishReason.TOOL_CALLS, "", Usage.NONE,
					List.of(new ToolCall("call_Z22A2KgxWHH4160txiDlsuCd", "get_current_weather",
							"{\"location\":\"San Francisco\"}"))));

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

	static Stream<String> streams() {
		return OpenAiContracts.STREAMS.stream();
	}

	static Stream<String> recordedStreams() {
		return OpenAiContracts.RECORDED_STREAMS.stream();
	}

	@ParameterizedTest
	@MethodSource("streams")
	void assemblesStream(String file) {
		Expected expected = EXPECTED.get(file);
		assertThat(expected).as("expectation for %s", file).isNotNull();
		this.server.enqueue(ContractPayloads.sse(OpenAiContracts.path(file)));
		List<ChatChunk> chunks = stream(ProviderType.OPENAI);
		assertWellFormed(chunks, expected.model());
		ChatResponse response = ChatResponse.fromChunks(chunks);
		assertThat(response.text()).isEqualTo(expected.text());
		assertThat(response.finishReason()).isEqualTo(expected.finishReason());
		assertThat(response.usage()).isEqualTo(expected.usage());
		assertThat(response.toolCalls()).containsExactlyElementsOf(expected.toolCalls());
		assertThat(response.model()).isEqualTo(expected.model());
		assertThat(response.provider()).isEqualTo(ProviderType.OPENAI.id());
	}

	@ParameterizedTest
	@MethodSource("recordedStreams")
	void readsRecordedStreamExchangeLikeItsBodyFile(String file) {
		String bodyFile = file.replace(".response.http", ".sse");
		assertThat(OpenAiContracts.STREAMS).contains(bodyFile);
		this.server.enqueue(ContractPayloads.httpResponse(OpenAiContracts.path(file)));
		List<ChatChunk> chunks = stream(ProviderType.OPENAI);
		assertWellFormed(chunks, EXPECTED.get(bodyFile).model());
		ChatResponse response = ChatResponse.fromChunks(chunks);
		assertThat(response.text()).isEqualTo(EXPECTED.get(bodyFile).text());
		assertThat(response.toolCalls()).isEqualTo(EXPECTED.get(bodyFile).toolCalls());
		assertThat(response.finishReason()).isEqualTo(EXPECTED.get(bodyFile).finishReason());
	}

	@ParameterizedTest
	@CsvSource({ "chat-completion-stream-tool-call-strict.sse, chat-completion-tool-call-strict.json",
			"chat-completion-stream-parallel-tool-calls.sse, chat-completion-parallel-tool-calls.json",
			"chat-completion-stream-finish-length.sse, chat-completion-finish-length.json" })
	void streamAssemblesToTheSameAnswerAsWithoutStreaming(String streamFile, String answerFile) {
		this.server.enqueue(ContractPayloads.sse(OpenAiContracts.path("examples/" + streamFile)));
		this.server.enqueue(ContractPayloads.json(OpenAiContracts.path("examples/" + answerFile)));
		OpenAiClient client = this.support.client(ProviderType.OPENAI, this.server);
		ChatResponse streamed = ChatResponse.fromChunks(client.stream(ChatRequest.of("Hi")).collectList().block());
		ChatResponse answered = client.chat(ChatRequest.of("Hi")).block();
		assertThat(streamed.text()).isEqualTo(answered.text());
		assertThat(streamed.finishReason()).isEqualTo(answered.finishReason());
		assertThat(streamed.usage()).isEqualTo(answered.usage());
		assertThat(streamed.model()).isEqualTo(answered.model());
		assertThat(streamed.provider()).isEqualTo(answered.provider());
		// The two captures are separate calls: the tool-call ids differ, nothing else.
		assertThat(streamed.toolCalls()).extracting(ToolCall::name, ToolCall::arguments)
			.containsExactlyElementsOf(
					answered.toolCalls().stream().map((call) -> tuple(call.name(), call.arguments())).toList());
	}

	@Test
	void streamsToolCallsAsDeltasWithIdAndNameOnTheFirstPiece() {
		this.server.enqueue(
				ContractPayloads.sse(OpenAiContracts.path("examples/chat-completion-stream-parallel-tool-calls.sse")));
		List<ToolCallDelta> deltas = stream(ProviderType.OPENAI).stream()
			.map(ChatChunk::toolCall)
			.filter((delta) -> delta != null)
			.toList();
		assertThat(deltas).hasSize(22);
		assertThat(deltas.get(0))
			.isEqualTo(new ToolCallDelta(0, "call_JMW1whyEaYG438VE1OIflxA2", "GetWeatherArgs", ""));
		assertThat(deltas.get(1)).isEqualTo(new ToolCallDelta(0, null, null, "{\"ci"));
		assertThat(deltas.subList(1, 12)).extracting(ToolCallDelta::index).containsOnly(0);
		assertThat(deltas.get(12))
			.isEqualTo(new ToolCallDelta(1, "call_DNYTawLBoN8fj3KN6qU9N1Ou", "get_stock_price", ""));
		assertThat(deltas.subList(13, 22)).allSatisfy((delta) -> {
			assertThat(delta.index()).isEqualTo(1);
			assertThat(delta.id()).isNull();
			assertThat(delta.name()).isNull();
		});
	}

	@Test
	void readsOnlyChoiceZeroOfAnN3Stream() {
		this.server.enqueue(
				ContractPayloads.sse(OpenAiContracts.path("examples/chat-completion-stream-multiple-choices-n3.sse")));
		List<ChatChunk> chunks = stream(ProviderType.OPENAI);
		assertThat(chunks.stream().map(ChatChunk::text).reduce("", String::concat)).isEqualTo(N3_CHOICE_0);
		assertThat(chunks).filteredOn(ChatChunk::isFinal).hasSize(1);
	}

	@Test
	void indexesToolCallsOfServersThatLeaveTheIndexOut() {
		this.server.enqueue(OpenAiTestSupport
			.sse("data: {\"model\":\"llama3.1\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":"
					+ "[{\"id\":\"a\",\"type\":\"function\",\"function\":{\"name\":\"one\",\"arguments\":\"{\\\"x\\\":\"}}]}}]}\n\n"
					+ "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"function\":{\"arguments\":\"1}\"}}]}}]}\n\n"
					+ "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"id\":\"b\",\"type\":\"function\","
					+ "\"function\":{\"name\":\"two\",\"arguments\":{\"y\":2}}}]},\"finish_reason\":\"tool_calls\"}]}\n\n"
					+ "data: [DONE]\n\n"));
		ChatResponse response = ChatResponse.fromChunks(stream(ProviderType.OPENAI_COMPATIBLE));
		assertThat(response.toolCalls()).containsExactly(new ToolCall("a", "one", "{\"x\":1}"),
				new ToolCall("b", "two", "{\"y\":2}"));
		assertThat(response.model()).isEqualTo("llama3.1");
	}

	@Test
	void ignoresCommentsAndEventsAfterDone() {
		this.server
			.enqueue(OpenAiTestSupport.sse(": keep-alive\n\ndata: {\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":"
					+ "{\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n"
					+ "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"late\"}}]}\n\n"));
		List<ChatChunk> chunks = stream(ProviderType.OPENAI_COMPATIBLE);
		assertThat(chunks).extracting(ChatChunk::text).containsExactly("ok", "");
		assertThat(chunks.get(1).finishReason()).isEqualTo(FinishReason.STOP);
	}

	private List<ChatChunk> stream(ProviderType type) {
		Flux<ChatChunk> chunks = this.support.client(type, this.server).stream(ChatRequest.of("Hi"));
		return chunks.collectList().block(Duration.ofSeconds(5));
	}

	private static void assertWellFormed(List<ChatChunk> chunks, String model) {
		assertThat(chunks).isNotEmpty();
		assertThat(chunks).filteredOn(ChatChunk::isFinal).hasSize(1);
		ChatChunk last = chunks.get(chunks.size() - 1);
		assertThat(last.isFinal()).isTrue();
		assertThat(last.usage()).isNotNull();
		assertThat(chunks).allSatisfy((chunk) -> {
			assertThat(chunk.provider()).isEqualTo(ProviderType.OPENAI.id());
			assertThat(chunk.model()).isEqualTo(model);
			assertThat(chunk.level()).isNull();
		});
		assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy((chunk) -> {
			assertThat(chunk.usage()).isNull();
			assertThat(chunk.text().isEmpty() && chunk.toolCall() == null).as("empty chunk").isFalse();
		});
	}

	private record Expected(String model, FinishReason finishReason, String text, Usage usage,
			List<ToolCall> toolCalls) {

	}

}
