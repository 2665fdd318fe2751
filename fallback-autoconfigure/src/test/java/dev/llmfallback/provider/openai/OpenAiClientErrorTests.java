package dev.llmfallback.provider.openai;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.provider.ContractPayloads;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.provider.ProviderType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for how {@link OpenAiClient} classifies failures; none may show the API key.
 */
@ExtendWith(OutputCaptureExtension.class)
class OpenAiClientErrorTests {

	private static final Map<String, Expected> EXPECTED = Map.of(
			"examples/assembled/error-400-context-length-exceeded.assembled.http",
			new Expected(400, ErrorKind.CONTEXT_LENGTH, "context_length_exceeded"),
			"examples/assembled/error-401-invalid-api-key.assembled.http",
			new Expected(401, ErrorKind.AUTHENTICATION, "invalid_api_key"),
			"examples/assembled/error-404-model-not-found.assembled.http",
			new Expected(404, ErrorKind.NOT_FOUND, "model_not_found"),
			"examples/assembled/error-429-insufficient-quota.assembled.http",
			new Expected(429, ErrorKind.QUOTA_EXCEEDED, "insufficient_quota"),
			"examples/assembled/error-429-rate-limit-exceeded.assembled.http",
			new Expected(429, ErrorKind.RATE_LIMITED, "rate_limit_exceeded"),
			"examples/assembled/error-500-server-error.assembled.http",
			new Expected(500, ErrorKind.SERVER_ERROR, "server_error"),
			"examples/assembled/error-502-bad-gateway-html.assembled.http",
			new Expected(502, ErrorKind.SERVER_ERROR, "non-JSON body"),
			"examples/recorded/error-400-invalid-image-url.response.http",
			new Expected(400, ErrorKind.BAD_REQUEST, "invalid_image_url"),
			"examples/recorded/error-400-invalid-value.response.http",
			new Expected(400, ErrorKind.BAD_REQUEST, "invalid_value"),
			"examples/recorded/error-400-unsupported-value.response.http",
			new Expected(400, ErrorKind.UNSUPPORTED_REQUEST, "unsupported_value"));

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

	static Stream<String> errors() {
		return OpenAiContracts.ERRORS.stream();
	}

	static Stream<String> errorBodies() {
		return OpenAiContracts.ERROR_BODIES.stream();
	}

	@ParameterizedTest
	@MethodSource("errors")
	void classifiesContractError(String file, CapturedOutput output) {
		Expected expected = EXPECTED.get(file);
		assertThat(expected).as("expectation for %s", file).isNotNull();
		this.server.enqueue(ContractPayloads.httpResponse(OpenAiContracts.path(file)));
		LlmException error = OpenAiTestSupport.chatError(this.support.client(ProviderType.OPENAI, this.server));
		assertThat(error.status()).isEqualTo(expected.status());
		assertThat(error.kind()).isEqualTo(expected.kind());
		assertThat(error.detail()).startsWith(expected.detail());
		assertThat(error.provider()).isEqualTo(ProviderType.OPENAI.id());
		OpenAiTestSupport.assertNoKey(error, output);
	}

	@ParameterizedTest
	@MethodSource("errorBodies")
	void classifiesRecordedErrorBodyLikeItsExchange(String file, CapturedOutput output) {
		String exchange = file.replace(".json", ".response.http");
		assertThat(OpenAiContracts.ERRORS).contains(exchange);
		this.server.enqueue(new MockResponse().setResponseCode(400)
			.addHeader("Content-Type", "application/json")
			.setBody(ContractPayloads.read(OpenAiContracts.path(file))));
		LlmException error = OpenAiTestSupport.chatError(this.support.client(ProviderType.OPENAI, this.server));
		assertThat(error.kind()).isEqualTo(EXPECTED.get(exchange).kind());
		assertThat(error.status()).isEqualTo(400);
		assertThat(error.detail()).startsWith(EXPECTED.get(exchange).detail());
		OpenAiTestSupport.assertNoKey(error, output);
	}

	@Test
	void unsupportedValueIsSomethingAnotherProviderMayTake(CapturedOutput output) {
		this.server.enqueue(ContractPayloads
			.httpResponse(OpenAiContracts.path("examples/recorded/error-400-unsupported-value.response.http")));
		LlmException error = OpenAiTestSupport.chatError(this.support.client(ProviderType.OPENAI, this.server));
		assertThat(error.kind()).isEqualTo(ErrorKind.UNSUPPORTED_REQUEST);
		assertThat(error.detail()).isEqualTo(
				"unsupported_value: Unsupported value: 'messages[0].role' does not support 'system' with this model.");
		assertThat(error.retryAfter()).isNull();
		OpenAiTestSupport.assertNoKey(error, output);
	}

	@Test
	void takesRetryAfterFromHeader(CapturedOutput output) {
		this.server.enqueue(rateLimit());
		LlmException error = OpenAiTestSupport.chatError(this.support.client(ProviderType.OPENAI, this.server));
		assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(1));
		OpenAiTestSupport.assertNoKey(error, output);
	}

	@Test
	void prefersRetryAfterMillis(CapturedOutput output) {
		this.server.enqueue(rateLimit().addHeader("retry-after-ms", "250"));
		LlmException error = OpenAiTestSupport.chatError(this.support.client(ProviderType.OPENAI, this.server));
		assertThat(error.retryAfter()).isEqualTo(Duration.ofMillis(250));
		OpenAiTestSupport.assertNoKey(error, output);
	}

	@Test
	void takesLargerResetWithoutRetryAfter(CapturedOutput output) {
		this.server.enqueue(rateLimit().removeHeader("retry-after"));
		LlmException error = OpenAiTestSupport.chatError(this.support.client(ProviderType.OPENAI, this.server));
		assertThat(error.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
		assertThat(error.retryAfter()).isEqualTo(Duration.ofMillis(450));
		this.server.enqueue(rateLimit().removeHeader("retry-after")
			.removeHeader("x-ratelimit-reset-requests")
			.addHeader("x-ratelimit-reset-requests", "6m0s"));
		assertThat(OpenAiTestSupport.chatError(this.support.client(ProviderType.OPENAI, this.server)).retryAfter())
			.isEqualTo(Duration.ofMinutes(6));
		OpenAiTestSupport.assertNoKey(error, output);
	}

	@Test
	void keepsWhetherTheProviderSaysToRetry(CapturedOutput output) {
		this.server.enqueue(rateLimit());
		this.server.enqueue(ContractPayloads
			.httpResponse(OpenAiContracts.path("examples/assembled/error-500-server-error.assembled.http")));
		OpenAiClient client = this.support.client(ProviderType.OPENAI, this.server);
		LlmException rateLimited = OpenAiTestSupport.chatError(client);
		LlmException serverError = OpenAiTestSupport.chatError(client);
		assertThat(rateLimited.shouldRetry()).isTrue();
		assertThat(serverError.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
		assertThat(serverError.shouldRetry()).isNull();
		OpenAiTestSupport.assertNoKey(rateLimited, output);
	}

	@Test
	void givesNoRetryAfterForSpentQuota(CapturedOutput output) {
		this.server.enqueue(ContractPayloads
			.httpResponse(OpenAiContracts.path("examples/assembled/error-429-insufficient-quota.assembled.http"))
			.addHeader("retry-after", "20"));
		LlmException error = OpenAiTestSupport.chatError(this.support.client(ProviderType.OPENAI, this.server));
		assertThat(error.kind()).isEqualTo(ErrorKind.QUOTA_EXCEEDED);
		assertThat(error.retryAfter()).isNull();
		OpenAiTestSupport.assertNoKey(error, output);
	}

	@Test
	void keepsTheRetryAfterOfAnyFailureTheProviderSaysToRetry(CapturedOutput output) {
		this.server.enqueue(ContractPayloads
			.httpResponse(OpenAiContracts.path("examples/assembled/error-429-insufficient-quota.assembled.http"))
			.addHeader("retry-after", "20")
			.addHeader("x-should-retry", "true"));
		LlmException error = OpenAiTestSupport.chatError(this.support.client(ProviderType.OPENAI, this.server));
		assertThat(error.kind()).isEqualTo(ErrorKind.QUOTA_EXCEEDED);
		assertThat(error.shouldRetry()).isTrue();
		assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(20));
		OpenAiTestSupport.assertNoKey(error, output);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"400|{\"error\":{\"message\":\"The response was filtered\",\"type\":null,\"code\":\"content_filter\"}}|CONTENT_POLICY|content_filter",
			"400|{\"error\":{\"message\":\"Your request was rejected\",\"type\":\"invalid_request_error\",\"code\":\"content_policy_violation\"}}|CONTENT_POLICY|content_policy_violation",
			"400|{\"error\":{\"message\":\"Unsupported parameter: 'temperature'\",\"type\":\"invalid_request_error\",\"param\":\"temperature\",\"code\":\"unsupported_parameter\"}}|UNSUPPORTED_REQUEST|unsupported_parameter: Unsupported parameter",
			"400|{\"object\":\"error\",\"message\":\"x\",\"error\":{\"message\":\"This model's maximum context length is 4096 tokens. However, you requested 5000 tokens.\",\"type\":\"BadRequestError\",\"code\":400}}|CONTEXT_LENGTH|400: This model's maximum",
			"403|{\"error\":{\"message\":\"Project does not have access to model\",\"type\":\"invalid_request_error\",\"code\":\"model_not_found\"}}|NOT_FOUND|model_not_found",
			"403|{\"error\":{\"message\":\"Country, region, or territory not supported\",\"type\":\"request_forbidden\",\"code\":\"unsupported_country_region_territory\"}}|PERMISSION|unsupported_country_region_territory",
			"404|{\"error\":\"model 'llama9' not found\"}|NOT_FOUND|model 'llama9' not found",
			"404|{\"error\":{\"code\":\"DeploymentNotFound\",\"message\":\"The API deployment for this resource does not exist.\"}}|NOT_FOUND|DeploymentNotFound",
			"408|{\"error\":{\"message\":\"Request timed out\",\"type\":\"timeout\",\"code\":null}}|TIMEOUT|timeout",
			"409|{\"error\":{\"message\":\"Conflict\",\"type\":\"server_error\"}}|SERVER_ERROR|server_error",
			"413|{\"error\":{\"message\":\"Request too large\",\"type\":\"invalid_request_error\"}}|BAD_REQUEST|invalid_request_error",
			"422|not json at all|BAD_REQUEST|non-JSON body", "429||RATE_LIMITED|empty body",
			"503|{\"error\":{\"message\":\"The engine is currently overloaded\",\"type\":\"server_error\"}}|SERVER_ERROR|server_error",
			"529|{\"error\":{\"message\":\"Overloaded\",\"type\":\"overloaded_error\"}}|OVERLOADED|overloaded_error" })
	void classifiesErrorVariants(int status, String body, ErrorKind kind, String detail, CapturedOutput output) {
		this.server.enqueue(new MockResponse().setResponseCode(status)
			.addHeader("Content-Type", "application/json")
			.setBody((body != null) ? body : ""));
		LlmException error = OpenAiTestSupport
			.chatError(this.support.client(ProviderType.OPENAI_COMPATIBLE, this.server));
		assertThat(error.kind()).isEqualTo(kind);
		assertThat(error.status()).isEqualTo(status);
		assertThat(error.detail()).startsWith(detail);
		OpenAiTestSupport.assertNoKey(error, output);
	}

	@Test
	void redactsKeyEchoedInAuthenticationError(CapturedOutput output) {
		String key = ContractPayloads.API_KEY;
		String masked = key.substring(0, 6) + "*************" + key.substring(key.length() - 4);
		this.server.enqueue(new MockResponse().setResponseCode(401)
			.addHeader("Content-Type", "application/json")
			.setBody("{\"error\":{\"message\":\"Incorrect API key provided: " + masked
					+ ". You can find your API key at https://platform.openai.com/account/api-keys.\","
					+ "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}"));
		this.server.enqueue(new MockResponse().setResponseCode(401)
			.addHeader("Content-Type", "application/json")
			.setBody("{\"error\":{\"message\":\"Incorrect API key provided: " + key + "\","
					+ "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));
		OpenAiClient client = this.support.client(ProviderType.OPENAI, this.server);
		LlmException maskedError = OpenAiTestSupport.chatError(client);
		LlmException fullError = OpenAiTestSupport.chatError(client);
		assertThat(maskedError.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
		assertThat(maskedError.detail()).startsWith("invalid_api_key: Incorrect API key provided: ******")
			.doesNotContain(masked)
			.doesNotContain(key.substring(0, 6))
			.doesNotContain(key.substring(key.length() - 4));
		assertThat(fullError.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
		assertThat(fullError.detail()).isEqualTo("invalid_api_key: Incorrect API key provided: ******");
		OpenAiTestSupport.assertNoKey(maskedError, output);
		OpenAiTestSupport.assertNoKey(fullError, output);
	}

	@Test
	void redactsAzureKeyEchoedInError(CapturedOutput output) throws InterruptedException {
		String azureKey = "0123456789abcdef0123456789abcdef";
		ProviderSettings settings = OpenAiTestSupport
			.withApiKey(ContractPayloads.settings(ProviderType.AZURE_OPENAI, this.server, "dep"), azureKey);
		this.server.enqueue(new MockResponse().setResponseCode(401)
			.setBody("{\"error\":{\"code\":\"401\",\"message\":\"Access denied: key " + azureKey
					+ " (0123****cdef) is invalid\"}}"));
		LlmException error = OpenAiTestSupport.chatError(this.support.client(settings));
		assertThat(this.server.takeRequest().getHeader("api-key")).isEqualTo(azureKey);
		assertThat(error.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
		assertThat(error.getMessage()).doesNotContain(azureKey);
		assertThat(error.detail()).doesNotContain(azureKey)
			.doesNotContain("0123")
			.doesNotContain("cdef")
			.isEqualTo("401: Access denied: key ****** (******) is invalid");
		assertThat(output).doesNotContain(azureKey);
	}

	private static MockResponse rateLimit() {
		return ContractPayloads
			.httpResponse(OpenAiContracts.path("examples/assembled/error-429-rate-limit-exceeded.assembled.http"));
	}

	private record Expected(int status, ErrorKind kind, String detail) {

	}

}
