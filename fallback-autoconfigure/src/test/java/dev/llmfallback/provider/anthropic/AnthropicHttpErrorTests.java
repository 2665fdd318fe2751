package dev.llmfallback.provider.anthropic;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.provider.ContractPayloads;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP error responses, classified once by the error decoder, the same way on the chat
 * and the stream path; the API key shows nowhere.
 */
@ExtendWith(OutputCaptureExtension.class)
class AnthropicHttpErrorTests {

	private static final Map<String, Expected> EXPECTED = Map.of("assembled/error-400-prompt-too-long.assembled.http",
			new Expected(400, ErrorKind.CONTEXT_LENGTH, null, "invalid_request_error", "req_011CDDDDDDDDDDDDDDDDDDDD"),
			"assembled/error-401-authentication.assembled.http",
			new Expected(401, ErrorKind.AUTHENTICATION, null, "authentication_error", "req_011CCCCCCCCCCCCCCCCCCCCC"),
			"assembled/error-413-request-too-large.assembled.http",
			new Expected(413, ErrorKind.BAD_REQUEST, null, "request_too_large", "req_011CEEEEEEEEEEEEEEEEEEEE"),
			"assembled/error-429-rate-limit-with-headers.assembled.http",
			new Expected(429, ErrorKind.RATE_LIMITED, Duration.ofSeconds(17), "rate_limit_error",
					"req_011CBBBBBBBBBBBBBBBBBBBB"),
			"assembled/error-500-api-error.assembled.http",
			new Expected(500, ErrorKind.SERVER_ERROR, null, "api_error", "req_011CFFFFFFFFFFFFFFFFFFFF"),
			"assembled/error-529-overloaded.assembled.http",
			new Expected(529, ErrorKind.OVERLOADED, null, "overloaded_error", "req_011CAAAAAAAAAAAAAAAAAAAA"),
			"recorded/error-400-invalid-request.response.http",
			new Expected(400, ErrorKind.BAD_REQUEST, null, "invalid_request_error", "req_011Ca7jT9AHpgXgdv8igm4z9"),
			"recorded/error-404-not-found.response.http",
			new Expected(404, ErrorKind.NOT_FOUND, null, "not_found_error", "req_011CVEA3SF7rnb3DuBZytqQa"),
			"recorded/error-429-rate-limit.response.http",
			new Expected(429, ErrorKind.RATE_LIMITED, null, "rate_limit_error", "req_011CYK5n67SytMUxm8WMZUWY"));

	private final AnthropicTestServer server = new AnthropicTestServer();

	@AfterEach
	void close(CapturedOutput output) {
		this.server.close();
		assertThat(output.getAll()).doesNotContain(ContractPayloads.API_KEY);
	}

	static Stream<Arguments> errorExchanges() {
		assertThat(EXPECTED.keySet()).containsExactlyInAnyOrderElementsOf(AnthropicContractFiles.HTTP_ERRORS);
		return AnthropicContractFiles.HTTP_ERRORS.stream()
			.flatMap((file) -> Arrays.stream(Failures.Mode.values()).map((mode) -> Arguments.of(file, mode)));
	}

	@ParameterizedTest
	@MethodSource("errorExchanges")
	void classifiesEveryErrorExchange(String file, Failures.Mode mode, CapturedOutput output) {
		this.server.server().enqueue(ContractPayloads.httpResponse(AnthropicTestServer.DIR + file));
		LlmException ex = Failures.failure(this.server.client(), mode);
		Expected expected = EXPECTED.get(file);
		assertThat(ex.kind()).isEqualTo(expected.kind());
		assertThat(ex.status()).isEqualTo(expected.status());
		assertThat(ex.provider()).isEqualTo("anthropic");
		assertThat(ex.detail()).startsWith(expected.type() + " (request-id " + expected.requestId() + ")");
		assertThat(ex.getMessage()).contains(expected.kind().name()).contains("HTTP " + expected.status());
		if (expected.retryAfter() == null) {
			assertThat(ex.retryAfter()).isNull();
		}
		else {
			assertThat(ex.retryAfter()).isEqualTo(expected.retryAfter());
		}
		assertThat(output.getAll()).contains(ex.kind().name());
	}

	@ParameterizedTest
	@CsvSource({ "assembled/error-429-rate-limit-with-headers.assembled.http, true",
			"assembled/error-500-api-error.assembled.http, true", "assembled/error-529-overloaded.assembled.http, true",
			"recorded/error-429-rate-limit.response.http, true",
			"assembled/error-400-prompt-too-long.assembled.http, false",
			"assembled/error-401-authentication.assembled.http, false",
			"assembled/error-413-request-too-large.assembled.http, ", "recorded/error-404-not-found.response.http, " })
	void keepsWhetherTheProviderSaysToRetry(String file, Boolean shouldRetry) {
		this.server.server().enqueue(ContractPayloads.httpResponse(AnthropicTestServer.DIR + file));
		LlmException ex = Failures.failure(this.server.client(), Failures.Mode.CHAT);
		assertThat(ex.shouldRetry()).isEqualTo(shouldRetry);
	}

	static Stream<Arguments> errorBodies() {
		return AnthropicContractFiles.ERROR_BODIES.stream()
			.flatMap((file) -> Arrays.stream(Failures.Mode.values()).map((mode) -> Arguments.of(file, mode)));
	}

	@ParameterizedTest
	@MethodSource("errorBodies")
	void classifiesEveryErrorBody(String file, Failures.Mode mode) {
		int status = Integer.parseInt(file.replaceAll(".*error-(\\d{3}).*", "$1"));
		this.server.server().enqueue(jsonError(status, ContractPayloads.read(AnthropicTestServer.DIR + file)));
		LlmException ex = Failures.failure(this.server.client(), mode);
		String exchange = file.replace(".json", ".response.http");
		assertThat(ex.kind()).isEqualTo(EXPECTED.get(exchange).kind());
		assertThat(ex.status()).isEqualTo(status);
		assertThat(ex.detail()).startsWith(EXPECTED.get(exchange).type());
	}

	static Stream<Arguments> handWrittenErrors() {
		return Stream.of(
				Arguments.of(400, "invalid_request_error",
						"Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing.",
						ErrorKind.QUOTA_EXCEEDED),
				Arguments.of(402, "billing_error", "Payment required", ErrorKind.QUOTA_EXCEEDED),
				Arguments.of(400, "invalid_request_error",
						"input length and `max_tokens` exceed context limit: 188240 + 21333 > 200000",
						ErrorKind.CONTEXT_LENGTH),
				Arguments.of(400, "invalid_request_error", "Output blocked by content filtering policy",
						ErrorKind.CONTENT_POLICY),
				Arguments.of(403, "permission_error",
						"Your API key does not have permission to use the specified " + "resource.",
						ErrorKind.PERMISSION),
				Arguments.of(504, "timeout_error", "Request timed out", ErrorKind.TIMEOUT),
				Arguments.of(409, "a_type_added_later", "Conflict", ErrorKind.SERVER_ERROR),
				Arguments.of(422, "a_type_added_later", "Unprocessable", ErrorKind.BAD_REQUEST),
				Arguments.of(429, "a_type_added_later", "Slow down", ErrorKind.RATE_LIMITED));
	}

	@ParameterizedTest
	@MethodSource("handWrittenErrors")
	void classifiesByTypeThenMessageThenStatus(int status, String type, String message, ErrorKind kind) {
		this.server.server()
			.enqueue(jsonError(status,
					"{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}"));
		LlmException ex = Failures.failure(this.server.client(), Failures.Mode.CHAT);
		assertThat(ex.kind()).isEqualTo(kind);
		assertThat(ex.status()).isEqualTo(status);
		assertThat(ex.detail()).startsWith(type + ": ");
	}

	@ParameterizedTest
	@EnumSource(Failures.Mode.class)
	void htmlAndEmptyBodiesAreClassifiedByStatus(Failures.Mode mode) {
		this.server.server()
			.enqueue(new MockResponse().setResponseCode(502)
				.addHeader("Content-Type", "text/html")
				.setBody("<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>"));
		LlmException html = Failures.failure(this.server.client(), mode);
		assertThat(html.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
		assertThat(html.status()).isEqualTo(502);
		assertThat(html.detail()).isEqualTo("non-JSON error body").doesNotContain("<html>");
		this.server.server().enqueue(new MockResponse().setResponseCode(408).addHeader("request-id", "req_1"));
		LlmException empty = Failures.failure(this.server.client(), mode);
		assertThat(empty.kind()).isEqualTo(ErrorKind.TIMEOUT);
		assertThat(empty.detail()).isEqualTo("empty error body (request-id req_1)");
	}

	@Test
	void retryAfterMillisecondsWinOverSecondsAndResets() {
		this.server.server()
			.enqueue(rateLimited().addHeader("retry-after-ms", "1500")
				.addHeader("retry-after", "2")
				.addHeader("anthropic-ratelimit-tokens-remaining", "0")
				.addHeader("anthropic-ratelimit-tokens-reset", inSeconds(50)));
		assertThat(Failures.failure(this.server.client(), Failures.Mode.CHAT).retryAfter())
			.isEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void withoutRetryAfterTheLatestResetOfTheExhaustedBucketsIsUsed() {
		this.server.server()
			.enqueue(rateLimited().addHeader("anthropic-ratelimit-requests-remaining", "10")
				.addHeader("anthropic-ratelimit-requests-reset", inSeconds(5))
				.addHeader("anthropic-ratelimit-input-tokens-remaining", "0")
				.addHeader("anthropic-ratelimit-input-tokens-reset", inSeconds(30))
				.addHeader("anthropic-ratelimit-output-tokens-remaining", "0")
				.addHeader("anthropic-ratelimit-output-tokens-reset", inSeconds(20))
				.addHeader("anthropic-ratelimit-tokens-remaining", "100")
				.addHeader("anthropic-ratelimit-tokens-reset", inSeconds(2)));
		assertThat(Failures.failure(this.server.client(), Failures.Mode.STREAM).retryAfter())
			.isBetween(Duration.ofSeconds(25), Duration.ofSeconds(31));
	}

	@Test
	void withoutRetryAfterOrExhaustedBucketTheEarliestResetIsUsed() {
		this.server.server()
			.enqueue(rateLimited().addHeader("anthropic-ratelimit-requests-remaining", "3")
				.addHeader("anthropic-ratelimit-requests-reset", inSeconds(40))
				.addHeader("anthropic-ratelimit-tokens-reset", inSeconds(12))
				.addHeader("anthropic-ratelimit-weird-reset", "not a date"));
		assertThat(Failures.failure(this.server.client(), Failures.Mode.CHAT).retryAfter())
			.isBetween(Duration.ofSeconds(8), Duration.ofSeconds(13));
	}

	@Test
	void resetsInThePastMeanRetryNow() {
		MockResponse response = ContractPayloads
			.httpResponse(AnthropicTestServer.DIR + "assembled/error-429-rate-limit-with-headers.assembled.http");
		response.removeHeader("retry-after");
		this.server.server().enqueue(response);
		assertThat(Failures.failure(this.server.client(), Failures.Mode.CHAT).retryAfter()).isEqualTo(Duration.ZERO);
	}

	@ParameterizedTest
	@EnumSource(Failures.Mode.class)
	void anApiKeyEchoedByTheProviderIsRedacted(Failures.Mode mode) {
		this.server.server()
			.enqueue(jsonError(401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
					+ "\"message\":\"invalid x-api-key: " + ContractPayloads.API_KEY + "\"}}"));
		LlmException ex = Failures.failure(this.server.client(), mode);
		assertThat(ex.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
		assertThat(ex.detail()).startsWith("authentication_error: invalid x-api-key: ").contains("******");
		assertThat(ex.toString()).doesNotContain(ContractPayloads.API_KEY);
	}

	private static MockResponse rateLimited() {
		return jsonError(429,
				"{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Slow down\"}}");
	}

	private static String inSeconds(long seconds) {
		return Instant.now().plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS).toString();
	}

	static MockResponse jsonError(int status, String body) {
		return new MockResponse().setResponseCode(status).addHeader("Content-Type", "application/json").setBody(body);
	}

	record Expected(int status, ErrorKind kind, Duration retryAfter, String type, String requestId) {

	}

}
