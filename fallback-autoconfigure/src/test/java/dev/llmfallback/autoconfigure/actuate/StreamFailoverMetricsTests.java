package dev.llmfallback.autoconfigure.actuate;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.LlmRouter;
import dev.llmfallback.autoconfigure.LlmAutoConfiguration;
import dev.llmfallback.provider.ContractPayloads;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stream that failed over tells its caller and the metrics of the failed attempt, as a
 * chat does, over the real router and two providers on local HTTP servers.
 */
class StreamFailoverMetricsTests {

	private final MockWebServer anthropic = ContractPayloads.startedServer();

	private final MockWebServer openai = ContractPayloads.startedServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class, LlmMetricsAutoConfiguration.class,
				MetricsAutoConfiguration.class, JacksonAutoConfiguration.class, WebClientAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues(ContractPayloads.anthropicThenOpenAi(this.anthropic, this.openai));

	@AfterEach
	void close() throws IOException {
		this.anthropic.shutdown();
		this.openai.shutdown();
	}

	@Test
	void failedAttemptReachesTheFirstAndFinalChunksTheAnswerAndTheFallbackCount() {
		this.anthropic
			.enqueue(ContractPayloads.httpResponse("anthropic/examples/assembled/error-529-overloaded.assembled.http"));
		this.openai.enqueue(ContractPayloads.sse("openai/examples/chat-completion-stream-text.sse"));
		this.contextRunner.run((context) -> {
			List<ChatChunk> chunks = context.getBean(LlmRouter.class)
				.stream(ChatRequest.of("hello"))
				.collectList()
				.block(Duration.ofSeconds(5));

			ChatResponse answer = ChatResponse.fromChunks(chunks);
			assertThat(answer.provider()).isEqualTo("openai");
			assertThat(answer.attempts()).singleElement().satisfies((attempt) -> {
				assertThat(attempt.provider()).isEqualTo("anthropic");
				assertThat(attempt.status()).isEqualTo(529);
			});
			// the first chunk names the failover too, the chunks between carry nothing
			for (int i = 0; i < chunks.size(); i++) {
				boolean firstOrFinal = i == 0 || chunks.get(i).isFinal();
				assertThat(chunks.get(i).attempts()).hasSize(firstOrFinal ? 1 : 0);
			}
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			// listeners hear of a stream after its caller has its end
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(registry.find("llm.fallbacks").tags("provider", "anthropic").counter())
					.isNotNull()
					.satisfies((fallbacks) -> assertThat(fallbacks.count()).isEqualTo(1)));
		});
	}

}
