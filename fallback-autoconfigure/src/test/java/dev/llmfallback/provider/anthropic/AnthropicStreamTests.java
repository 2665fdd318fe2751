package dev.llmfallback.provider.anthropic;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import reactor.test.StepVerifier;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.FinishReason;
import dev.llmfallback.ToolCall;
import dev.llmfallback.ToolCallDelta;
import dev.llmfallback.Usage;
import dev.llmfallback.provider.ContractPayloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Streamed answers: chunks, tool-call deltas, the one final chunk, and assembly into the
 * same response as without streaming.
 */
class AnthropicStreamTests {

	private final AnthropicTestServer server = new AnthropicTestServer();

	@AfterEach
	void close() {
		this.server.close();
	}

	static Stream<Arguments> streams() {
		return AnthropicContractFiles.STREAMS.stream().map(Arguments::of);
	}

	@ParameterizedTest
	@MethodSource("streams")
	void everyStreamEndsWithExactlyOneFinalChunkCarryingUsage(String file) {
		List<ChatChunk> chunks = stream(file);
		assertThat(chunks).isNotEmpty();
		assertThat(chunks).filteredOn(ChatChunk::isFinal).hasSize(1);
		ChatChunk last = chunks.get(chunks.size() - 1);
		assertThat(last.isFinal()).isTrue();
		assertThat(last.usage()).isNotNull();
		assertThat(last.usage().inputTokens()).isPositive();
		assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy((chunk) -> {
			assertThat(chunk.usage()).isNull();
			assertThat(chunk.text().isEmpty() && chunk.toolCall() == null).as("empty chunk").isFalse();
		});
		assertThat(chunks).allSatisfy((chunk) -> {
			assertThat(chunk.provider()).isEqualTo("anthropic");
			assertThat(chunk.model()).startsWith("claude-").isNotEqualTo(AnthropicTestServer.MODEL);
		});
	}

	@Test
	void textStream() {
		List<ChatChunk> chunks = stream("messages-stream-text.sse");
		assertThat(chunks).extracting(ChatChunk::text).containsExactly("Hello", " there", "!", "");
		ChatResponse response = ChatResponse.fromChunks(chunks);
		assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
		assertThat(response.usage()).isEqualTo(new Usage(11, 6, 0));
		assertThat(response.model()).isEqualTo("claude-3-opus-latest");
	}

	@Test
	void toolUseStreamEmitsIdAndNameFirstThenArgumentPieces() {
		List<ChatChunk> chunks = stream("messages-stream-tool-use.sse");
		assertThat(chunks).extracting(ChatChunk::toolCall)
			.filteredOn((delta) -> delta != null)
			.containsExactly(new ToolCallDelta(0, "toolu_01NRLabsLyVHZPKxbKvkfSMn", "get_weather", ""),
					new ToolCallDelta(0, null, null, "{\"locati"), new ToolCallDelta(0, null, null, "on\": \"P"),
					new ToolCallDelta(0, null, null, "ar"), new ToolCallDelta(0, null, null, "is\"}"));
		ChatResponse response = ChatResponse.fromChunks(chunks);
		assertThat(response.text()).isEqualTo("I'll check the current weather in Paris for you.");
		assertThat(response.toolCalls()).containsExactly(
				new ToolCall("toolu_01NRLabsLyVHZPKxbKvkfSMn", "get_weather", "{\"location\": \"Paris\"}"));
		assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
		assertThat(response.usage()).isEqualTo(new Usage(377, 65, 0));
	}

	@Test
	void toolCallsAreNumberedInOrderOfAppearanceNotByBlockIndex() {
		// blocks 0 (text), 1 and 2 (tool_use) -> tool calls 0 and 1
		List<ChatChunk> chunks = stream("recorded/messages-stream-tool-use.sse");
		assertThat(chunks).extracting(ChatChunk::toolCall)
			.filteredOn((delta) -> delta != null && delta.name() != null)
			.extracting(ToolCallDelta::index, ToolCallDelta::id, ToolCallDelta::name)
			.containsExactly(tuple(0, "toolu_014x5X91kx3fvdhpLvwXZWE2", "get_weather"),
					tuple(1, "toolu_0121kXsENLvoDZ72LCuAnCCz", "get_time"));
	}

	@Test
	void refusalStreamFinishesWithContentFilter() {
		ChatResponse response = ChatResponse.fromChunks(stream("messages-stream-refusal.sse"));
		assertThat(response.text()).isEmpty();
		assertThat(response.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
		assertThat(response.usage()).isEqualTo(new Usage(20, 0, 0));
	}

	@Test
	void maxTokensStreamIsCompleteWithATruncatedToolCall() {
		// The file ends with message_stop (without a final blank line): a complete stream
		// cut by max_tokens; the tool input is cut too and passed on as is, with LENGTH.
		List<ChatChunk> chunks = stream("messages-stream-max-tokens-partial-tool-input.sse");
		ChatResponse response = ChatResponse.fromChunks(chunks);
		assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
		assertThat(response.text()).isEqualTo(ContractTexts.TAX_GUIDE);
		assertThat(response.usage()).isEqualTo(new Usage(450, 124, 0));
		assertThat(response.toolCalls()).singleElement().satisfies((call) -> {
			assertThat(call.id()).isEqualTo("toolu_01EKqbqmZrGRXy18eN7m9kvY");
			assertThat(call.name()).isEqualTo("make_file");
			assertThat(call.arguments()).startsWith("{\"filename\": \"taxes.txt\", \"lines_of_text\": [\n")
				.endsWith("\n\"Filing taxes");
		});
	}

	@Test
	void streamAssemblesIntoTheHandCheckedAnswer() throws Exception {
		ChatResponse response = ChatResponse.fromChunks(stream("recorded/messages-stream-tool-use.sse"));
		assertThat(response.text()).isEqualTo(ContractTexts.SAN_FRANCISCO);
		assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
		assertThat(response.usage()).isEqualTo(new Usage(506, 153, 0));
		assertThat(response.model()).isEqualTo("claude-3-5-sonnet-20240620");
		assertThat(response.provider()).isEqualTo("anthropic");
		assertThat(response.toolCalls()).extracting(ToolCall::id, ToolCall::name)
			.containsExactly(tuple("toolu_014x5X91kx3fvdhpLvwXZWE2", "get_weather"),
					tuple("toolu_0121kXsENLvoDZ72LCuAnCCz", "get_time"));
		JSONAssert.assertEquals("{\"location\":\"San Francisco, CA\",\"unit\":\"celsius\"}",
				response.toolCalls().get(0).arguments(), JSONCompareMode.STRICT);
		JSONAssert.assertEquals("{\"timezone\":\"America/Los_Angeles\"}", response.toolCalls().get(1).arguments(),
				JSONCompareMode.STRICT);
	}

	@Test
	void streamAssemblesIntoTheSameAnswerAsWithoutStreaming() {
		// The same question with thinking on, asked with and without streaming: the
		// answers differ only in the thinking, which is left out, and in one output
		// token.
		ChatResponse streamed = ChatResponse.fromChunks(stream("recorded/messages-stream-thinking.sse"));
		this.server.server()
			.enqueue(ContractPayloads.json(AnthropicTestServer.DIR + "recorded/messages-thinking.json"));
		ChatResponse whole = this.server.client().chat(ChatRequest.of("hello")).block();
		assertThat(streamed.text()).isEqualTo(whole.text()).isEqualTo(ContractTexts.STRAWBERRY);
		assertThat(streamed.toolCalls()).isEqualTo(whole.toolCalls());
		assertThat(streamed.finishReason()).isEqualTo(whole.finishReason()).isEqualTo(FinishReason.STOP);
		assertThat(streamed.model()).isEqualTo(whole.model());
		assertThat(streamed.provider()).isEqualTo(whole.provider());
		assertThat(streamed.usage().inputTokens()).isEqualTo(whole.usage().inputTokens()).isEqualTo(52);
		assertThat(streamed.usage().outputTokens()).isEqualTo(216);
		assertThat(whole.usage().outputTokens()).isEqualTo(215);
	}

	@Test
	void recordedTextStream() {
		ChatResponse response = ChatResponse.fromChunks(stream("recorded/messages-stream.sse"));
		assertThat(response.text()).startsWith(ContractTexts.SPAN_JOKE_START).endsWith(ContractTexts.SPAN_JOKE_END);
		assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
		assertThat(response.usage()).isEqualTo(new Usage(17, 171, 0));
		assertThat(response.model()).isEqualTo("claude-3-haiku-20240307");
	}

	@Test
	void recordedExchangesGiveTheSameChunksAsTheirBodies() {
		for (String name : List.of("recorded/messages-stream", "recorded/messages-stream-tool-use",
				"recorded/messages-stream-thinking")) {
			List<ChatChunk> fromBody = stream(name + ".sse");
			List<ChatChunk> fromExchange = stream(name + ".response.http");
			assertThat(fromExchange).as(name).isEqualTo(fromBody);
		}
	}

	@Test
	void structuredOutputStreamTakesUsageUpdatesFromMessageDelta() {
		ChatResponse response = ChatResponse.fromChunks(stream("recorded/messages-stream-structured-output.sse"));
		assertThat(response.text()).isEqualTo("[12345,67890]");
		assertThat(response.usage()).isEqualTo(new Usage(135, 10, 0));
		assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
	}

	@Test
	void cacheUsageOfMessageStartAndMessageDeltaIsMerged() {
		String sse = sse("message_start",
				"{\"type\":\"message_start\",\"message\":{\"model\":\"claude-x\",\"content\":[],"
						+ "\"usage\":{\"input_tokens\":5,\"cache_creation_input_tokens\":20,\"cache_read_input_tokens\":300,"
						+ "\"output_tokens\":1}}}")
				+ sse("content_block_start",
						"{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"Hi\"}}")
				+ sse("message_delta",
						"{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"stop_sequence\"},"
								+ "\"usage\":{\"output_tokens\":9,\"cache_read_input_tokens\":310}}")
				+ sse("message_stop", "{\"type\":\"message_stop\"}");
		ChatResponse response = ChatResponse.fromChunks(streamBody(sse));
		assertThat(response.text()).isEqualTo("Hi");
		assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
		assertThat(response.usage()).isEqualTo(new Usage(335, 9, 310));
	}

	@Test
	void unknownEventsDeltasAndBlocksAreIgnored() {
		String text = ContractPayloads.read(AnthropicTestServer.DIR + "messages-stream-text.sse");
		String extra = ": a comment\n\n" + sse("an_event_added_later", "not json at all")
				+ sse("content_block_start",
						"{\"type\":\"content_block_start\",\"index\":7,\"content_block\":{\"type\":\"server_tool_use\","
								+ "\"id\":\"srvtoolu_1\",\"name\":\"web_search\",\"input\":{}}}")
				+ sse("content_block_delta",
						"{\"type\":\"content_block_delta\",\"index\":7,\"delta\":{\"type\":\"input_json_delta\","
								+ "\"partial_json\":\"{}\"}}")
				+ sse("content_block_delta",
						"{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"citations_delta\"}}")
				+ "data: {\"type\":\"ping\"}\n\n";
		int firstDelta = text.indexOf("event: content_block_delta");
		List<ChatChunk> chunks = streamBody(text.substring(0, firstDelta) + extra + text.substring(firstDelta));
		ChatResponse response = ChatResponse.fromChunks(chunks);
		assertThat(response.text()).isEqualTo("Hello there!");
		assertThat(response.toolCalls()).isEmpty();
		assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
	}

	@Test
	void eventsWithoutEventLineAreDecodedByTheirType() {
		String body = ContractPayloads.read(AnthropicTestServer.DIR + "messages-stream-text.sse")
			.replaceAll("(?m)^event: .*\\n", "");
		ChatResponse response = ChatResponse.fromChunks(streamBody(body));
		assertThat(response.text()).isEqualTo("Hello there!");
		assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
		assertThat(response.usage()).isEqualTo(new Usage(11, 6, 0));
	}

	@Test
	void eventsAfterMessageStopAreIgnored() {
		String body = ContractPayloads.read(AnthropicTestServer.DIR + "messages-stream-text.sse") + "\n\n" + sse(
				"content_block_delta",
				"{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"late\"}}");
		assertThat(ChatResponse.fromChunks(streamBody(body)).text()).isEqualTo("Hello there!");
	}

	static String sse(String event, String data) {
		return "event: " + event + "\ndata: " + data + "\n\n";
	}

	private List<ChatChunk> stream(String file) {
		String path = AnthropicTestServer.DIR + file;
		MockResponse response = file.endsWith(".http") ? ContractPayloads.httpResponse(path)
				: ContractPayloads.sse(path);
		this.server.server().enqueue(response);
		return collect();
	}

	private List<ChatChunk> streamBody(String body) {
		this.server.server()
			.enqueue(new MockResponse().setResponseCode(200)
				.addHeader("Content-Type", "text/event-stream")
				.setChunkedBody(body, 32));
		return collect();
	}

	private List<ChatChunk> collect() {
		List<ChatChunk> chunks = new ArrayList<>();
		StepVerifier.create(this.server.client().stream(ChatRequest.of("hello")))
			.recordWith(() -> chunks)
			.thenConsumeWhile((chunk) -> true)
			.verifyComplete();
		return chunks;
	}

}
