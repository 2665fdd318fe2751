package dev.llmfallback.autoconfigure.actuate;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.LlmRouter;
import dev.llmfallback.autoconfigure.LlmAutoConfiguration;
import dev.llmfallback.provider.ContractPayloads;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * A request its caller gives up on is counted as cancelled, over the real router and a
 * provider on a local HTTP server: a chat still waiting for its answer, a stream read in
 * part.
 */
class CancelledRequestMetricsTests {

	private static final String STREAM = "openai/examples/chat-completion-stream-text.sse";

	private final MockWebServer openai = ContractPayloads.startedServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class, LlmMetricsAutoConfiguration.class,
				MetricsAutoConfiguration.class, JacksonAutoConfiguration.class, WebClientAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("llm.metrics.request-tags=feature", "llm.providers[0].name=openai",
				"llm.providers[0].model=gpt-4o", "llm.providers[0].api-key=sk-openai-test-key-1234567890",
				"llm.providers[0].base-url=" + this.openai.url("/v1"));

	@AfterEach
	void close() throws IOException {
		this.openai.shutdown();
	}

	@Test
	void chatGivenUpOnBeforeItsAnswerIsCountedAsCancelled() {
		this.openai.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
		this.contextRunner.run((context) -> {
			Disposable call = context.getBean(LlmRouter.class)
				.chat(ChatRequest.builder().user("hello").tag("feature", "search").build())
				.subscribe();
			assertThat(this.openai.takeRequest(5, TimeUnit.SECONDS)).as("the provider was called").isNotNull();

			call.dispose();

			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("llm.requests")
				.tags("provider", "none", "model", "none", "level", "none", "outcome", "cancelled", "feature", "search")
				.counter()
				.count()).isEqualTo(1);
			assertThat(registry.get("llm.request.duration").tags("outcome", "cancelled").timer().count()).isEqualTo(1);
			assertThat(registry.find("llm.requests").tags("outcome", "failure").counter()).isNull();
		});
	}

	@Test
	void chatGivenUpOnDuringAFailoverCountsTheAttemptThatFailedBeforeIt() throws IOException {
		MockWebServer primary = ContractPayloads.startedServer();
		try {
			primary.enqueue(
					ContractPayloads.httpResponse("openai/examples/assembled/error-500-server-error.assembled.http"));
			this.openai.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
			this.contextRunner
				.withPropertyValues("llm.fallback.max-retries=0", "llm.providers[0].priority=2",
						"llm.providers[1].name=primary", "llm.providers[1].type=openai",
						"llm.providers[1].model=gpt-4o-mini", "llm.providers[1].priority=1",
						"llm.providers[1].api-key=sk-primary-test-key-1234567890",
						"llm.providers[1].base-url=" + primary.url("/v1"))
				.run((context) -> {
					Disposable call = context.getBean(LlmRouter.class).chat(ChatRequest.of("hello")).subscribe();
					assertThat(this.openai.takeRequest(5, TimeUnit.SECONDS)).as("the fallback was called").isNotNull();

					call.dispose();

					MeterRegistry registry = context.getBean(MeterRegistry.class);
					assertThat(registry.get("llm.requests").tags("outcome", "cancelled").counter().count())
						.isEqualTo(1);
					assertThat(registry.get("llm.fallbacks")
						.tags("provider", "primary", "kind", "server_error")
						.counter()
						.count()).isEqualTo(1);
				});
		}
		finally {
			primary.shutdown();
		}
	}

	@Test
	void streamReadInPartIsCountedAsCancelledAndAWholeOneAsAnswered() {
		enqueueAStreamThatStallsAfterItsFirstTextThenAWholeOne();
		this.contextRunner.run((context) -> {
			LlmRouter router = context.getBean(LlmRouter.class);

			List<ChatChunk> read = router.stream(ChatRequest.of("hello"))
				.take(1)
				.collectList()
				.block(Duration.ofSeconds(5));
			List<ChatChunk> whole = router.stream(ChatRequest.of("hello")).collectList().block(Duration.ofSeconds(5));

			assertThat(read).singleElement().satisfies((chunk) -> assertThat(chunk.text()).isEqualTo("I'm"));
			assertThat(whole).last().satisfies((chunk) -> assertThat(chunk.isFinal()).isTrue());
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			// listeners hear of a stream after its caller has its end, on the
			// connection's thread: the count may land just after block() returns
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				assertThat(registry.get("llm.requests").tags("outcome", "cancelled").counter().count()).isEqualTo(1);
				assertThat(registry.find("llm.requests").tags("provider", "openai", "outcome", "success").counter())
					.isNotNull()
					.satisfies((answered) -> assertThat(answered.count()).isEqualTo(1));
			});
		});
	}

	@Test
	void streamsCountTheirCostAndAStreamReadInPartItsEstimateAgainstTheBudget() {
		enqueueAStreamThatStallsAfterItsFirstTextThenAWholeOne();
		this.contextRunner
			.withPropertyValues("llm.providers[0].price.input=3", "llm.providers[0].price.output=15",
					"llm.budget.per-day=100")
			.run((context) -> {
				LlmRouter router = context.getBean(LlmRouter.class);

				router.stream(ChatRequest.of("hello")).take(1).blockLast(Duration.ofSeconds(5));
				router.stream(ChatRequest.of("hello")).blockLast(Duration.ofSeconds(5));

				// the whole stream reports 14 input and 30 output tokens; the one read in
				// part delivered "I'm", estimated with its request at 6 and 1
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
					assertThat(registry.find("llm.cost").tags("provider", "openai").counter()).isNotNull()
						.satisfies(
								(cost) -> assertThat(cost.count()).isCloseTo((14 * 3 + 30 * 15) / 1e6, within(1e-12)));
					assertThat(registry.get("llm.budget.spend").tags("window", "day").gauge().value())
						.isCloseTo((14 * 3 + 30 * 15 + 6 * 3 + 1 * 15) / 1e6, within(1e-12));
				});
			});
	}

	private void enqueueAStreamThatStallsAfterItsFirstTextThenAWholeOne() {
		String events = ContractPayloads.read(STREAM);
		this.openai.enqueue(new MockResponse().addHeader("Content-Type", "text/event-stream")
			.setBody(events)
			.throttleBody(ContractPayloads.eventStart(events, 2), 1, TimeUnit.SECONDS));
		this.openai.enqueue(ContractPayloads.sse(STREAM));
	}

}
