package dev.llmfallback.sample;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.llmfallback.sample.simulator.ProviderSimulator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sample.simulator.token-delay=1ms")
class SampleApplicationTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private ProviderSimulator simulator;

	@AfterEach
	void heal() {
		ProviderSimulator.PROVIDERS.forEach(this.simulator::heal);
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
			.expectBody(Map.class)
			.value((faults) -> assertThat(faults).containsEntry("anthropic", "503"));
		ChatController.Answer answer = ask();
		assertThat(answer.provider()).isEqualTo("openai");
		assertThat(answer.text()).startsWith("Simulated answer from openai");
		assertThat(answer.attempts()).singleElement().asString().contains("anthropic", "SERVER_ERROR", "503");
	}

	@Test
	void twoBrokenProvidersFallToTheThird() {
		this.simulator.fail("anthropic", new dev.llmfallback.sample.simulator.Fault(529));
		this.simulator.fail("openai", new dev.llmfallback.sample.simulator.Fault(429));
		ChatController.Answer answer = ask();
		assertThat(answer.provider()).isEqualTo("google");
		assertThat(answer.attempts()).hasSize(2);
	}

	@Test
	void invalidFaultIsRejected() {
		this.client.post()
			.uri("/simulator/providers/anthropic/fault?status=200")
			.exchange()
			.expectStatus()
			.isBadRequest();
		this.client.post().uri("/simulator/providers/nobody/fault").exchange().expectStatus().isBadRequest();
	}

	private ChatController.Answer ask() {
		return this.client.post()
			.uri("/chat")
			.bodyValue(Map.of("message", "Hello"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(ChatController.Answer.class)
			.returnResult()
			.getResponseBody();
	}

}
