package dev.llmfallback.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.llmfallback.sample.simulator.ProviderSimulator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running sample over HTTP: break a provider through the simulator's control API and
 * watch the failover in the gateway's headers, in {@code /actuator/health} and in
 * {@code /actuator/llm}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.simulator.token-delay=1ms", "sample.simulator.latency=0ms",
				"llm.fallback.initial-interval=10ms" })
@SuppressWarnings("unchecked")
class SampleEndToEndTests {

	private static final String QUESTION = "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

	private static final String STREAMED_QUESTION = "{\"model\":\"auto\",\"stream\":true,"
			+ "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

	@Autowired
	private WebTestClient client;

	@Autowired
	private ProviderSimulator simulator;

	@Autowired
	private CircuitBreakerRegistry circuitBreakers;

	@AfterEach
	void heal() {
		SampleReset.heal(this.simulator, this.circuitBreakers);
	}

	@Test
	void brokenPrimaryFailsOverAndShowsInHeadersHealthAndEndpoint() {
		fault("anthropic", "503");
		ask().expectHeader()
			.valueEquals("x-llm-provider", "openai")
			.expectHeader()
			.valueEquals("x-llm-attempts", "3")
			.expectHeader()
			.valueEquals("x-llm-level", "full")
			.expectBody()
			.jsonPath("$.model")
			.isEqualTo("gpt-4o")
			.jsonPath("$.choices[0].message.content")
			.value((text) -> assertThat((String) text).startsWith("Simulated answer from openai"));
		ask().expectHeader().valueEquals("x-llm-provider", "openai");
		ask().expectHeader().valueEquals("x-llm-provider", "openai").expectHeader().valueEquals("x-llm-attempts", "1");
		this.client.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components.llm.details.level")
			.isEqualTo("full")
			.jsonPath("$.components.llm.details.providers.anthropic.state")
			.isEqualTo("OPEN")
			.jsonPath("$.components.llm.details.providers.anthropic.lastError")
			.isEqualTo("SERVER_ERROR")
			.jsonPath("$.components.llm.details.providers.openai.state")
			.isEqualTo("CLOSED");
		Map<String, Object> router = this.client.get()
			.uri("/actuator/llm")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		List<Map<String, Object>> events = (List<Map<String, Object>>) router.get("events");
		assertThat(events).anySatisfy((event) -> assertThat(event).containsEntry("type", "FAILOVER")
			.containsEntry("provider", "anthropic")
			.containsEntry("kind", "SERVER_ERROR"));
		assertThat(events).anySatisfy((event) -> assertThat(event).containsEntry("type", "BREAKER_TRANSITION")
			.containsEntry("provider", "anthropic")
			.containsEntry("kind", "OPEN"));
		assertThat(events.toString()).doesNotContain("Hi\"", "simulated-key");
	}

	@Test
	void springAiChatClientFailsOverThroughTheRouter() {
		fault("anthropic", "503");
		SpringAiController.Answer answer = this.client.post()
			.uri("/spring-ai/chat")
			.bodyValue(Map.of("message", "Hello"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(SpringAiController.Answer.class)
			.returnResult()
			.getResponseBody();
		assertThat(answer.text()).startsWith("Simulated answer from openai");
		assertThat(answer.provider()).isEqualTo("openai");
		assertThat(answer.model()).isEqualTo("gpt-4o");
		assertThat(answer.level()).isEqualTo("FULL");
		assertThat(answer.attempts()).isNotEmpty().allSatisfy((attempt) -> assertThat(attempt).contains("anthropic"));
	}

	@ParameterizedTest
	@CsvSource({ "anthropic, openai", "openai, anthropic", "anthropic, google" })
	void aRequestForJsonIsAnsweredWithJsonAfterAFailover(String broken, String answering) throws Exception {
		fault(broken, "503");
		if (!"openai".equals(answering) && !"openai".equals(broken)) {
			fault("openai", "503");
		}
		Map<String, Object> completion = this.client.post()
			.uri("/v1/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"model\":\"auto\",\"response_format\":{\"type\":\"json_object\"},"
					+ "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("x-llm-provider", answering)
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		Map<String, Object> choice = ((List<Map<String, Object>>) completion.get("choices")).get(0);
		String content = (String) ((Map<String, Object>) choice.get("message")).get("content");
		assertThat(new ObjectMapper().readTree(content).path("answer").asText())
			.startsWith("Simulated answer from " + answering);
	}

	@Test
	void twoProvidersDownDegradesToBasicAndHealthSaysDegraded() {
		fault("anthropic", "529");
		fault("openai", "429");
		for (int i = 0; i < 3; i++) {
			ask().expectHeader()
				.valueEquals("x-llm-provider", "google")
				.expectHeader()
				.valueEquals("x-llm-level", "basic");
		}
		this.client.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("DEGRADED")
			.jsonPath("$.components.llm.details.level")
			.isEqualTo("basic");
	}

	@ParameterizedTest
	@CsvSource({ "reset, CONNECTION", "malformed, MALFORMED_RESPONSE", "broken-stream, MALFORMED_RESPONSE" })
	void wireFaultsFailOverOnWholeAnswers(String fault, String kind) {
		fault("anthropic", fault);
		ChatController.Answer answer = SampleChats.hello(this.client);
		assertThat(answer.provider()).isEqualTo("openai");
		assertThat(answer.attempts()).isNotEmpty()
			.allSatisfy((attempt) -> assertThat(attempt).contains("anthropic").containsAnyOf(kind, "CONNECTION"));
	}

	@ParameterizedTest
	@CsvSource({ "anthropic, 401, AUTHENTICATION", "anthropic, 403, PERMISSION", "anthropic, 404, NOT_FOUND",
			"openai, 401, AUTHENTICATION", "openai, 404, NOT_FOUND", "google, 401, AUTHENTICATION",
			"google, 403, PERMISSION" })
	void errorStatusesAreWordedAsEachProviderWordsThem(String provider, String status, String kind) {
		for (String before : List.of("anthropic", "openai")) {
			if (before.equals(provider)) {
				break;
			}
			fault(before, "malformed");
		}
		fault(provider, status);
		ChatController.Answer answer = SampleChats.hello(this.client);
		assertThat(answer.attempts()).anySatisfy(
				(attempt) -> assertThat(attempt).startsWith(provider).contains(" " + kind + " " + status + " "));
	}

	@ParameterizedTest
	@CsvSource({ "503", "reset", "malformed", "broken-stream" })
	void streamFaultsFailOverOrResume(String fault) {
		fault("anthropic", fault);
		String body = this.client.post()
			.uri("/v1/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(STREAMED_QUESTION)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(30))
			.toString();
		assertThat(body).contains("[DONE]").contains("\"model\":\"gpt-4o\"").contains("openai");
	}

	@Test
	void latencyIsSwitchedAtRunTime() {
		this.client.post()
			.uri("/simulator/providers/google/latency?millis=250")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.latencyMillis.google")
			.isEqualTo(250);
		assertThat(this.simulator.latency("google")).isEqualTo(Duration.ofMillis(250));
		this.client.post().uri("/simulator/providers/google/latency?millis=0").exchange().expectStatus().isOk();
	}

	private void fault(String provider, String fault) {
		this.client.post()
			.uri("/simulator/providers/{provider}/fault?fault={fault}", provider, fault)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.providers." + provider)
			.isEqualTo(fault);
	}

	private WebTestClient.ResponseSpec ask() {
		return this.client.post()
			.uri("/v1/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(QUESTION)
			.exchange()
			.expectStatus()
			.isOk();
	}

}
