package dev.llmfallback.provider.anthropic;

import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.provider.ContractPayloads;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streams that fail after HTTP 200: an {@code error} event, or an end without
 * {@code message_stop}. They never complete silently.
 */
@ExtendWith(OutputCaptureExtension.class)
class AnthropicStreamErrorTests {

	private static final String OVERLOADED = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
			+ "\"message\":\"Overloaded\"}}";

	private final AnthropicTestServer server = new AnthropicTestServer();

	@AfterEach
	void close(CapturedOutput output) {
		this.server.close();
		assertThat(output.getAll()).doesNotContain(ContractPayloads.API_KEY);
	}

	@Test
	void errorEventIsTheSameFailureAsTheHttpError() {
		this.server.server()
			.enqueue(ContractPayloads.sse(AnthropicTestServer.DIR + "messages-stream-error-overloaded.sse"));
		LlmException inStream = Failures.failure(this.server.client(), Failures.Mode.STREAM);
		this.server.server().enqueue(AnthropicHttpErrorTests.jsonError(529, OVERLOADED));
		LlmException http = Failures.failure(this.server.client(), Failures.Mode.STREAM);
		assertThat(inStream.kind()).isEqualTo(http.kind()).isEqualTo(ErrorKind.OVERLOADED);
		assertThat(inStream.detail()).isEqualTo(http.detail()).isEqualTo("overloaded_error: Overloaded");
		assertThat(inStream.retryAfter()).isEqualTo(http.retryAfter()).isNull();
		assertThat(inStream.provider()).isEqualTo(http.provider()).isEqualTo("anthropic");
		// the stream's HTTP status was 200: there is no error status to report
		assertThat(inStream.status()).isNull();
		assertThat(http.status()).isEqualTo(529);
	}

	@Test
	void errorEventAfterTextDeliversTheTextThenFails() {
		this.server.server()
			.enqueue(ContractPayloads
				.sse(AnthropicTestServer.DIR + "assembled/messages-stream-midstream-overloaded.assembled.sse"));
		StepVerifier.create(this.server.client().stream(Failures.REQUEST)).assertNext((chunk) -> {
			assertThat(chunk.text()).isEqualTo("Hello");
			assertThat(chunk.isFinal()).isFalse();
			assertThat(chunk.model()).isEqualTo("claude-sonnet-4-5-20250929");
		}).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(LlmException.class);
			assertThat(((LlmException) ex).kind()).isEqualTo(ErrorKind.OVERLOADED);
			assertThat(((LlmException) ex).detail()).startsWith("overloaded_error");
		}).verify();
	}

	@Test
	void otherErrorEventTypesAreClassifiedLikeTheirHttpErrors() {
		String body = AnthropicStreamTests.sse("message_start",
				"{\"type\":\"message_start\",\"message\":{\"model\":\"claude-x\",\"content\":[],\"usage\":{}}}")
				+ AnthropicStreamTests.sse("error", "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
						+ "\"message\":\"Slow down\"}}");
		this.server.server().enqueue(sse(body));
		assertThat(Failures.failure(this.server.client(), Failures.Mode.STREAM).kind())
			.isEqualTo(ErrorKind.RATE_LIMITED);
		this.server.server()
			.enqueue(sse(AnthropicStreamTests.sse("error",
					"{\"type\":\"error\",\"error\":{\"type\":\"a_type_added_later\",\"message\":\"?\"}}")));
		assertThat(Failures.failure(this.server.client(), Failures.Mode.STREAM).kind())
			.isEqualTo(ErrorKind.SERVER_ERROR);
	}

	@Test
	void streamEndingWithoutMessageStopIsMalformed() {
		String text = ContractPayloads
			.read(AnthropicTestServer.DIR + "messages-stream-max-tokens-partial-tool-input.sse");
		String truncated = text.substring(0, text.indexOf("event: message_stop"));
		this.server.server().enqueue(sse(truncated));
		StepVerifier.create(this.server.client().stream(Failures.REQUEST))
			.expectNextMatches((chunk) -> chunk.text().equals("I"))
			.thenConsumeWhile((chunk) -> !chunk.isFinal())
			.expectErrorSatisfies((ex) -> {
				assertThat(((LlmException) ex).kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
				assertThat(((LlmException) ex).detail()).isEqualTo("stream ended without message_stop");
			})
			.verify();
	}

	@Test
	void emptyStreamIsMalformed() {
		this.server.server().enqueue(sse(""));
		assertThat(Failures.failure(this.server.client(), Failures.Mode.STREAM).kind())
			.isEqualTo(ErrorKind.MALFORMED_RESPONSE);
	}

	@Test
	void jsonAnswerOnTheStreamPathIsMalformed() {
		this.server.server().enqueue(ContractPayloads.json(AnthropicTestServer.DIR + "recorded/messages.json"));
		assertThat(Failures.failure(this.server.client(), Failures.Mode.STREAM).kind())
			.isEqualTo(ErrorKind.MALFORMED_RESPONSE);
	}

	@Test
	void unreadableEventDataIsMalformed() {
		String text = ContractPayloads.read(AnthropicTestServer.DIR + "messages-stream-text.sse");
		this.server.server()
			.enqueue(sse(text.replace(
					"{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\" there\"}}",
					"{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\" th")));
		LlmException ex = Failures.failure(this.server.client(), Failures.Mode.STREAM);
		assertThat(ex.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
		assertThat(ex.detail()).startsWith("unreadable stream event content_block_delta");
	}

	@Test
	void finalChunkIsNeverEmittedForAFailedStream() {
		this.server.server()
			.enqueue(ContractPayloads
				.sse(AnthropicTestServer.DIR + "assembled/messages-stream-midstream-overloaded.assembled.sse"));
		StepVerifier.create(this.server.client().stream(Failures.REQUEST).filter(ChatChunk::isFinal))
			.expectError(LlmException.class)
			.verify();
	}

	private static MockResponse sse(String body) {
		return new MockResponse().setResponseCode(200)
			.addHeader("Content-Type", "text/event-stream")
			.setChunkedBody(body, 48);
	}

}
