package dev.llmfallback.provider.anthropic;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.provider.ContractPayloads;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.provider.ProviderType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures below HTTP: refused connections, silent servers, broken bodies.
 */
@ExtendWith(OutputCaptureExtension.class)
class AnthropicTransportErrorTests {

	private static final Duration SHORT = Duration.ofMillis(300);

	private final AnthropicTestServer server = new AnthropicTestServer();

	@AfterEach
	void close(CapturedOutput output) {
		this.server.close();
		assertThat(output.getAll()).doesNotContain(ContractPayloads.API_KEY);
	}

	@ParameterizedTest
	@EnumSource(Failures.Mode.class)
	void refusedConnection(Failures.Mode mode) throws IOException {
		MockWebServer closed = new MockWebServer();
		closed.start();
		ProviderSettings settings = ContractPayloads.settings(ProviderType.ANTHROPIC, closed,
				AnthropicTestServer.MODEL);
		closed.shutdown();
		LlmException ex = Failures.failure(this.server.client(settings), mode);
		assertThat(ex.kind()).isEqualTo(ErrorKind.CONNECTION);
		assertThat(ex.status()).isNull();
	}

	@ParameterizedTest
	@EnumSource(Failures.Mode.class)
	void serverThatNeverAnswersTimesOut(Failures.Mode mode) {
		this.server.server().enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
		AnthropicClient client = this.server.client(AnthropicTestServer.withTimeouts(this.server.settings(), SHORT));
		LlmException ex = Failures.failure(client, mode);
		assertThat(ex.kind()).isEqualTo(ErrorKind.TIMEOUT);
		assertThat(ex.detail()).contains("300 ms");
	}

	@Test
	void streamThatStallsAfterItsFirstEventTimesOut() {
		this.server.server()
			.enqueue(ContractPayloads.sse(AnthropicTestServer.DIR + "messages-stream-text.sse")
				.throttleBody(600, 2, TimeUnit.SECONDS));
		AnthropicClient client = this.server.client(AnthropicTestServer.withTimeouts(this.server.settings(), SHORT));
		LlmException ex = Failures.failure(client, Failures.Mode.STREAM);
		assertThat(ex.kind()).isEqualTo(ErrorKind.TIMEOUT);
		assertThat(ex.detail()).isEqualTo("stream idle for 300 ms");
	}

	@Test
	void streamCutMidwayFails() {
		this.server.server()
			.enqueue(ContractPayloads.sse(AnthropicTestServer.DIR + "recorded/messages-stream.sse")
				.setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
		LlmException ex = Failures.failure(this.server.client(), Failures.Mode.STREAM);
		assertThat(ex.kind()).isIn(ErrorKind.CONNECTION, ErrorKind.MALFORMED_RESPONSE);
	}

	@Test
	void answerCutMidwayFails() {
		this.server.server()
			.enqueue(ContractPayloads.json(AnthropicTestServer.DIR + "recorded/messages.json")
				.setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
		LlmException ex = Failures.failure(this.server.client(), Failures.Mode.CHAT);
		assertThat(ex.kind()).isIn(ErrorKind.CONNECTION, ErrorKind.MALFORMED_RESPONSE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"id\":\"msg_1\",\"type\":\"message\",\"content\":[{\"type\":\"text\",\"te", "",
			"<html>OK</html>", "{\"id\":\"msg_1\",\"type\":\"message\"}", "[]" })
	void unreadableAnswerIsMalformed(String body) {
		this.server.server()
			.enqueue(new MockResponse().setResponseCode(200)
				.addHeader("Content-Type", "application/json")
				.setBody(body));
		LlmException ex = Failures.failure(this.server.client(), Failures.Mode.CHAT);
		assertThat(ex.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
		assertThat(ex.status()).isNull();
	}

	@Test
	void toolUseWithoutNameIsMalformed() {
		this.server.server()
			.enqueue(new MockResponse().setResponseCode(200)
				.addHeader("Content-Type", "application/json")
				.setBody("{\"type\":\"message\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"input\":{}}],"
						+ "\"stop_reason\":\"tool_use\"}"));
		assertThat(Failures.failure(this.server.client(), Failures.Mode.CHAT).kind())
			.isEqualTo(ErrorKind.MALFORMED_RESPONSE);
	}

	@Test
	void errorBodyWithStatus200IsClassified() {
		this.server.server()
			.enqueue(new MockResponse().setResponseCode(200)
				.addHeader("Content-Type", "application/json")
				.setBody(ContractPayloads.read(AnthropicTestServer.DIR + "recorded/error-429-rate-limit.json")));
		LlmException ex = Failures.failure(this.server.client(), Failures.Mode.CHAT);
		assertThat(ex.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
		assertThat(ex.detail()).startsWith("rate_limit_error: ");
	}

}
