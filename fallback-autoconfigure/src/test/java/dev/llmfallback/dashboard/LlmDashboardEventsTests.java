package dev.llmfallback.dashboard;

import java.io.IOException;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.LlmRouter;
import dev.llmfallback.autoconfigure.LlmAutoConfiguration;
import dev.llmfallback.autoconfigure.LlmDashboardAutoConfiguration;
import dev.llmfallback.provider.ContractPayloads;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's event stream over the real router, with providers on local HTTP
 * servers.
 */
class LlmDashboardEventsTests {

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT = new ParameterizedTypeReference<>() {
	};

	private static final ObjectMapper JSON = new ObjectMapper();

	private final MockWebServer anthropic = ContractPayloads.startedServer();

	private final MockWebServer openai = ContractPayloads.startedServer();

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class, LlmDashboardAutoConfiguration.class,
				JacksonAutoConfiguration.class, WebClientAutoConfiguration.class))
		.withPropertyValues(ContractPayloads.anthropicThenOpenAi(this.anthropic, this.openai))
		.withPropertyValues("llm.dashboard.enabled=true");

	@AfterEach
	void close() throws IOException {
		this.anthropic.shutdown();
		this.openai.shutdown();
	}

	@Test
	void firstEventIsASnapshotThenAFailoverArrivesLive() {
		this.anthropic.enqueue(new MockResponse().setResponseCode(503)
			.addHeader("Content-Type", "application/json")
			.setBody("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Simulated\"}}"));
		this.openai.enqueue(ContractPayloads.json("openai/examples/chat-completion.json"));
		this.contextRunner.withPropertyValues("llm.dashboard.refresh-interval=1h").run((context) -> {
			LlmRouter router = context.getBean(LlmRouter.class);
			StepVerifier.create(events(context)).assertNext((event) -> {
				assertThat(event.event()).isEqualTo("snapshot");
				JsonNode snapshot = read(event.data());
				assertThat(snapshot.path("level").asText()).isEqualTo("full");
				assertThat(snapshot.path("providers").findValuesAsText("name")).containsExactly("anthropic", "openai");
				assertThat(snapshot.path("providers").findValuesAsText("state")).containsOnly("CLOSED");
				assertThat(snapshot.path("events").isArray()).isTrue();
				assertThat(snapshot.path("budget").path("decision").asText()).isEqualTo("normal");
			}).then(() -> {
				ChatResponse response = router.chat(ChatRequest.builder().user("Secret prompt text").build())
					.block(Duration.ofSeconds(15));
				assertThat(response.provider()).isEqualTo("openai");
			}).assertNext((event) -> {
				assertThat(event.event()).isEqualTo("routing");
				assertThat(event.data()).doesNotContain("Secret prompt text");
				JsonNode routing = read(event.data());
				assertThat(routing.path("type").asText()).isEqualTo("FAILOVER");
				assertThat(routing.path("provider").asText()).isEqualTo("anthropic");
				assertThat(routing.path("kind").asText()).isEqualTo("SERVER_ERROR");
			}).thenCancel().verify(Duration.ofSeconds(20));
		});
	}

	@Test
	void snapshotsRepeatAtTheRefreshIntervalWithLatencies() {
		this.openai.enqueue(ContractPayloads.json("openai/examples/chat-completion.json"));
		this.anthropic.enqueue(ContractPayloads.json("anthropic/examples/recorded/messages.json"));
		this.contextRunner.withPropertyValues("llm.dashboard.refresh-interval=100ms").run((context) -> {
			context.getBean(LlmRouter.class)
				.chat(ChatRequest.builder().user("hi").build())
				.block(Duration.ofSeconds(15));
			StepVerifier.create(events(context).take(3))
				.assertNext((event) -> assertThat(event.event()).isEqualTo("snapshot"))
				.assertNext((event) -> {
					assertThat(event.event()).isEqualTo("snapshot");
					JsonNode anthropicCard = read(event.data()).path("providers").get(0);
					assertThat(anthropicCard.path("averageLatencyMs").isNumber()).isTrue();
					assertThat(read(event.data()).path("events")).isEmpty();
				})
				.assertNext((event) -> assertThat(event.event()).isEqualTo("snapshot"))
				.expectComplete()
				.verify(Duration.ofSeconds(10));
		});
	}

	@Test
	void streamsEndWhenTheApplicationStops() {
		this.contextRunner.withPropertyValues("llm.dashboard.refresh-interval=1h").run((context) -> {
			LlmDashboard dashboard = context.getBean(LlmDashboard.class);
			assertThat(dashboard.isRunning()).isTrue();
			StepVerifier.create(events(context))
				.assertNext((event) -> assertThat(event.event()).isEqualTo("snapshot"))
				.then(dashboard::stop)
				.expectComplete()
				.verify(Duration.ofSeconds(10));
			assertThat(dashboard.isRunning()).isFalse();
			StepVerifier.create(dashboard.events()).expectComplete().verify(Duration.ofSeconds(10));
		});
	}

	private static Flux<ServerSentEvent<String>> events(ApplicationContext context) {
		return WebTestClient.bindToRouterFunction(context.getBean("llmDashboardRouterFunction", RouterFunction.class))
			.configureClient()
			.responseTimeout(Duration.ofSeconds(20))
			.build()
			.get()
			.uri("/llm/dashboard/events")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(EVENT)
			.getResponseBody();
	}

	private static JsonNode read(String json) {
		try {
			return JSON.readTree(json);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
