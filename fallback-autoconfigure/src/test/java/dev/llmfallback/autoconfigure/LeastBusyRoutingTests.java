package dev.llmfallback.autoconfigure;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.LlmRouter;
import dev.llmfallback.provider.ContractPayloads;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code llm.routing.strategy=least-busy} over two OpenAI deployments on local HTTP
 * servers: while a chat waits on the first, the next goes to the second; once its caller
 * gives up, the first is idle again.
 */
class LeastBusyRoutingTests {

	private static final String ANSWER = "openai/examples/chat-completion.json";

	private final MockWebServer east = ContractPayloads.startedServer();

	private final MockWebServer west = ContractPayloads.startedServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class, JacksonAutoConfiguration.class,
				WebClientAutoConfiguration.class))
		.withPropertyValues("llm.routing.strategy=least-busy", "llm.cache.enabled=false")
		.withPropertyValues(deployment(0, "east", this.east))
		.withPropertyValues(deployment(1, "west", this.west));

	@AfterEach
	void close() throws IOException {
		this.east.shutdown();
		this.west.shutdown();
	}

	@Test
	void aChatGoesToTheDeploymentWithFewerCallsInFlight() {
		this.east.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
		this.east.enqueue(ContractPayloads.json(ANSWER));
		this.west.enqueue(ContractPayloads.json(ANSWER));
		this.contextRunner.run((context) -> {
			LlmRouter router = context.getBean(LlmRouter.class);
			Disposable waiting = router.chat(ChatRequest.of("first")).subscribe();
			assertThat(this.east.takeRequest(5, TimeUnit.SECONDS)).as("east has the first chat").isNotNull();

			assertThat(router.call(ChatRequest.of("second")).provider()).isEqualTo("west");
			waiting.dispose();
			assertThat(router.call(ChatRequest.of("third")).provider()).isEqualTo("east");
		});
	}

	@Test
	void leastBusyBinds() {
		this.contextRunner.run((context) -> assertThat(context.getBean(LlmSettings.class).strategy())
			.isEqualTo(dev.llmfallback.routing.RoutingStrategy.LEAST_BUSY));
	}

	private static String[] deployment(int index, String name, MockWebServer server) {
		String key = "llm.providers[" + index + "].";
		return List
			.of(key + "name=" + name, key + "type=openai", key + "model=gpt-4o", key + "priority=" + (index + 1),
					key + "api-key=sk-" + name + "-test-key-1234567890", key + "base-url=" + server.url("/v1"))
			.toArray(String[]::new);
	}

}
