package dev.llmfallback.provider.gemini;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.provider.ContractPayloads;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static dev.llmfallback.provider.gemini.GeminiTestSupport.BASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for the classification of Gemini's errors, on the non-stream and the stream path,
 * and of transport failures; none may show the API key.
 */
@ExtendWith(OutputCaptureExtension.class)
class GeminiErrorTests {

	static final List<String> FILES = List.of(BASE + "assembled/error-400-api-key-invalid.assembled.http",
			BASE + "assembled/error-403-permission-denied.assembled.http",
			BASE + "assembled/error-404-model-not-found.assembled.http",
			BASE + "assembled/error-429-resource-exhausted.assembled.http",
			BASE + "assembled/error-500-internal.assembled.http",
			BASE + "assembled/error-503-unavailable.assembled.http", BASE + "error-400-invalid-argument.json");

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

	static Stream<Arguments> assembledErrors() {
		return Stream.of(
				Arguments.of("assembled/error-400-api-key-invalid.assembled.http", 400, ErrorKind.AUTHENTICATION,
						"INVALID_ARGUMENT API_KEY_INVALID"),
				Arguments.of("assembled/error-403-permission-denied.assembled.http", 403, ErrorKind.PERMISSION,
						"PERMISSION_DENIED"),
				Arguments.of("assembled/error-404-model-not-found.assembled.http", 404, ErrorKind.NOT_FOUND,
						"NOT_FOUND"),
				Arguments.of("assembled/error-429-resource-exhausted.assembled.http", 429, ErrorKind.RATE_LIMITED,
						"RESOURCE_EXHAUSTED GenerateRequestsPerMinutePerProjectPerModel-FreeTier"),
				Arguments.of("assembled/error-500-internal.assembled.http", 500, ErrorKind.SERVER_ERROR, "INTERNAL"),
				Arguments.of("assembled/error-503-unavailable.assembled.http", 503, ErrorKind.SERVER_ERROR,
						"UNAVAILABLE"));
	}

	@ParameterizedTest
	@MethodSource("assembledErrors")
	void classifiesAssembledErrorsOnBothPaths(String file, int status, ErrorKind kind, String detail,
			CapturedOutput output) {
		for (Function<GeminiClient, Object> call : calls()) {
			this.server.enqueue(ContractPayloads.httpResponse(BASE + file));
			LlmException error = failure(call);
			assertThat(error.kind()).isEqualTo(kind);
			assertThat(error.status()).isEqualTo(status);
			assertThat(error.provider()).isEqualTo("google");
			assertThat(error.detail()).startsWith(detail);
			assertNoKey(error, output);
		}
	}

	@Test
	void rateLimitTakesItsDelayFromRetryInfo(CapturedOutput output) {
		this.server
			.enqueue(ContractPayloads.httpResponse(BASE + "assembled/error-429-resource-exhausted.assembled.http"));
		LlmException error = failure(chat());
		assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(27));
		assertThat(error.kind().isRetryable()).isTrue();
		assertNoKey(error, output);
	}

	@Test
	void invalidArgumentIsBadRequest(CapturedOutput output) {
		this.server.enqueue(new MockResponse().setResponseCode(400)
			.addHeader("Content-Type", "application/json")
			.setBody(ContractPayloads.read(BASE + "error-400-invalid-argument.json")));
		LlmException error = failure(chat());
		assertThat(error.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
		assertThat(error.detail()).startsWith("INVALID_ARGUMENT");
		assertNoKey(error, output);
	}

	static Stream<Arguments> handWrittenErrors() {
		return Stream.of(
				Arguments.of(400, "INVALID_ARGUMENT",
						"The input token count (1196265) exceeds the maximum number of tokens allowed (1048575).", "",
						ErrorKind.CONTEXT_LENGTH),
				Arguments.of(400, "FAILED_PRECONDITION", "User location is not supported for the API use.", "",
						ErrorKind.BAD_REQUEST),
				Arguments.of(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.", "",
						ErrorKind.AUTHENTICATION),
				Arguments.of(429, "RESOURCE_EXHAUSTED", "Quota exceeded.",
						quota("GenerateRequestsPerDayPerProjectPerModel-FreeTier", "250"), ErrorKind.QUOTA_EXCEEDED),
				Arguments.of(429, "RESOURCE_EXHAUSTED", "Quota exceeded, limit: 0",
						quota("GenerateContentInputTokensPerModelPerMinute-FreeTier", "0"), ErrorKind.QUOTA_EXCEEDED),
				Arguments.of(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted.", "", ErrorKind.RATE_LIMITED),
				Arguments.of(504, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete.", "",
						ErrorKind.TIMEOUT),
				Arguments.of(500, "UNKNOWN", "Unknown error.", "", ErrorKind.SERVER_ERROR),
				Arguments.of(409, "ABORTED", "Aborted.", "", ErrorKind.SERVER_ERROR),
				Arguments.of(400, "SOMETHING_NEW", "New status.", "", ErrorKind.BAD_REQUEST));
	}

	private static String quota(String quotaId, String value) {
		return "{\"@type\":\"type.googleapis.com/google.rpc.QuotaFailure\",\"violations\":[{\"quotaId\":\"" + quotaId
				+ "\",\"quotaValue\":\"" + value + "\"}]}";
	}

	@ParameterizedTest
	@MethodSource("handWrittenErrors")
	void classifiesByCanonicalStatusThenHttpStatus(int status, String code, String message, String details,
			ErrorKind kind, CapturedOutput output) {
		this.server.enqueue(googleError(status, code, message, details));
		LlmException error = failure(chat());
		assertThat(error.kind()).isEqualTo(kind);
		assertThat(error.status()).isEqualTo(status);
		assertThat(error.detail()).startsWith(code);
		assertNoKey(error, output);
	}

	@Test
	void retryAfterFallsBackToHeaderThenMessage(CapturedOutput output) {
		this.server.enqueue(googleError(429, "RESOURCE_EXHAUSTED", "Slow down.", "").addHeader("Retry-After", "3"));
		assertThat(failure(chat()).retryAfter()).isEqualTo(Duration.ofSeconds(3));
		this.server.enqueue(googleError(429, "RESOURCE_EXHAUSTED", "Quota exceeded. Please retry in 1.5s.", ""));
		LlmException error = failure(chat());
		assertThat(error.retryAfter()).isEqualTo(Duration.ofMillis(1500));
		assertNoKey(error, output);
	}

	@Test
	void readsAnErrorWrappedInAnArray(CapturedOutput output) {
		this.server.enqueue(new MockResponse().setResponseCode(404)
			.addHeader("Content-Type", "application/json")
			.setBody("[{\"error\":{\"code\":404,\"message\":\"no model\",\"status\":\"NOT_FOUND\"}}]"));
		LlmException error = failure(stream());
		assertThat(error.kind()).isEqualTo(ErrorKind.NOT_FOUND);
		assertThat(error.detail()).isEqualTo("NOT_FOUND: no model");
		assertNoKey(error, output);
	}

	@Test
	void redactsTheKeyFromProviderMessages(CapturedOutput output) {
		this.server.enqueue(googleError(400, "INVALID_ARGUMENT",
				"API key not valid: " + ContractPayloads.API_KEY + " nor AIzaSyA1234567890abcdefghij", ""));
		LlmException error = failure(chat());
		assertThat(error.detail()).contains("******").doesNotContain("AIzaSy");
		assertNoKey(error, output);
	}

	@Test
	void htmlBadGatewayIsServerError(CapturedOutput output) {
		for (Function<GeminiClient, Object> call : calls()) {
			this.server.enqueue(new MockResponse().setResponseCode(502)
				.addHeader("Content-Type", "text/html")
				.setBody("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"));
			LlmException error = failure(call);
			assertThat(error.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
			assertThat(error.status()).isEqualTo(502);
			assertNoKey(error, output);
		}
	}

	@Test
	void malformedJsonIsMalformedResponse(CapturedOutput output) {
		this.server.enqueue(new MockResponse().setResponseCode(200)
			.addHeader("Content-Type", "application/json")
			.setBody("{\"candidates\": [{\"content\": "));
		LlmException error = failure(chat());
		assertThat(error.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
		this.server.enqueue(GeminiTestSupport.sseEvents("{\"candidates\": [oops"));
		assertThat(failure(stream()).kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
		this.server.enqueue(new MockResponse().setResponseCode(200).addHeader("Content-Type", "application/json"));
		assertThat(failure(chat()).kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
		assertNoKey(error, output);
	}

	@Test
	void truncatedStreamFailsInsteadOfCompleting(CapturedOutput output) {
		String recorded = ContractPayloads.read(BASE + "recorded/stream-generate-content.sse");
		String cut = recorded.substring(0, recorded.lastIndexOf("data:"));
		this.server.enqueue(new MockResponse().setResponseCode(200)
			.addHeader("Content-Type", "text/event-stream")
			.setChunkedBody(cut, 64));
		LlmException error = failure(stream());
		assertThat(error.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
		assertNoKey(error, output);
	}

	@Test
	void disconnectDuringStreamFails(CapturedOutput output) {
		this.server.enqueue(ContractPayloads.sse(BASE + "recorded/stream-generate-content-usage.sse")
			.setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
		LlmException error = failure(stream());
		assertThat(error.kind()).isIn(ErrorKind.CONNECTION, ErrorKind.MALFORMED_RESPONSE);
		assertNoKey(error, output);
	}

	@Test
	void serverThatNeverAnswersTimesOut(CapturedOutput output) {
		GeminiClient client = this.support
			.client(GeminiTestSupport.settings(URI.create(this.server.url("").toString()), Duration.ofMillis(300)));
		for (Function<GeminiClient, Object> call : calls()) {
			this.server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
			LlmException error = catchThrowableOfType(LlmException.class, () -> call.apply(client));
			assertThat(error.kind()).isEqualTo(ErrorKind.TIMEOUT);
			assertNoKey(error, output);
		}
	}

	@Test
	void closedPortIsConnectionFailure(CapturedOutput output) throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("localhost", 0));
			port = socket.getLocalPort();
		}
		GeminiClient client = this.support
			.client(GeminiTestSupport.settings(URI.create("http://localhost:" + port), Duration.ofSeconds(2)));
		for (Function<GeminiClient, Object> call : calls()) {
			LlmException error = catchThrowableOfType(LlmException.class, () -> call.apply(client));
			assertThat(error.kind()).isEqualTo(ErrorKind.CONNECTION);
			assertThat(error.status()).isNull();
			assertNoKey(error, output);
		}
	}

	private static MockResponse googleError(int status, String code, String message, String details) {
		String body = "{\"error\":{\"code\":" + status + ",\"message\":" + GeminiTestSupport.JSON.valueToTree(message)
				+ ",\"status\":\"" + code + "\",\"details\":[" + details + "]}}";
		return new MockResponse().setResponseCode(status).addHeader("Content-Type", "application/json").setBody(body);
	}

	private static List<Function<GeminiClient, Object>> calls() {
		return List.of(chat(), stream());
	}

	private static Function<GeminiClient, Object> chat() {
		return (client) -> client.chat(ChatRequest.of("Hi")).block();
	}

	private static Function<GeminiClient, Object> stream() {
		return (client) -> Flux.from(client.stream(ChatRequest.of("Hi"))).collectList().block();
	}

	private LlmException failure(Function<GeminiClient, Object> call) {
		GeminiClient client = this.support.client(this.server);
		LlmException error = catchThrowableOfType(LlmException.class, () -> call.apply(client));
		assertThat(error).as("an LlmException").isNotNull();
		return error;
	}

	private static void assertNoKey(LlmException error, CapturedOutput output) {
		assertThat(error.getMessage()).doesNotContain(ContractPayloads.API_KEY);
		assertThat(error.toString()).doesNotContain(ContractPayloads.API_KEY);
		assertThat(error.detail()).doesNotContain(ContractPayloads.API_KEY);
		for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
			assertThat(String.valueOf(cause.getMessage())).doesNotContain(ContractPayloads.API_KEY);
		}
		assertThat(output.getAll()).doesNotContain(ContractPayloads.API_KEY);
	}

}
