package dev.llmfallback.sample;

import org.junit.jupiter.api.Test;

import dev.llmfallback.autoconfigure.LlmSettings;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.sample.simulator.ProviderSimulator;
import dev.llmfallback.sample.simulator.SimulatorInitializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code sample.simulator.enabled=false} the sample uses its {@code llm.*}
 * configuration as given: the public endpoints and the keys from the environment. No
 * provider is called.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.simulator.enabled=false", "ANTHROPIC_API_KEY=sk-ant-dummy-key-for-tests",
				"OPENAI_API_KEY=sk-openai-dummy-key-for-tests", "GEMINI_API_KEY=gemini-dummy-key-for-tests" })
class RealProviderModeTests {

	@Autowired
	private LlmSettings settings;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private ConfigurableEnvironment environment;

	@Autowired
	private WebTestClient client;

	@Test
	void providersUseThePublicEndpointsAndTheKeysGiven() {
		assertThat(this.settings.providers()).extracting(ProviderSettings::name)
			.containsExactly("anthropic", "openai", "google");
		assertThat(this.settings.providers()).extracting((provider) -> provider.baseUrl().toString())
			.containsExactly("https://api.anthropic.com", "https://api.openai.com/v1",
					"https://generativelanguage.googleapis.com");
		assertThat(this.settings.providers()).extracting(ProviderSettings::apiKey)
			.containsExactly("sk-ant-dummy-key-for-tests", "sk-openai-dummy-key-for-tests",
					"gemini-dummy-key-for-tests");
	}

	@Test
	void noSimulatorRunsAndItsControlApiIsAbsent() {
		assertThat(this.context.getBeansOfType(ProviderSimulator.class)).isEmpty();
		assertThat(this.environment.getPropertySources().contains(SimulatorInitializer.PROPERTY_SOURCE)).isFalse();
		this.client.get().uri("/simulator").exchange().expectStatus().isNotFound();
	}

	@Test
	void dashboardAndGatewayModelsStillServe() {
		this.client.get().uri("/llm/dashboard").exchange().expectStatus().isOk();
		this.client.get()
			.uri("/v1/models")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.data[*].id")
			.value((ids) -> assertThat(ids.toString()).contains("claude-sonnet-4-20250514", "gpt-4o",
					"gemini-2.0-flash"));
	}

}
