package dev.llmfallback.actuator;

import java.time.Instant;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmRouter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health contributor, the {@code llm} endpoint, Resilience4j's endpoints and secret
 * sanitising, over HTTP against a running application.
 */
@SpringBootTest(classes = ActuatorTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "llm.providers[0].name=anthropic", "llm.providers[0].model=claude-sonnet-4-20250514",
				"llm.providers[0].priority=1", "llm.providers[0].api-key=sk-ant-very-secret-123456",
				"llm.providers[1].name=openai", "llm.providers[1].model=gpt-4o-mini", "llm.providers[1].priority=2",
				"llm.providers[1].tier=reduced", "OPENAI_API_KEY=sk-openai-from-env-654321",
				"llm.fallback.max-retries=0",
				"management.endpoints.web.exposure.include=health,llm,circuitbreakers,configprops,env",
				"management.endpoint.health.show-details=always", "management.endpoint.configprops.show-values=always",
				"management.endpoint.env.show-values=always",
				"management.endpoint.health.status.order=DOWN,OUT_OF_SERVICE,DEGRADED,UP,UNKNOWN",
				// spring-data-redis is an optional dependency on the test class path
				"management.health.redis.enabled=false" })
class LlmActuatorTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private CircuitBreakerRegistry circuitBreakers;

	@Autowired
	private LlmRouter router;

	@Autowired
	private ActuatorTestApplication.Clients clients;

	@AfterEach
	void reset() {
		this.circuitBreakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
		this.clients.get("anthropic").failAlways(null, null);
	}

	@Test
	void healthIsUpWithEveryProviderInDetail() {
		okBody("/actuator/health/llm").jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.details.level")
			.isEqualTo("full")
			.jsonPath("$.details.providers.anthropic.state")
			.isEqualTo("CLOSED")
			.jsonPath("$.details.providers.anthropic.type")
			.isEqualTo("anthropic")
			.jsonPath("$.details.providers.anthropic.model")
			.isEqualTo("claude-sonnet-4-20250514")
			.jsonPath("$.details.providers.anthropic.tier")
			.isEqualTo("full")
			.jsonPath("$.details.providers.anthropic.failureRate")
			.exists()
			.jsonPath("$.details.providers.anthropic.notPermittedCalls")
			.isEqualTo(0)
			.jsonPath("$.details.providers.openai.tier")
			.isEqualTo("reduced");
	}

	@Test
	void openPrimaryBreakerIsDegradedButStillOk() {
		this.circuitBreakers.circuitBreaker("anthropic").transitionToForcedOpenState();
		okBody("/actuator/health/llm").jsonPath("$.status")
			.isEqualTo("DEGRADED")
			.jsonPath("$.details.level")
			.isEqualTo("reduced")
			.jsonPath("$.details.providers.anthropic.state")
			.isEqualTo("FORCED_OPEN");
		okBody("/actuator/health").jsonPath("$.status").isEqualTo("DEGRADED");
	}

	@Test
	void everyBreakerOpenLeavesTheCachedLevel() {
		this.circuitBreakers.circuitBreaker("anthropic").transitionToOpenState();
		this.circuitBreakers.circuitBreaker("openai").transitionToOpenState();
		okBody("/actuator/health/llm").jsonPath("$.status")
			.isEqualTo("DEGRADED")
			.jsonPath("$.details.level")
			.isEqualTo("cached")
			.jsonPath("$.details.providers.openai.state")
			.isEqualTo("OPEN");
	}

	@Test
	void openBreakerShowsWhenItLetsAProbeThrough() {
		Instant opened = Instant.now();
		this.circuitBreakers.circuitBreaker("openai").transitionToOpenState();
		this.circuitBreakers.circuitBreaker("anthropic").transitionToForcedOpenState();
		okBody("/actuator/health/llm").jsonPath("$.details.providers.openai.halfOpensAt")
			.value((String at) -> assertThat(Instant.parse(at)).isBetween(opened.plusSeconds(59),
					Instant.now().plusSeconds(60)))
			.jsonPath("$.details.providers.anthropic.halfOpensAt")
			.doesNotExist();
		okBody("/actuator/llm/openai").jsonPath("$.halfOpensAt")
			.value((String at) -> assertThat(Instant.parse(at)).isBetween(opened.plusSeconds(59),
					Instant.now().plusSeconds(60)));
		this.circuitBreakers.circuitBreaker("openai").transitionToHalfOpenState();
		okBody("/actuator/llm/openai").jsonPath("$.state")
			.isEqualTo("HALF_OPEN")
			.jsonPath("$.halfOpensAt")
			.doesNotExist();
	}

	@Test
	void endpointShowsAFailoverAfterAProviderFailure() {
		this.clients.get("anthropic").failWith(ErrorKind.SERVER_ERROR, 503);
		assertThat(this.router.call(ChatRequest.of("hello")).provider()).isEqualTo("openai");
		okBody("/actuator/llm").jsonPath("$.level")
			.isEqualTo("full")
			.jsonPath("$.providers[0].name")
			.isEqualTo("anthropic")
			.jsonPath("$.providers[0].lastError.kind")
			.isEqualTo("SERVER_ERROR")
			.jsonPath("$.events[?(@.type == 'FAILOVER' && @.provider == 'anthropic')].kind")
			.isEqualTo("SERVER_ERROR")
			.jsonPath("$.events[?(@.type == 'DEGRADED')].kind")
			.isEqualTo("REDUCED")
			.jsonPath("$.budget.decision")
			.isEqualTo("normal")
			.jsonPath("$.cache.size")
			.exists();
		okBody("/actuator/llm/openai").jsonPath("$.state").isEqualTo("CLOSED");
		this.client.get().uri("/actuator/llm/nobody").exchange().expectStatus().isNotFound();
	}

	@Test
	void writeOperationIsAbsentByDefault() {
		this.client.post()
			.uri("/actuator/llm/anthropic")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"state\":\"force-open\"}")
			.exchange()
			.expectStatus()
			.value((status) -> assertThat(status).isIn(404, 405));
		assertThat(this.circuitBreakers.circuitBreaker("anthropic").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void resilience4jEndpointListsEveryProvider() {
		okBody("/actuator/circuitbreakers").jsonPath("$.circuitBreakers.anthropic")
			.exists()
			.jsonPath("$.circuitBreakers.openai")
			.exists();
	}

	@Test
	void keysAppearNowhereInConfigpropsOrEnv() {
		for (String uri : new String[] { "/actuator/configprops", "/actuator/env" }) {
			String body = this.client.get()
				.uri(uri)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody();
			assertThat(body).contains("anthropic")
				.doesNotContain("sk-ant-very-secret-123456")
				.doesNotContain("sk-openai-from-env-654321");
		}
	}

	private WebTestClient.BodyContentSpec okBody(String uri) {
		return this.client.get().uri(uri).exchange().expectStatus().isOk().expectBody();
	}

}
