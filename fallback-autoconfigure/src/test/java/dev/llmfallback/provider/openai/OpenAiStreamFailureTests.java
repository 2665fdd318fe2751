package dev.llmfallback.provider.openai;

import java.io.IOException;
import java.time.Duration;

import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.provider.ContractPayloads;
import dev.llmfallback.provider.ProviderType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OpenAiClient#stream} failing: error payloads and statuses, streams cut
 * short, unreadable events.
 */
class OpenAiStreamFailureTests {

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
	void failsWithClassifiedErrorOnErrorPayloadInStream() {
		this.server.enqueue(ContractPayloads.sse(OpenAiContracts.path(OpenAiContracts.STREAM_ERRORS.get(0))));
		StepVerifier.create(this.support.client(ProviderType.OPENAI, this.server).stream(ChatRequest.of("Hi")))
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(LlmException.class);
				LlmException error = (LlmException) ex;
				assertThat(error.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
				assertThat(error.provider()).isEqualTo(ProviderType.OPENAI.id());
				assertThat(error.detail()).startsWith("server_error");
				assertThat(error.status()).isNull();
			})
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void failsWithQuotaErrorOnQuotaPayloadInStream() {
		this.server.enqueue(OpenAiTestSupport.sse("data: {\"error\":{\"message\":\"You exceeded your current quota\","
				+ "\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}\n\n"));
		StepVerifier.create(this.support.client(ProviderType.OPENAI, this.server).stream(ChatRequest.of("Hi")))
			.expectErrorSatisfies((ex) -> assertThat(((LlmException) ex).kind()).isEqualTo(ErrorKind.QUOTA_EXCEEDED))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void failsWhenStreamEndsWithoutDone() {
		String truncated = ContractPayloads.read(OpenAiContracts.path("examples/chat-completion-stream-text.sse"))
			.replace("data: [DONE]", "");
		this.server.enqueue(OpenAiTestSupport.sse(truncated));
		StepVerifier.create(this.support.client(ProviderType.OPENAI, this.server).stream(ChatRequest.of("Hi")))
			.thenConsumeWhile((chunk) -> !chunk.isFinal())
			.expectErrorSatisfies((ex) -> {
				assertThat(((LlmException) ex).kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
				assertThat(((LlmException) ex).detail()).contains("[DONE]");
			})
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void failsWhenConnectionBreaksMidStream() {
		this.server.enqueue(ContractPayloads.sse(OpenAiContracts.path("examples/chat-completion-stream-text.sse"))
			.setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
		StepVerifier.create(this.support.client(ProviderType.OPENAI, this.server).stream(ChatRequest.of("Hi")))
			.thenConsumeWhile((chunk) -> !chunk.isFinal())
			.expectErrorSatisfies((ex) -> assertThat(((LlmException) ex).kind()).isIn(ErrorKind.CONNECTION,
					ErrorKind.MALFORMED_RESPONSE))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void failsOnMalformedEvent() {
		this.server
			.enqueue(OpenAiTestSupport.sse("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\n"
					+ "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\n\ndata: [DONE]\n\n"));
		StepVerifier.create(this.support.client(ProviderType.OPENAI, this.server).stream(ChatRequest.of("Hi")))
			.assertNext((chunk) -> assertThat(chunk.text()).isEqualTo("Hel"))
			.expectErrorSatisfies(
					(ex) -> assertThat(((LlmException) ex).kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void failsStreamWithTheSameErrorAsChatOnErrorStatus() {
		this.server.enqueue(ContractPayloads
			.httpResponse(OpenAiContracts.path("examples/assembled/error-429-rate-limit-exceeded.assembled.http")));
		StepVerifier.create(this.support.client(ProviderType.OPENAI, this.server).stream(ChatRequest.of("Hi")))
			.expectErrorSatisfies((ex) -> {
				LlmException error = (LlmException) ex;
				assertThat(error.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
				assertThat(error.status()).isEqualTo(429);
				assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(1));
			})
			.verify(Duration.ofSeconds(5));
	}

}
