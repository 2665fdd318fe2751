package dev.llmfallback.actuator;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code llm} endpoint's write operation when switched on, and a health contributor
 * that reports DOWN when only the static level is left and that is configured.
 */
@SpringBootTest(classes = ActuatorTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "llm.providers[0].name=anthropic", "llm.providers[0].model=claude-sonnet-4-20250514",
				"llm.providers[0].api-key=test", "llm.endpoint.write-enabled=true",
				"llm.degradation.levels=full,reduced,basic,static", "llm.health.down-when-static-only=true",
				"management.endpoints.web.exposure.include=health,llm",
				"management.endpoint.health.show-details=always" })
class LlmWritableEndpointTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private CircuitBreakerRegistry circuitBreakers;

	@Test
	void operatorForcesOpenThenClosesABreakerAndHealthFollows() {
		this.client.post()
			.uri("/actuator/llm/anthropic")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"state\":\"force-open\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.state")
			.isEqualTo("FORCED_OPEN");
		assertThat(this.circuitBreakers.circuitBreaker("anthropic").getState())
			.isEqualTo(CircuitBreaker.State.FORCED_OPEN);
		this.client.get()
			.uri("/actuator/health/llm")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("DOWN")
			.jsonPath("$.details.level")
			.isEqualTo("static");

		this.client.post()
			.uri("/actuator/llm/anthropic")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"state\":\"close\"}")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(this.circuitBreakers.circuitBreaker("anthropic").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		this.client.get().uri("/actuator/health/llm").exchange().expectStatus().isOk();
	}

	@Test
	void unknownStateOrProviderIsABadRequest() {
		this.client.post()
			.uri("/actuator/llm/anthropic")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"state\":\"explode\"}")
			.exchange()
			.expectStatus()
			.isBadRequest();
		this.client.post()
			.uri("/actuator/llm/nobody")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"state\":\"reset\"}")
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

}
