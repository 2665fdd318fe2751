package dev.llmfallback.routing;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import dev.llmfallback.Attempt;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.provider.ContractPayloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The routing scenarios of the pattern, over real HTTP to local servers speaking the
 * providers' wire formats, with virtual time wherever the router waits.
 */
class ResilientRoutingTests {

	private static final FallbackPolicy SEED_POLICY = new FallbackPolicy(Set.of(429, 500, 502, 503),
			Set.of(ErrorKind.TIMEOUT));

	private final LocalProviders providers = new LocalProviders(Duration.ofSeconds(5));

	@AfterEach
	void close() throws IOException {
		this.providers.close();
	}

	@Test
	void seedScenarioRetriesWithGrowingDelaysThenFailsOver() {
		FailoverRouter router = this.providers.router(LocalProviders.resilience(2, Duration.ofMillis(500)), SEED_POLICY,
				Duration.ofSeconds(120), null);
		for (int i = 0; i < 3; i++) {
			this.providers.anthropic.enqueue(anthropicError(503, "api_error"));
		}
		this.providers.openai.enqueue(ContractPayloads.json("openai/examples/chat-completion.json"));
		List<Duration> waits = new CopyOnWriteArrayList<>();
		this.providers.registries.retries()
			.retry("anthropic")
			.getEventPublisher()
			.onRetry((event) -> waits.add(event.getWaitInterval()));

		StepVerifier.withVirtualTime(() -> router.chat(ChatRequest.of("hello")))
			.expectSubscription()
			.then(() -> await().until(() -> waits.size() == 1))
			.thenAwait(Duration.ofMillis(500))
			.then(() -> await().until(() -> waits.size() == 2))
			.thenAwait(Duration.ofMillis(1000))
			.assertNext((response) -> {
				assertThat(response.provider()).isEqualTo("openai");
				assertThat(response.attempts()).hasSize(3)
					.allSatisfy((attempt) -> assertThat(attempt)
						.extracting(Attempt::provider, Attempt::kind, Attempt::status)
						.containsExactly("anthropic", ErrorKind.SERVER_ERROR, 503));
			})
			.expectComplete()
			.verify(Duration.ofSeconds(10));
		assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
		assertThat(this.providers.anthropic.getRequestCount()).isEqualTo(3);
		assertThat(this.providers.openai.getRequestCount()).isEqualTo(1);
	}

	@Test
	void openBreakerIsSkippedUntilAHalfOpenProbeClosesIt() {
		FailoverRouter router = this.providers.router(LocalProviders.resilience(0, Duration.ofMillis(1)), SEED_POLICY,
				Duration.ofSeconds(120), null);
		CircuitBreaker breaker = this.providers.registries.circuitBreakers().circuitBreaker("anthropic");
		for (int i = 0; i < 5; i++) {
			this.providers.anthropic.enqueue(anthropicError(503, "api_error"));
			this.providers.openai.enqueue(ContractPayloads.json("openai/examples/chat-completion.json"));
			assertThat(router.call(ChatRequest.of("hello")).provider()).isEqualTo("openai");
		}
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

		this.providers.openai.enqueue(ContractPayloads.json("openai/examples/chat-completion.json"));
		ChatResponse whileOpen = router.call(ChatRequest.of("hello"));
		assertThat(whileOpen.provider()).isEqualTo("openai");
		assertThat(whileOpen.attempts()).singleElement()
			.satisfies((attempt) -> assertThat(attempt.kind()).isEqualTo(ErrorKind.CIRCUIT_OPEN));
		assertThat(this.providers.anthropic.getRequestCount()).isEqualTo(5);

		this.providers.clock.advance(Duration.ofSeconds(61));
		this.providers.anthropic.enqueue(ContractPayloads.json("anthropic/examples/recorded/messages.json"));
		ChatResponse probe = router.call(ChatRequest.of("hello"));
		assertThat(probe.provider()).isEqualTo("anthropic");
		assertThat(probe.attempts()).isEmpty();
		assertThat(this.providers.anthropic.getRequestCount()).isEqualTo(6);
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void badRequestIsCalledOnceAndEndsTheRequest() {
		FailoverRouter router = this.providers.router(LocalProviders.resilience(2, Duration.ofMillis(1)), SEED_POLICY,
				Duration.ofSeconds(120), null);
		this.providers.anthropic.enqueue(
				ContractPayloads.httpResponse("anthropic/examples/recorded/error-400-invalid-request.response.http"));
		assertThatExceptionOfType(LlmException.class).isThrownBy(() -> router.call(ChatRequest.of("hello")))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
				assertThat(ex.attempts()).singleElement()
					.satisfies((attempt) -> assertThat(attempt.status()).isEqualTo(400));
			});
		assertThat(this.providers.anthropic.getRequestCount()).isEqualTo(1);
		assertThat(this.providers.openai.getRequestCount()).isZero();
	}

	@Test
	void retryAfterDelaysTheRetry() {
		FailoverRouter router = this.providers.router(LocalProviders.resilience(2, Duration.ofMillis(100)), SEED_POLICY,
				Duration.ofSeconds(120), null);
		this.providers.anthropic.enqueue(anthropicError(429, "rate_limit_error").addHeader("retry-after", "2"));
		this.providers.anthropic.enqueue(ContractPayloads.json("anthropic/examples/recorded/messages.json"));
		List<Duration> waits = new CopyOnWriteArrayList<>();
		this.providers.registries.retries()
			.retry("anthropic")
			.getEventPublisher()
			.onRetry((event) -> waits.add(event.getWaitInterval()));

		StepVerifier.withVirtualTime(() -> router.chat(ChatRequest.of("hello")))
			.expectSubscription()
			.then(() -> await().until(() -> waits.size() == 1))
			.thenAwait(Duration.ofMillis(1999))
			.then(() -> assertThat(this.providers.anthropic.getRequestCount()).isEqualTo(1))
			.thenAwait(Duration.ofMillis(1))
			.assertNext((response) -> {
				assertThat(response.provider()).isEqualTo("anthropic");
				assertThat(response.attempts()).singleElement()
					.satisfies((attempt) -> assertThat(attempt.kind()).isEqualTo(ErrorKind.RATE_LIMITED));
			})
			.expectComplete()
			.verify(Duration.ofSeconds(10));
		assertThat(waits).containsExactly(Duration.ofSeconds(2));
	}

	@Test
	void retryAfterBeyondTheCapMovesOnAtOnce() {
		FailoverRouter router = this.providers.router(LocalProviders.resilience(2, Duration.ofMillis(100)), SEED_POLICY,
				Duration.ofSeconds(120), null);
		this.providers.anthropic.enqueue(anthropicError(429, "rate_limit_error").addHeader("retry-after", "3600"));
		this.providers.openai.enqueue(ContractPayloads.json("openai/examples/chat-completion.json"));
		ChatResponse response = router.call(ChatRequest.of("hello"));
		assertThat(response.provider()).isEqualTo("openai");
		assertThat(this.providers.anthropic.getRequestCount()).isEqualTo(1);
	}

	@Test
	void serverErrorTheProviderSaysNotToRetryFailsOverAtOnce() {
		FailoverRouter router = this.providers.router(LocalProviders.resilience(2, Duration.ofMillis(1)), SEED_POLICY,
				Duration.ofSeconds(120), null);
		this.providers.anthropic.enqueue(anthropicError(500, "api_error").addHeader("x-should-retry", "false"));
		this.providers.openai.enqueue(ContractPayloads.json("openai/examples/chat-completion.json"));
		ChatResponse response = router.call(ChatRequest.of("hello"));
		assertThat(response.provider()).isEqualTo("openai");
		assertThat(response.attempts()).singleElement()
			.satisfies((attempt) -> assertThat(attempt.kind()).isEqualTo(ErrorKind.SERVER_ERROR));
		assertThat(this.providers.anthropic.getRequestCount()).isEqualTo(1);
	}

	@Test
	void badRequestTheProviderSaysToRetryIsRetriedOnTheSameProvider() {
		FailoverRouter router = this.providers.router(LocalProviders.resilience(2, Duration.ofMillis(1)), SEED_POLICY,
				Duration.ofSeconds(120), null);
		this.providers.anthropic.enqueue(
				ContractPayloads.httpResponse("anthropic/examples/recorded/error-400-invalid-request.response.http")
					.addHeader("x-should-retry", "true"));
		this.providers.anthropic.enqueue(ContractPayloads.json("anthropic/examples/recorded/messages.json"));
		ChatResponse response = router.call(ChatRequest.of("hello"));
		assertThat(response.provider()).isEqualTo("anthropic");
		assertThat(response.attempts()).singleElement()
			.satisfies((attempt) -> assertThat(attempt.kind()).isEqualTo(ErrorKind.BAD_REQUEST));
		assertThat(this.providers.anthropic.getRequestCount()).isEqualTo(2);
		assertThat(this.providers.openai.getRequestCount()).isZero();
	}

	@Test
	void hungProviderIsAbandonedAtItsTimeoutAndTheNextAnswers() throws IOException {
		try (LocalProviders fast = new LocalProviders(Duration.ofMillis(300))) {
			FailoverRouter router = fast.router(LocalProviders.resilience(2, Duration.ofMillis(1)), SEED_POLICY,
					Duration.ofSeconds(10), null);
			fast.anthropic.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
			fast.openai.enqueue(ContractPayloads.json("openai/examples/chat-completion.json"));
			StepVerifier.create(router.chat(ChatRequest.of("hello"))).assertNext((response) -> {
				assertThat(response.provider()).isEqualTo("openai");
				assertThat(response.attempts()).singleElement()
					.satisfies((attempt) -> assertThat(attempt.kind()).isEqualTo(ErrorKind.TIMEOUT));
			}).expectComplete().verify(Duration.ofSeconds(10));
			assertThat(fast.anthropic.getRequestCount()).isEqualTo(1);
		}
	}

	@Test
	void deadlineEndsARequestWhoseProvidersAllHang() {
		FailoverRouter router = this.providers.router(LocalProviders.resilience(2, Duration.ofMillis(1)), SEED_POLICY,
				Duration.ofSeconds(3), null);
		this.providers.anthropic.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
		StepVerifier.withVirtualTime(() -> router.chat(ChatRequest.of("hello")))
			.expectSubscription()
			.then(() -> await().until(() -> this.providers.anthropic.getRequestCount() == 1))
			.thenAwait(Duration.ofSeconds(3))
			.expectErrorSatisfies((ex) -> {
				LlmException error = (LlmException) ex;
				assertThat(error.kind()).isEqualTo(ErrorKind.TIMEOUT);
				assertThat(error.detail()).contains("deadline");
				assertThat(error.attempts()).singleElement()
					.satisfies((attempt) -> assertThat(attempt.provider()).isEqualTo("anthropic"));
			})
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void quotaErrorOpensTheBreakerForTheConfiguredTime() {
		FailoverRouter router = this.providers.router(LocalProviders.resilience(2, Duration.ofMillis(1)),
				new FallbackPolicy(Set.of(429), Set.of()), Duration.ofSeconds(120), null);
		this.providers.anthropic.enqueue(anthropicError(400, "billing_error"));
		this.providers.openai.enqueue(ContractPayloads.json("openai/examples/chat-completion.json"));
		assertThatExceptionOfType(LlmException.class).isThrownBy(() -> router.call(ChatRequest.of("hello")))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.QUOTA_EXCEEDED));
		CircuitBreaker breaker = this.providers.registries.circuitBreakers().circuitBreaker("anthropic");
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		this.providers.clock.advance(Duration.ofMinutes(29));
		assertThat(router.call(ChatRequest.of("hello")).provider()).isEqualTo("openai");
		assertThat(this.providers.anthropic.getRequestCount()).isEqualTo(1);
	}

	@Test
	void contextLengthFallsBackOnlyToALargerWindow() {
		FailoverRouter router = this.providers.router(LocalProviders.resilience(2, Duration.ofMillis(1)),
				new FallbackPolicy(Set.of(), Set.of(ErrorKind.CONTEXT_LENGTH)), Duration.ofSeconds(120), null);
		this.providers.anthropic.enqueue(
				ContractPayloads.httpResponse("anthropic/examples/assembled/error-400-prompt-too-long.assembled.http"));
		assertThatExceptionOfType(LlmException.class).isThrownBy(() -> router.call(ChatRequest.of("long")))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.CONTEXT_LENGTH));
		assertThat(this.providers.openai.getRequestCount()).as("openai's window is smaller").isZero();
	}

	@Test
	void callCapBoundsRetriesAndFallbacks() {
		FailoverRouter router = this.providers.router(LocalProviders.resilience(2, Duration.ofMillis(1)), SEED_POLICY,
				Duration.ofSeconds(120), 2);
		for (int i = 0; i < 3; i++) {
			this.providers.anthropic.enqueue(anthropicError(503, "api_error"));
		}
		assertThatExceptionOfType(LlmException.class).isThrownBy(() -> router.call(ChatRequest.of("hello")))
			.satisfies((ex) -> {
				assertThat(ex.attempts()).hasSize(2);
				assertThat(ex.getMessage()).contains("cap of 2 provider calls");
			});
		assertThat(this.providers.anthropic.getRequestCount()).isEqualTo(2);
		assertThat(this.providers.openai.getRequestCount()).isZero();
	}

	@Test
	void streamFailingBeforeItsFirstChunkCompletesFromTheNextProvider() {
		FailoverRouter router = this.providers.router(LocalProviders.resilience(0, Duration.ofMillis(1)), SEED_POLICY,
				Duration.ofSeconds(120), null);
		this.providers.anthropic.enqueue(anthropicError(503, "api_error"));
		this.providers.openai.enqueue(ContractPayloads.sse("openai/examples/chat-completion-stream-text.sse"));
		ChatResponse assembled = ChatResponse.fromChunks(router.stream(ChatRequest.of("hello")).collectList().block());
		assertThat(assembled.provider()).isEqualTo("openai");
		assertThat(assembled.text()).isNotEmpty();
	}

	@Test
	void streamCutAfterItsFirstChunkErrorsWithThePartialText() {
		FailoverRouter router = this.providers.router(LocalProviders.resilience(2, Duration.ofMillis(1)), SEED_POLICY,
				Duration.ofSeconds(120), null);
		this.providers.anthropic.enqueue(ContractPayloads
			.sse("anthropic/examples/assembled/messages-stream-midstream-overloaded.assembled.sse"));
		StringBuilder delivered = new StringBuilder();
		StepVerifier.create(router.stream(ChatRequest.of("hello")).doOnNext((chunk) -> delivered.append(chunk.text())))
			.thenConsumeWhile((chunk) -> true)
			.expectErrorSatisfies((ex) -> {
				LlmException error = (LlmException) ex;
				assertThat(error.kind()).isEqualTo(ErrorKind.OVERLOADED);
				assertThat(error.partialText()).isNotEmpty().isEqualTo(delivered.toString());
				assertThat(error.attempts()).singleElement()
					.satisfies((attempt) -> assertThat(attempt.provider()).isEqualTo("anthropic"));
			})
			.verify(Duration.ofSeconds(10));
		assertThat(this.providers.anthropic.getRequestCount()).as("never retried after text").isEqualTo(1);
		assertThat(this.providers.openai.getRequestCount()).isZero();
	}

	private static MockResponse anthropicError(int status, String type) {
		return new MockResponse().setResponseCode(status)
			.addHeader("Content-Type", "application/json")
			.setBody("{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"Simulated\"}}");
	}

}
