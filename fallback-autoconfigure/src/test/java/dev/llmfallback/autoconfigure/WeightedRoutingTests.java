package dev.llmfallback.autoconfigure;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import dev.llmfallback.Attempt;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.LlmRouter;
import dev.llmfallback.provider.ContractPayloads;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code llm.routing.strategy=weighted} over three OpenAI deployments on local HTTP
 * servers answering OpenAI's recorded completion: two share the load three to one, the
 * third (weight 0) answers only when both fail. Gateway clients naming the model share
 * its deployments the same way.
 */
class WeightedRoutingTests {

	private static final String ANSWER = "openai/examples/chat-completion.json";

	private static final int CHATS = 400;

	private final MockWebServer east = served();

	private final MockWebServer west = served();

	private final MockWebServer backup = served();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class, JacksonAutoConfiguration.class,
				WebClientAutoConfiguration.class))
		.withPropertyValues("llm.routing.strategy=weighted", "llm.fallback.max-retries=0", "llm.cache.enabled=false")
		.withPropertyValues(deployment(0, "east", this.east, 3))
		.withPropertyValues(deployment(1, "west", this.west, 1))
		.withPropertyValues(deployment(2, "backup", this.backup, 0));

	@AfterEach
	void close() throws IOException {
		this.east.shutdown();
		this.west.shutdown();
		this.backup.shutdown();
	}

	@Test
	void deploymentsShareTheRequestsByWeightAndTheBackupWaits() {
		this.contextRunner.run((context) -> {
			LlmRouter router = context.getBean(LlmRouter.class);
			List<ChatResponse> responses = Flux.range(0, CHATS)
				.flatMap((i) -> router.chat(ChatRequest.of("hello " + i)), 16)
				.collectList()
				.block(Duration.ofSeconds(30));
			assertThat(responses).hasSize(CHATS).allSatisfy((response) -> assertThat(response.attempts()).isEmpty());
			// three in four to east: 300 of 400, give or take five standard deviations
			assertThat(this.east.getRequestCount()).isBetween(257, 343);
			assertThat(this.east.getRequestCount() + this.west.getRequestCount()).isEqualTo(CHATS);
			assertThat(this.backup.getRequestCount()).isZero();
		});
	}

	@Test
	void whenTheWeightedDeploymentsFailTheBackupAnswersWithTheirTrail() {
		this.east.setDispatcher(failing());
		this.west.setDispatcher(failing());
		this.contextRunner.run((context) -> {
			ChatResponse response = context.getBean(LlmRouter.class).call(ChatRequest.of("hello"));
			assertThat(response.provider()).isEqualTo("backup");
			assertThat(response.attempts()).extracting(Attempt::provider).containsExactlyInAnyOrder("east", "west");
			assertThat(response.attempts()).extracting(Attempt::status).containsOnly(500);
		});
	}

	@Test
	@SuppressWarnings("unchecked")
	void gatewayRequestsNamingAModelShareItsDeployments() throws IOException {
		MockWebServer mini = served();
		try {
			new ReactiveWebApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class, LlmGatewayAutoConfiguration.class,
						JacksonAutoConfiguration.class, WebClientAutoConfiguration.class))
				.withPropertyValues("llm.gateway.enabled=true", "llm.routing.strategy=weighted")
				.withPropertyValues(deployment(0, "mini", "gpt-4o-mini", mini, 1000))
				.withPropertyValues(deployment(1, "east", "gpt-4o", this.east, 1))
				.withPropertyValues(deployment(2, "west", "gpt-4o", this.west, 1))
				.run((context) -> {
					WebTestClient client = WebTestClient
						.bindToRouterFunction(context.getBean("llmGatewayRouterFunction", RouterFunction.class))
						.build();
					for (int i = 0; i < 40; i++) {
						client.post()
							.uri("/v1/chat/completions")
							.contentType(MediaType.APPLICATION_JSON)
							.bodyValue("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
							.exchange()
							.expectStatus()
							.isOk()
							.expectHeader()
							.valueMatches("x-llm-provider", "east|west");
					}
					// each of the 40 goes to east or west at even odds: both get some but
					// once in 10^11 runs
					assertThat(mini.getRequestCount()).isZero();
					assertThat(this.east.getRequestCount()).isPositive();
					assertThat(this.west.getRequestCount()).isPositive();
				});
		}
		finally {
			mini.shutdown();
		}
	}

	private static String[] deployment(int index, String name, MockWebServer server, int weight) {
		return deployment(index, name, "gpt-4o", server, weight);
	}

	private static String[] deployment(int index, String name, String model, MockWebServer server, int weight) {
		String key = "llm.providers[" + index + "].";
		return List
			.of(key + "name=" + name, key + "type=openai", key + "model=" + model, key + "priority=" + (index + 1),
					key + "weight=" + weight, key + "api-key=sk-" + name + "-test-key-1234567890",
					key + "base-url=" + server.url("/v1"))
			.toArray(String[]::new);
	}

	private static MockWebServer served() {
		MockWebServer server = ContractPayloads.startedServer();
		server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return ContractPayloads.json(ANSWER);
			}
		});
		return server;
	}

	private static Dispatcher failing() {
		return new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return ContractPayloads.httpResponse("openai/examples/assembled/error-500-server-error.assembled.http");
			}
		};
	}

}
