package dev.llmfallback.sample;

import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.llmfallback.Tier;
import dev.llmfallback.autoconfigure.LlmSettings;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.sample.simulator.Fault;
import dev.llmfallback.sample.simulator.ProviderSimulator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.simulator.token-delay=1ms", "sample.simulator.latency=0ms",
				"llm.fallback.initial-interval=10ms" })
@SuppressWarnings("unchecked")
class SampleApplicationTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private ProviderSimulator simulator;

	@Autowired
	private CircuitBreakerRegistry circuitBreakers;

	@Autowired
	private LlmSettings settings;

	@AfterEach
	void heal() {
		SampleReset.heal(this.simulator, this.circuitBreakers);
	}

	@Test
	void everyConfiguredProviderPointsAtTheSimulatorWithItsOwnSettings() {
		assertThat(this.settings.providers()).extracting(ProviderSettings::name)
			.containsExactly("anthropic", "openai", "google");
		assertThat(this.settings.providers()).extracting(ProviderSettings::model)
			.containsExactly("claude-sonnet-4-20250514", "gpt-4o", "gemini-2.0-flash");
		assertThat(this.settings.providers()).extracting(ProviderSettings::tier)
			.containsExactly(Tier.FULL, Tier.FULL, Tier.BASIC);
		assertThat(this.settings.providers()).extracting((provider) -> provider.baseUrl().toString())
			.containsExactly(this.simulator.baseUrl() + "/anthropic", this.simulator.baseUrl() + "/openai/v1",
					this.simulator.baseUrl() + "/google");
		assertThat(this.settings.providers()).extracting(ProviderSettings::apiKey).containsOnly("simulated-key");
	}

	@Test
	void primaryProviderAnswers() {
		ChatController.Answer answer = ask();
		assertThat(answer.provider()).isEqualTo("anthropic");
		assertThat(answer.model()).isEqualTo("claude-sonnet-4-20250514");
		assertThat(answer.text()).startsWith("Simulated answer from anthropic");
		assertThat(answer.level()).isEqualTo("FULL");
		assertThat(answer.attempts()).isEmpty();
	}

	@Test
	void brokenPrimaryFailsOverThroughTheControlApi() {
		this.client.post()
			.uri("/simulator/providers/anthropic/fault?status=503")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.providers.anthropic")
			.isEqualTo("503")
			.jsonPath("$.faults")
			.value((faults) -> assertThat((List<String>) faults).contains("reset", "malformed", "broken-stream"));
		ChatController.Answer answer = ask();
		assertThat(answer.provider()).isEqualTo("openai");
		assertThat(answer.text()).startsWith("Simulated answer from openai");
		assertThat(answer.attempts()).hasSize(3)
			.allSatisfy((attempt) -> assertThat(attempt).contains("anthropic", "SERVER_ERROR", "503"));
	}

	@Test
	void twoBrokenProvidersFallToTheThird() {
		this.simulator.fail("anthropic", Fault.status(529));
		this.simulator.fail("openai", Fault.status(429));
		ChatController.Answer answer = ask();
		assertThat(answer.provider()).isEqualTo("google");
		assertThat(answer.attempts()).hasSize(6);
	}

	@Test
	void breakerOpensAfterFiveFailedCallsAndIsSkipped() {
		this.simulator.fail("anthropic", Fault.status(503));
		assertThat(ask().attempts()).hasSize(3);
		ChatController.Answer second = ask();
		assertThat(second.provider()).isEqualTo("openai");
		assertThat(second.attempts()).hasSize(3).last().asString().contains("CIRCUIT_OPEN");
		assertThat(this.circuitBreakers.circuitBreaker("anthropic").getState()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(ask().attempts()).singleElement().asString().contains("anthropic", "CIRCUIT_OPEN");
	}

	@Test
	void invalidFaultIsRejected() {
		this.client.post()
			.uri("/simulator/providers/anthropic/fault?status=200")
			.exchange()
			.expectStatus()
			.isBadRequest();
		this.client.post().uri("/simulator/providers/nobody/fault").exchange().expectStatus().isBadRequest();
		this.client.post()
			.uri("/simulator/providers/openai/fault?fault=meltdown")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.value((error) -> assertThat((String) error).contains("Unknown fault 'meltdown'"));
	}

	private ChatController.Answer ask() {
		return SampleChats.hello(this.client);
	}

}
