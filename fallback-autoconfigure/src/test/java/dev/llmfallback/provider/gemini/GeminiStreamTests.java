package dev.llmfallback.provider.gemini;

import java.util.List;
import java.util.stream.Stream;

import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.test.StepVerifier;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.FinishReason;
import dev.llmfallback.LlmException;
import dev.llmfallback.ToolCall;
import dev.llmfallback.ToolCallDelta;
import dev.llmfallback.Usage;
import dev.llmfallback.provider.ContractPayloads;

import static dev.llmfallback.provider.gemini.GeminiTestSupport.BASE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GeminiClient#stream}: CRLF-framed events served by a real server, the
 * terminal condition, and the equality of an assembled stream with the same answer
 * without streaming.
 */
class GeminiStreamTests {

	static final String THINKING_ANSWER = """
			{"candidates":[{"content":{"role":"model","parts":[{"text":"Let me think","thought":true},
			{"text":"Checking both."},{"functionCall":{"name":"a","args":{"x":1}}},
			{"functionCall":{"id":"fc-b","name":"b"}}]},"finishReason":"STOP","index":0}],
			"usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":3,"thoughtsTokenCount":7,
			"cachedContentTokenCount":4,"totalTokenCount":24},"modelVersion":"gemini-2.5-flash"}""";

	static final List<String> FILES = List.of(BASE + "recorded/stream-generate-content.sse",
			BASE + "recorded/stream-generate-content-usage.sse",
			BASE + "recorded/stream-generate-content-function-call.sse",
			BASE + "recorded/stream-generate-content-after-function-response.sse",
			BASE + "stream-basic-reply-short.sse", BASE + "stream-basic-reply-long.sse", BASE + "stream-utf8.sse",
			BASE + "stream-unknown-enum.sse", BASE + "stream-function-call.sse",
			BASE + "stream-finish-reason-safety.sse", BASE + "stream-finish-reason-recitation.sse",
			BASE + "stream-prompt-blocked-safety.sse", BASE + "stream-empty-content.sse",
			BASE + "assembled/stream-midstream-error.assembled.sse");

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

	private List<ChatChunk> stream(String file) {
		this.server.enqueue(ContractPayloads.sse(file));
		return this.support.client(this.server).stream(ChatRequest.of("Hi")).collectList().block();
	}

	@Test
	void postsToStreamGenerateContentWithAltSse() throws Exception {
		stream(BASE + "recorded/stream-generate-content.sse");
		RecordedRequest recorded = this.server.takeRequest();
		assertThat(recorded.getMethod()).isEqualTo("POST");
		assertThat(recorded.getPath()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
		assertThat(recorded.getRequestUrl().queryParameter("key")).isNull();
		assertThat(recorded.getHeader("x-goog-api-key")).isEqualTo(ContractPayloads.API_KEY);
		assertThat(recorded.getHeader("Accept")).contains("text/event-stream");
		assertThat(GeminiTestSupport.body(recorded).at("/contents/0/parts/0/text").asText()).isEqualTo("Hi");
	}

	@Test
	void streamsTextChunksThenOneFinalChunkWithLastUsage() {
		List<ChatChunk> chunks = stream(BASE + "recorded/stream-generate-content.sse");
		assertThat(chunks).extracting(ChatChunk::text).containsExactly("The", " capital of France", " is Paris.\n", "");
		assertThat(chunks).filteredOn(ChatChunk::isFinal).hasSize(1);
		ChatChunk last = chunks.get(chunks.size() - 1);
		assertThat(last.finishReason()).isEqualTo(FinishReason.STOP);
		assertThat(last.usage()).isEqualTo(new Usage(13, 8, 0));
		assertThat(chunks).allSatisfy((chunk) -> {
			assertThat(chunk.provider()).isEqualTo("google");
			assertThat(chunk.model()).isEqualTo("gemini-2.0-flash-exp");
			assertThat(chunk.level()).isNull();
		});
		assertThat(chunks.subList(0, 3)).allSatisfy((chunk) -> assertThat(chunk.usage()).isNull());
	}

	@Test
	void keepsTheLastProvisionalUsage() {
		ChatResponse response = ChatResponse.fromChunks(stream(BASE + "recorded/stream-generate-content-usage.sse"));
		assertThat(response.text())
			.isEqualTo(String.join("\n", Stream.iterate(1, (i) -> i + 1).limit(30).map(String::valueOf).toList()));
		assertThat(response.usage()).isEqualTo(new Usage(18, 80 + 35, 0));
		assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
	}

	@Test
	void streamsFunctionCallAsOneToolCallDelta() {
		List<ChatChunk> chunks = stream(BASE + "recorded/stream-generate-content-function-call.sse");
		assertThat(chunks).extracting(ChatChunk::toolCall)
			.containsExactly(new ToolCallDelta(0, "call_0", "get_capital", "{\"country\":\"France\"}"), null);
		ChatResponse response = ChatResponse.fromChunks(chunks);
		assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
		assertThat(response.usage()).isEqualTo(new Usage(52, 5, 0));
		assertThat(response.model()).isEqualTo("gemini-2.0-flash");
	}

	@Test
	void streamedFunctionCallAssemblesLikeTheNonStreamedOne() {
		ChatResponse streamed = ChatResponse
			.fromChunks(stream(BASE + "recorded/stream-generate-content-function-call.sse"));
		this.server.enqueue(ContractPayloads.json(BASE + "recorded/generate-content-function-call.json"));
		ChatResponse whole = this.support.client(this.server).chat(ChatRequest.of("Hi")).block();
		// recorded from gemini-2.0-flash, which signs no call, and gemini-2.5-pro, which
		// does
		assertThat(streamed.toolCalls()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("signature")
			.isEqualTo(whole.toolCalls())
			.isNotEmpty();
		assertThat(streamed.text()).isEqualTo(whole.text());
		assertThat(streamed.finishReason()).isEqualTo(whole.finishReason());
	}

	@Test
	void streamsAnswerAfterFunctionResponse() {
		ChatResponse response = ChatResponse
			.fromChunks(stream(BASE + "recorded/stream-generate-content-after-function-response.sse"));
		assertThat(response.text()).isEqualTo("The temperature in Paris is 30°C.\n");
		assertThat(response.usage()).isEqualTo(new Usage(79, 12, 0));
	}

	@Test
	void readsSdkStreamsWhoseEventsAllCarryAFinishReason() {
		ChatResponse shortReply = ChatResponse.fromChunks(stream(BASE + "stream-basic-reply-short.sse"));
		assertThat(shortReply.text()).isEqualTo("Cheyenne");
		assertThat(shortReply.finishReason()).isEqualTo(FinishReason.STOP);
		assertThat(shortReply.usage()).isEqualTo(Usage.NONE);
		assertThat(shortReply.model()).isEqualTo(GeminiTestSupport.MODEL);
		List<ChatChunk> chunks = stream(BASE + "stream-basic-reply-long.sse");
		assertThat(chunks).hasSize(7).filteredOn(ChatChunk::isFinal).hasSize(1);
		ChatResponse longReply = ChatResponse.fromChunks(chunks);
		assertThat(longReply.text()).startsWith("**Cats:**\n\n-").endsWith("any potential health issues early on.");
		assertThat(longReply.text()).hasSize(3285);
	}

	@Test
	void decodesMultiByteCharactersSplitAcrossReads() {
		ChatResponse response = ChatResponse.fromChunks(stream(BASE + "stream-utf8.sse"));
		assertThat(response.text()).startsWith("秋风瑟瑟，叶落纷纷，\n西").endsWith("领悟秋天的哲理。").hasSize(225);
	}

	@Test
	void unknownFinishReasonOfTheLastEventIsOther() {
		ChatResponse response = ChatResponse.fromChunks(stream(BASE + "stream-unknown-enum.sse"));
		assertThat(response.text()).startsWith("**Cats:**");
		assertThat(response.finishReason()).isEqualTo(FinishReason.OTHER);
	}

	@Test
	void streamsSdkFunctionCall() {
		ChatResponse response = ChatResponse.fromChunks(stream(BASE + "stream-function-call.sse"));
		assertThat(response.toolCalls())
			.containsExactly(new ToolCall("call_0", "getTemperature", "{\"city\":\"San Jose\"}"));
		assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
	}

	@Test
	void safetyAndRecitationFinishesAreContentFilter() {
		ChatResponse safety = ChatResponse.fromChunks(stream(BASE + "stream-finish-reason-safety.sse"));
		assertThat(safety.text()).isEqualTo("No");
		assertThat(safety.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
		ChatResponse recitation = ChatResponse.fromChunks(stream(BASE + "stream-finish-reason-recitation.sse"));
		assertThat(recitation.text()).isEqualTo("Copyrighted text goes hereMore copyrighted text");
		assertThat(recitation.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
	}

	@Test
	void blockedPromptFailsWithContentPolicy() {
		this.server.enqueue(ContractPayloads.sse(BASE + "stream-prompt-blocked-safety.sse"));
		StepVerifier.create(this.support.client(this.server).stream(ChatRequest.of("Hi")))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(LlmException.class,
					(error) -> assertThat(error.kind()).isEqualTo(ErrorKind.CONTENT_POLICY)))
			.verify();
	}

	@Test
	void streamWithoutFinishReasonIsMalformed() {
		this.server.enqueue(ContractPayloads.sse(BASE + "stream-empty-content.sse"));
		StepVerifier.create(this.support.client(this.server).stream(ChatRequest.of("Hi")))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(LlmException.class,
					(error) -> assertThat(error.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE)))
			.verify();
	}

	@Test
	void errorEventMidStreamFailsAfterTheFirstChunk() {
		this.server.enqueue(ContractPayloads.sse(BASE + "assembled/stream-midstream-error.assembled.sse"));
		StepVerifier.create(this.support.client(this.server).stream(ChatRequest.of("Hi")))
			.assertNext((chunk) -> assertThat(chunk.text()).isEqualTo("The"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(LlmException.class, (error) -> {
				assertThat(error.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
				assertThat(error.status()).isEqualTo(500);
				assertThat(error.detail()).startsWith("INTERNAL");
			}))
			.verify();
	}

	static Stream<String> nonStreamAnswers() {
		return Stream.of(BASE + "recorded/generate-content.json", BASE + "recorded/generate-content-function-call.json",
				BASE + "recorded/generate-content-after-function-response.json",
				BASE + "generate-content-finish-reason-safety.json");
	}

	@ParameterizedTest
	@MethodSource("nonStreamAnswers")
	void answerStreamedAsOneEventAssemblesLikeTheNonStreamedAnswer(String file) {
		this.server.enqueue(ContractPayloads.json(file));
		ChatResponse whole = this.support.client(this.server).chat(ChatRequest.of("Hi")).block();
		this.server.enqueue(GeminiTestSupport.sseEvents(GeminiTestSupport.compact(file)));
		ChatResponse streamed = ChatResponse
			.fromChunks(this.support.client(this.server).stream(ChatRequest.of("Hi")).collectList().block());
		assertSameAnswer(streamed, whole);
	}

	@Test
	void thinkingAndSeveralCallsSplitOverEventsAssembleLikeTheNonStreamedAnswer() {
		this.server.enqueue(new okhttp3.mockwebserver.MockResponse().setResponseCode(200)
			.addHeader("Content-Type", "application/json")
			.setBody(THINKING_ANSWER));
		ChatResponse whole = this.support.client(this.server).chat(ChatRequest.of("Hi")).block();
		this.server.enqueue(GeminiTestSupport.sseEvents(
				"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Let me think\",\"thought\":true}]}}],"
						+ "\"usageMetadata\":{\"promptTokenCount\":10,\"thoughtsTokenCount\":7}}",
				"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Checking \"}]}}]}",
				"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"both.\"},{\"functionCall\":{\"name\":\"a\","
						+ "\"args\":{\"x\":1}}}]}}]}",
				GeminiTestSupport.json(THINKING_ANSWER)
					.toString()
					.replace("{\"text\":\"Let me think\",\"thought\":true},{\"text\":\"Checking both.\"},"
							+ "{\"functionCall\":{\"name\":\"a\",\"args\":{\"x\":1}}},", "")));
		List<ChatChunk> chunks = this.support.client(this.server).stream(ChatRequest.of("Hi")).collectList().block();
		assertThat(chunks).extracting(ChatChunk::text).doesNotContain("Let me think");
		assertSameAnswer(ChatResponse.fromChunks(chunks), whole);
		assertThat(whole.toolCalls()).hasSize(2);
	}

	private static void assertSameAnswer(ChatResponse streamed, ChatResponse whole) {
		assertThat(streamed.text()).isEqualTo(whole.text());
		assertThat(streamed.toolCalls()).isEqualTo(whole.toolCalls());
		assertThat(streamed.finishReason()).isEqualTo(whole.finishReason());
		assertThat(streamed.usage()).isEqualTo(whole.usage());
		assertThat(streamed.model()).isEqualTo(whole.model());
		assertThat(streamed.provider()).isEqualTo(whole.provider());
	}

}
