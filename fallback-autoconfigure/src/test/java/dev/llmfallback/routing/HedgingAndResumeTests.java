package dev.llmfallback.routing;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;

import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.provider.ContractPayloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hedging, stream resumption, first-token timeouts and cancellation, over real HTTP.
 */
class HedgingAndResumeTests {

	private static final FallbackPolicy POLICY = new FallbackPolicy(Set.of(429, 500, 502, 503, 529),
			Set.of(ErrorKind.TIMEOUT, ErrorKind.OVERLOADED));

	private final HangingServer hanging = new HangingServer();

	private final LocalProviders providers = new LocalProviders(Duration.ofSeconds(30), this.hanging.url());

	@AfterEach
	void close() throws IOException {
		this.providers.close();
		this.hanging.close();
	}

	@Test
	void slowFirstProviderLosesToAHedgeAndIsCancelled() {
		FailoverRouter router = this.providers.router(LocalProviders.resilience(0, Duration.ofMillis(1)),
				new RoutingSettings(POLICY, Duration.ofSeconds(120), null,
						new RoutingSettings.Hedging(true, Duration.ofMillis(200), null), false));
		this.providers.openai.enqueue(ContractPayloads.json("openai/examples/chat-completion.json"));
		StepVerifier.withVirtualTime(() -> router.chat(ChatRequest.of("hello")))
			.expectSubscription()
			.then(() -> await().until(() -> this.hanging.requests.get() == 1))
			.then(() -> assertThat(this.providers.openai.getRequestCount()).isZero())
			.thenAwait(Duration.ofMillis(200))
			.assertNext((response) -> {
				assertThat(response.provider()).isEqualTo("openai");
				assertThat(response.attempts()).isEmpty();
			})
			.expectComplete()
			.verify(Duration.ofSeconds(10));
		await().atMost(Duration.ofSeconds(5)).untilTrue(this.hanging.connectionClosed);
	}

	@Test
	void hedgedStreamTakesTheFirstChunk() {
		FailoverRouter router = this.providers.router(LocalProviders.resilience(0, Duration.ofMillis(1)),
				new RoutingSettings(POLICY, Duration.ofSeconds(120), null,
						new RoutingSettings.Hedging(true, Duration.ofMillis(200), null), false));
		this.providers.openai.enqueue(ContractPayloads.sse("openai/examples/chat-completion-stream-text.sse"));
		StepVerifier.withVirtualTime(() -> router.stream(ChatRequest.of("hello")).collectList())
			.expectSubscription()
			.then(() -> await().until(() -> this.hanging.requests.get() == 1))
			.thenAwait(Duration.ofMillis(200))
			.assertNext((chunks) -> assertThat(ChatResponse.fromChunks(chunks).provider()).isEqualTo("openai"))
			.expectComplete()
			.verify(Duration.ofSeconds(10));
		await().atMost(Duration.ofSeconds(5)).untilTrue(this.hanging.connectionClosed);
	}

	@Test
	void cancellingARequestCancelsItsProviderCall() {
		FailoverRouter router = this.providers.router(LocalProviders.resilience(0, Duration.ofMillis(1)), POLICY,
				Duration.ofSeconds(120), null);
		StepVerifier.create(router.chat(ChatRequest.of("hello")))
			.expectSubscription()
			.then(() -> await().until(() -> this.hanging.requests.get() == 1))
			.thenCancel()
			.verify(Duration.ofSeconds(5));
		await().atMost(Duration.ofSeconds(5)).untilTrue(this.hanging.connectionClosed);
		assertThat(this.providers.openai.getRequestCount()).isZero();
	}

	@Test
	void providerThatNeverStartsItsStreamIsLeftAtTheFirstTokenTimeout() throws IOException {
		try (LocalProviders fast = new LocalProviders(Duration.ofMillis(300), this.hanging.url())) {
			FailoverRouter router = fast.router(LocalProviders.resilience(0, Duration.ofMillis(1)), POLICY,
					Duration.ofSeconds(30), null);
			fast.openai.enqueue(ContractPayloads.sse("openai/examples/chat-completion-stream-text.sse"));
			ChatResponse assembled = ChatResponse
				.fromChunks(router.stream(ChatRequest.of("hello")).collectList().block(Duration.ofSeconds(10)));
			assertThat(assembled.provider()).isEqualTo("openai");
			await().atMost(Duration.ofSeconds(5)).untilTrue(this.hanging.connectionClosed);
		}
	}

	@Test
	void streamCutAfterItsFirstChunkIsResumedByTheNextProvider() throws Exception {
		try (LocalProviders local = new LocalProviders(Duration.ofSeconds(5))) {
			FailoverRouter router = local.router(LocalProviders.resilience(0, Duration.ofMillis(1)),
					new RoutingSettings(POLICY, Duration.ofSeconds(30), null, RoutingSettings.Hedging.OFF, true));
			local.anthropic.enqueue(ContractPayloads
				.sse("anthropic/examples/assembled/messages-stream-midstream-overloaded.assembled.sse"));
			local.openai.enqueue(ContractPayloads.sse("openai/examples/chat-completion-stream-text.sse"));
			ChatResponse assembled = ChatResponse
				.fromChunks(router.stream(ChatRequest.of("hello")).collectList().block(Duration.ofSeconds(10)));
			assertThat(assembled.provider()).isEqualTo("openai");
			assertThat(assembled.text()).startsWith("Hello");
			RecordedRequest continuation = local.openai.takeRequest();
			String body = continuation.getBody().readUtf8();
			assertThat(body).contains("\"role\":\"assistant\"", "Continue your previous answer");
		}
	}

}
