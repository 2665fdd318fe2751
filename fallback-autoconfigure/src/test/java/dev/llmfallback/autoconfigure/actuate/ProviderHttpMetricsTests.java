package dev.llmfallback.autoconfigure.actuate;

import java.io.IOException;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.LlmRouter;
import dev.llmfallback.autoconfigure.LlmAutoConfiguration;
import dev.llmfallback.provider.ContractPayloads;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.observation.web.client.HttpClientObservationsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The providers' HTTP calls reach each format's path below the configured base URL and
 * are measured by Spring Boot's {@code http.client.requests} with that path as their
 * {@code uri} tag, as a call through {@code WebClient.uri(String)} would be.
 */
class ProviderHttpMetricsTests {

	private final MockWebServer anthropic = ContractPayloads.startedServer();

	private final MockWebServer openai = ContractPayloads.startedServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class, ObservationAutoConfiguration.class,
				HttpClientObservationsAutoConfiguration.class, MetricsAutoConfiguration.class,
				JacksonAutoConfiguration.class, WebClientAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues(ContractPayloads.anthropicThenOpenAi(this.anthropic, this.openai));

	@AfterEach
	void close() throws IOException {
		this.anthropic.shutdown();
		this.openai.shutdown();
	}

	@Test
	void chatsAndStreamsAreTaggedWithTheirPathBelowTheBaseUrl() throws InterruptedException {
		this.anthropic
			.enqueue(ContractPayloads.httpResponse("anthropic/examples/assembled/error-529-overloaded.assembled.http"));
		this.openai.enqueue(ContractPayloads.json("openai/examples/chat-completion-response.spec-default.json"));
		this.anthropic.enqueue(ContractPayloads.sse("anthropic/examples/messages-stream-text.sse"));
		this.contextRunner.run((context) -> {
			LlmRouter router = context.getBean(LlmRouter.class);
			assertThat(router.chat(ChatRequest.of("hello")).block(Duration.ofSeconds(5)).provider())
				.isEqualTo("openai");
			assertThat(router.stream(ChatRequest.of("hello")).collectList().block(Duration.ofSeconds(5))).isNotEmpty();

			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				assertThat(requests(registry, "/v1/messages", "529")).isEqualTo(1);
				assertThat(requests(registry, "/v1/messages", "200")).isEqualTo(1);
				assertThat(requests(registry, "/chat/completions", "200")).isEqualTo(1);
			});
		});
		RecordedRequest overloaded = this.anthropic.takeRequest();
		RecordedRequest streamed = this.anthropic.takeRequest();
		RecordedRequest answered = this.openai.takeRequest();
		assertThat(overloaded.getPath()).isEqualTo("/v1/messages");
		assertThat(streamed.getPath()).isEqualTo("/v1/messages");
		assertThat(answered.getPath()).isEqualTo("/v1/chat/completions");
		assertThat(answered.getRequestUrl().port()).isEqualTo(this.openai.getPort());
	}

	private static long requests(MeterRegistry registry, String uri, String status) {
		Timer timer = registry.find("http.client.requests").tags("uri", uri, "status", status).timer();
		return (timer != null) ? timer.count() : 0;
	}

}
