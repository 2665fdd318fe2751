package dev.llmfallback.provider.openai;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.provider.ContractPayloads;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.provider.ProviderType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link OpenAiClient} failures that are no error status: refused connections,
 * timeouts and unreadable or error payloads in successful responses.
 */
@ExtendWith(OutputCaptureExtension.class)
class OpenAiTransportErrorTests {

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
	void failsWithConnectionWhenNothingListens(CapturedOutput output) throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		ProviderSettings base = ContractPayloads.settings(ProviderType.OPENAI, this.server, "gpt-4o");
		ProviderSettings settings = new ProviderSettings(base.name(), base.type(), base.model(), base.priority(),
				base.tier(), URI.create("http://127.0.0.1:" + port + "/v1"), base.apiKey(), null, base.timeouts(), null,
				null, Map.of());
		LlmException error = OpenAiTestSupport.chatError(this.support.client(settings));
		assertThat(error.kind()).isEqualTo(ErrorKind.CONNECTION);
		assertThat(error.status()).isNull();
		OpenAiTestSupport.assertNoKey(error, output);
	}

	@Test
	void failsWithTimeoutWhenServerNeverAnswers(CapturedOutput output) {
		this.server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
		ProviderSettings settings = OpenAiTestSupport.withTimeouts(
				ContractPayloads.settings(ProviderType.OPENAI, this.server, "gpt-4o"), Duration.ofMillis(300));
		LlmException error = OpenAiTestSupport.chatError(this.support.client(settings));
		assertThat(error.kind()).isEqualTo(ErrorKind.TIMEOUT);
		OpenAiTestSupport.assertNoKey(error, output);
	}

	@Test
	void failsWithTimeoutWhenTheWholeAnswerTakesLongerThanTheResponseTimeout(CapturedOutput output) {
		// a few bytes every 50 ms: never idle for the timeout, yet the whole answer takes
		// seconds
		this.server.enqueue(ContractPayloads.json(OpenAiContracts.path("examples/chat-completion.json"))
			.throttleBody(16, 50, TimeUnit.MILLISECONDS));
		ProviderSettings settings = OpenAiTestSupport.withTimeouts(
				ContractPayloads.settings(ProviderType.OPENAI, this.server, "gpt-4o"), Duration.ofMillis(300));
		long start = System.nanoTime();
		LlmException error = OpenAiTestSupport.chatError(this.support.client(settings));
		assertThat(error.kind()).isEqualTo(ErrorKind.TIMEOUT);
		assertThat(error.detail()).isEqualTo("no answer within 300 ms");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		OpenAiTestSupport.assertNoKey(error, output);
	}

	@Test
	void failsStreamWithTimeoutWhenServerNeverAnswers(CapturedOutput output) {
		this.server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
		ProviderSettings settings = OpenAiTestSupport.withTimeouts(
				ContractPayloads.settings(ProviderType.OPENAI, this.server, "gpt-4o"), Duration.ofMillis(300));
		LlmException error = catchThrowableOfType(LlmException.class,
				() -> this.support.client(settings).stream(ChatRequest.of("Hi")).blockLast(Duration.ofSeconds(5)));
		assertThat(error.kind()).isEqualTo(ErrorKind.TIMEOUT);
		OpenAiTestSupport.assertNoKey(error, output);
	}

	@Test
	void failsWithMalformedResponseOnBrokenJson(CapturedOutput output) {
		this.server.enqueue(new MockResponse().setResponseCode(200)
			.addHeader("Content-Type", "application/json")
			.setBody("{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"message\":{\"content\":\"Hel"));
		LlmException error = OpenAiTestSupport.chatError(this.support.client(ProviderType.OPENAI, this.server));
		assertThat(error.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
		assertThat(error.detail()).doesNotContain("Hel");
		OpenAiTestSupport.assertNoKey(error, output);
	}

	@Test
	void failsWithMalformedResponseOnEmptyBody(CapturedOutput output) {
		this.server.enqueue(new MockResponse().setResponseCode(200).addHeader("Content-Type", "application/json"));
		LlmException error = OpenAiTestSupport.chatError(this.support.client(ProviderType.OPENAI, this.server));
		assertThat(error.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
		OpenAiTestSupport.assertNoKey(error, output);
	}

	@Test
	void classifiesErrorPayloadInSuccessfulResponse(CapturedOutput output) {
		this.server.enqueue(new MockResponse().setResponseCode(200)
			.addHeader("Content-Type", "application/json")
			.setBody("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\","
					+ "\"code\":\"rate_limit_exceeded\"}}"));
		LlmException error = OpenAiTestSupport
			.chatError(this.support.client(ProviderType.OPENAI_COMPATIBLE, this.server));
		assertThat(error.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
		assertThat(error.detail()).startsWith("rate_limit_exceeded");
		OpenAiTestSupport.assertNoKey(error, output);
	}

}
