package dev.llmfallback.gateway;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.llmfallback.Attempt;
import dev.llmfallback.ChatChunk;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

class LlmGatewayErrorTests {

	private static final String PROMPT = "my secret prompt text";

	private final RecordingRouter router = new RecordingRouter();

	private final WebTestClient client = this.router.client();

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "null", value = {
			"{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}|null|The request body is not valid JSON",
			"[1,2]|null|The request body must be a JSON object.",
			"{\"model\":\"auto\"}|messages|'messages' must be a non-empty array.",
			"{\"model\":\"auto\",\"messages\":[]}|messages|'messages' must be a non-empty array.",
			"{\"model\":\"auto\",\"messages\":[{\"content\":\"x\"}]}|messages[0].role|'messages[0].role' must be set.",
			"{\"model\":\"auto\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}|messages[0].role|'messages[0].role' must be one of system, developer, user, assistant, tool; was 'robot'.",
			"{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"x\"}}]}]}|messages[0].content[0]|'messages[0].content[0]' must be a text part; type 'image_url' is not supported.",
			"{\"model\":\"auto\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}|messages[0].tool_call_id|'messages[0].tool_call_id' must be set for a tool message.",
			"{\"model\":\"auto\",\"temperature\":3,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|temperature|'temperature' must be a number between 0 and 2.",
			"{\"model\":\"auto\",\"max_tokens\":0,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|max_tokens|'max_tokens' must be a positive integer.",
			"{\"model\":\"auto\",\"max_completion_tokens\":\"ten\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|max_completion_tokens|'max_completion_tokens' must be a positive integer.",
			"{\"model\":\"auto\",\"stop\":[1],\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|stop|'stop' must be a string or an array of strings.",
			"{\"model\":\"auto\",\"stream\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|stream|'stream' must be a boolean.",
			"{\"model\":\"auto\",\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|n|Only n = 1 is supported.",
			"{\"model\":\"auto\",\"tools\":[{\"type\":\"function\"}],\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|tools[0]|'tools[0]' must have type 'function' and a 'function.name'.",
			"{\"model\":\"auto\",\"response_format\":{\"type\":\"xml\"},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|response_format|'response_format.type' must be one of text, json_object, json_schema.",
			"{\"model\":\"auto\",\"response_format\":\"json\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|response_format|'response_format.type' must be one of text, json_object, json_schema.",
			"{\"model\":\"auto\",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"a\"}},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|response_format.json_schema|'response_format.json_schema' must have a 'name' and a non-empty 'schema' object.",
			"{\"model\":\"auto\",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"a b\",\"schema\":{\"type\":\"object\"}}},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|response_format.json_schema.name|'response_format.json_schema.name' must be 1 to 64 of a-z, A-Z, 0-9, _ and -.",
			"{\"model\":\"auto\",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"a\",\"strict\":\"yes\",\"schema\":{\"type\":\"object\"}}},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|response_format.json_schema.strict|'response_format.json_schema.strict' must be a boolean.",
			"{\"model\":\"auto\",\"tool_choice\":\"always\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|tool_choice|'tool_choice' must be auto, none, required or",
			"{\"model\":\"auto\",\"tool_choice\":{\"type\":\"allowed_tools\"},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|tool_choice|'tool_choice' must be auto, none, required or",
			"{\"model\":7,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|model|'model' must be a string." })
	void invalidRequestIsA400SayingWhatIsWrong(String body, String param, String message) {
		post(body).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error.message")
			.value((text) -> assertThat((String) text).startsWith(message))
			.jsonPath("$.error.type")
			.isEqualTo("invalid_request_error")
			.jsonPath("$.error.param")
			.isEqualTo(param)
			.jsonPath("$.error.code")
			.isEqualTo("invalid_value");
		assertThat(this.router.lastRequest()).isNull();
	}

	@Test
	void emptyBodyIsA400() {
		this.client.post()
			.uri("/v1/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error.message")
			.isEqualTo("The request body must be a JSON object.");
	}

	@Test
	void invalidJsonMessageDoesNotQuoteThePrompt() {
		post("{\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}").expectStatus()
			.isBadRequest()
			.expectBody(String.class)
			.value((body) -> assertThat(body).doesNotContain("secret"));
	}

	@ParameterizedTest
	@EnumSource(ErrorKind.class)
	void everyPathFailedIsMappedByKind(ErrorKind kind) {
		this.router.answering((request) -> Mono.error(failure(kind)));
		HttpStatus expected = switch (kind) {
			case TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT;
			case RATE_LIMITED, OVERLOADED, CIRCUIT_OPEN, LOCAL_LIMIT -> HttpStatus.SERVICE_UNAVAILABLE;
			case BAD_REQUEST, CONTEXT_LENGTH, UNSUPPORTED_REQUEST, COST_CAP -> HttpStatus.BAD_REQUEST;
			default -> HttpStatus.BAD_GATEWAY;
		};
		post("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}").expectStatus()
			.isEqualTo(expected)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody(String.class)
			.value((body) -> assertThat(body).doesNotContain("secret")
				.doesNotContain("sk-test")
				.contains("\"type\":\""
						+ ((expected == HttpStatus.BAD_REQUEST) ? "invalid_request_error" : "server_error") + "\"")
				.contains("\"param\":")
				.contains("\"code\":\"" + ((kind == ErrorKind.CONTEXT_LENGTH) ? "context_length_exceeded"
						: kind.name().toLowerCase(java.util.Locale.ROOT)) + "\""));
	}

	@ParameterizedTest
	@EnumSource(ErrorKind.class)
	void everyPathFailedSaysWhetherTryingAgainMayHelp(ErrorKind kind) {
		this.router.answering((request) -> Mono.error(failure(kind)));
		String expected = switch (kind) {
			case RATE_LIMITED, OVERLOADED, SERVER_ERROR, TIMEOUT, CONNECTION, MALFORMED_RESPONSE, CIRCUIT_OPEN,
					LOCAL_LIMIT ->
				"true";
			default -> "false";
		};
		post("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").expectHeader()
			.valueEquals("x-should-retry", expected)
			.expectHeader()
			.doesNotExist("retry-after-ms")
			.expectHeader()
			.doesNotExist(HttpHeaders.RETRY_AFTER);
	}

	@ParameterizedTest
	@CsvSource({ "RATE_LIMITED, 1500, 1500, 2", "OVERLOADED, 30000, 30000, 30", "RATE_LIMITED, 200, 200, 1" })
	void waitTheProviderAskedForIsPassedOn(ErrorKind kind, long askedMillis, String millis, String seconds) {
		this.router.answering((request) -> Mono.error(failure(kind, Duration.ofMillis(askedMillis))));
		post("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.valueEquals("x-should-retry", "true")
			.expectHeader()
			.valueEquals("retry-after-ms", millis)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, seconds);
	}

	@ParameterizedTest
	@CsvSource({ "20000, 3000, 3", "3000, 20000, 3" })
	void shortestWaitAnyProviderAskedForIsPassedOn(long firstMillis, long lastMillis, String seconds) {
		this.router.answering((request) -> Mono
			.error(failed(attempt("anthropic", ErrorKind.RATE_LIMITED, 429, Duration.ofMillis(firstMillis)),
					attempt("openai", ErrorKind.OVERLOADED, 503, Duration.ofMillis(lastMillis)))));
		post("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.valueEquals("x-should-retry", "true")
			.expectHeader()
			.valueEquals("retry-after-ms", "3000")
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, seconds);
	}

	@Test
	void noWaitIsPassedOnWhenAProviderFailedWithoutAskingOne() {
		this.router.answering((request) -> Mono.error(failed(attempt("anthropic", ErrorKind.SERVER_ERROR, 503, null),
				attempt("openai", ErrorKind.RATE_LIMITED, 429, Duration.ofSeconds(20)))));
		post("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.valueEquals("x-should-retry", "true")
			.expectHeader()
			.doesNotExist("retry-after-ms")
			.expectHeader()
			.doesNotExist(HttpHeaders.RETRY_AFTER);
	}

	@Test
	void skippedProvidersAndRefusalsLeaveTheWaitOfTheOthers() {
		this.router.answering(
				(request) -> Mono.error(failed(attempt("openai", ErrorKind.RATE_LIMITED, 429, Duration.ofSeconds(5)),
						attempt("gemini", ErrorKind.QUOTA_EXCEEDED, 429, Duration.ofSeconds(1)),
						attempt("anthropic", ErrorKind.CIRCUIT_OPEN, null, null))));
		post("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "5");
	}

	@Test
	void aProviderOverTheCostCapLeavesTheFailureOfTheOneThatFitToDecide() {
		this.router.answering((request) -> Mono.error(failed(skipped("openai", ErrorKind.COST_CAP, null),
				attempt("anthropic", ErrorKind.RATE_LIMITED, 429, Duration.ofSeconds(7)))));
		post("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.valueEquals("x-should-retry", "true")
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "7");
	}

	@Test
	void everyProviderSkippedGivesTheShortestTimeLeftOfThoseThatKnowIt() {
		this.router.answering((request) -> Mono.error(failed(skipped("anthropic", ErrorKind.CIRCUIT_OPEN, 40),
				skipped("openai", ErrorKind.LOCAL_LIMIT, 12), skipped("gemini", ErrorKind.LOCAL_LIMIT, null))));
		post("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.valueEquals("x-should-retry", "true")
			.expectHeader()
			.valueEquals("retry-after-ms", "12000")
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "12");
	}

	@Test
	void openBreakerThatReopensFirstSetsTheWaitBesideFailedProviders() {
		this.router.answering(
				(request) -> Mono.error(failed(attempt("openai", ErrorKind.RATE_LIMITED, 429, Duration.ofSeconds(20)),
						skipped("anthropic", ErrorKind.CIRCUIT_OPEN, 4),
						attempt("gemini", ErrorKind.OVERLOADED, 503, Duration.ofSeconds(9)))));
		post("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "4");
	}

	@Test
	void waitIsNotPassedOnWhenTryingAgainCannotHelp() {
		this.router.answering((request) -> Mono.error(failure(ErrorKind.QUOTA_EXCEEDED, Duration.ofSeconds(20))));
		post("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").expectStatus()
			.isEqualTo(HttpStatus.BAD_GATEWAY)
			.expectHeader()
			.valueEquals("x-should-retry", "false")
			.expectHeader()
			.doesNotExist(HttpHeaders.RETRY_AFTER);
	}

	@Test
	void invalidRequestIsNotWorthRetrying() {
		post("{\"model\":\"auto\",\"messages\":[]}").expectStatus()
			.isBadRequest()
			.expectHeader()
			.valueEquals("x-should-retry", "false");
	}

	@Test
	void unexpectedFailureLeavesRetryingToTheClient() {
		this.router.answering((request) -> Mono.error(new IllegalStateException("boom")));
		post("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").expectStatus()
			.isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
			.expectHeader()
			.doesNotExist("x-should-retry");
	}

	@Test
	void streamThatFailsBeforeItsFirstChunkSaysWhenToTryAgain() {
		this.router.streaming((request) -> Flux.error(failure(ErrorKind.RATE_LIMITED, Duration.ofSeconds(3))));
		post("{\"model\":\"auto\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.valueEquals("x-should-retry", "true")
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "3");
	}

	@Test
	void upstreamFailureMessageCountsTheAttempts() {
		this.router.answering((request) -> Mono.error(failure(ErrorKind.SERVER_ERROR)));
		post("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").expectStatus()
			.isEqualTo(HttpStatus.BAD_GATEWAY)
			.expectBody()
			.jsonPath("$.error.message")
			.isEqualTo("No provider could answer (SERVER_ERROR) after 2 failed attempts.")
			.jsonPath("$.error.param")
			.isEmpty();
	}

	@Test
	void unexpectedFailureIsA500WithoutDetails() {
		this.router.answering((request) -> Mono.error(new IllegalStateException("boom " + PROMPT)));
		post("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").expectStatus()
			.isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
			.expectBody(String.class)
			.value((body) -> assertThat(body).doesNotContain("secret").doesNotContain("boom"));
	}

	@Test
	void streamedRequestSubscribesToTheRouterOnce() {
		AtomicInteger subscriptions = new AtomicInteger();
		this.router.streaming((request) -> Flux.just(ChatChunk.ofText("a"), ChatChunk.ofText("b"))
			.doOnSubscribe((subscription) -> subscriptions.incrementAndGet()));
		post("{\"model\":\"auto\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("\"content\":\"a\"").contains("\"content\":\"b\""));
		assertThat(subscriptions).hasValue(1);
	}

	private static LlmException failure(ErrorKind kind) {
		return failure(kind, null);
	}

	private static LlmException failure(ErrorKind kind, Duration retryAfter) {
		LlmException last = new LlmException(kind, "openai", 500, retryAfter, "sk-test-0000 is not echoed", null);
		Attempt skipped = new Attempt("anthropic", "claude", ErrorKind.CIRCUIT_OPEN, null, Duration.ZERO, "");
		return LlmException.allFailed(List.of(skipped, Attempt.of("openai", "gpt-4o", last, Duration.ZERO)), last);
	}

	private static LlmException failed(LlmException... calls) {
		LlmException last = calls[calls.length - 1];
		return LlmException.allFailed(
				Arrays.stream(calls).map((call) -> Attempt.of(call.provider(), "model", call, Duration.ZERO)).toList(),
				last);
	}

	private static LlmException attempt(String provider, ErrorKind kind, Integer status, Duration retryAfter) {
		return new LlmException(kind, provider, status, retryAfter, "", null);
	}

	private static LlmException skipped(String provider, ErrorKind kind, Integer secondsLeft) {
		return LlmException.skipped(kind, provider, (secondsLeft != null) ? Duration.ofSeconds(secondsLeft) : null, "");
	}

	private WebTestClient.ResponseSpec post(String body) {
		return this.client.post()
			.uri("/v1/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

}
