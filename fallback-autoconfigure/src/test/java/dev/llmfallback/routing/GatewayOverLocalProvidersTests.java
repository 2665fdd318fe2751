package dev.llmfallback.routing;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.llmfallback.ErrorKind;
import dev.llmfallback.gateway.GatewayApiKeys;
import dev.llmfallback.gateway.GatewayModel;
import dev.llmfallback.gateway.GatewayModels;
import dev.llmfallback.gateway.LlmGateway;
import dev.llmfallback.provider.ContractPayloads;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway in front of the real router, codecs and Resilience4j, with providers on
 * local HTTP servers.
 */
class GatewayOverLocalProvidersTests {

	private static final FallbackPolicy POLICY = new FallbackPolicy(Set.of(429, 500, 502, 503),
			Set.of(ErrorKind.TIMEOUT));

	private final LocalProviders providers = new LocalProviders(Duration.ofSeconds(10));

	private final WebTestClient client = WebTestClient.bindToRouterFunction(new LlmGateway(
			this.providers.router(LocalProviders.resilience(0, Duration.ofMillis(1)), POLICY, Duration.ofSeconds(30),
					null),
			new GatewayModels(List.of(new GatewayModel("claude-sonnet-4-20250514", "anthropic"),
					new GatewayModel("gpt-4o", "openai"))),
			new GatewayApiKeys(List.of()), new ObjectMapper(), Clock.systemUTC())
		.routes("")).configureClient().responseTimeout(Duration.ofSeconds(20)).build();

	@AfterEach
	void close() throws IOException {
		this.providers.close();
	}

	@Test
	void failoverIsReportedInHeadersAndTheAnsweringModelIsNamed() throws InterruptedException {
		anthropicAnswers503();
		this.providers.openai.enqueue(ContractPayloads.json("openai/examples/chat-completion.json"));
		answeredByOpenAiAfterOneFailure(
				post("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}]}"))
			.expectBody()
			.jsonPath("$.model")
			.isEqualTo("gpt-4o-2024-08-06")
			.jsonPath("$.choices[0].message.content")
			.value((text) -> assertThat((String) text).startsWith("I'm unable to provide real-time weather"))
			.jsonPath("$.usage.total_tokens")
			.isEqualTo(51);
		RecordedRequest sent = this.providers.openai.takeRequest(5, TimeUnit.SECONDS);
		assertThat(sent).isNotNull();
		assertThat(sent.getBody().readUtf8()).contains("\"Weather?\"");
	}

	@Test
	void modelNameSendsTheRequestToItsProviderFirst() {
		this.providers.openai.enqueue(ContractPayloads.json("openai/examples/chat-completion.json"));
		post("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("x-llm-provider", "openai")
			.expectHeader()
			.valueEquals("x-llm-attempts", "0");
		assertThat(this.providers.anthropic.getRequestCount()).isZero();
	}

	@Test
	void failoverOfAStreamIsReportedInItsHeaders() {
		anthropicAnswers503();
		this.providers.openai.enqueue(ContractPayloads.sse("openai/examples/chat-completion-stream-text.sse"));
		answeredByOpenAiAfterOneFailure(
				post("{\"model\":\"auto\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("\"content\":\"I'm\"").endsWith("data: [DONE]\n\n"));
	}

	@Test
	void streamFromARealCodecEndsWithDone() {
		this.providers.openai.enqueue(ContractPayloads.sse("openai/examples/chat-completion-stream-text.sse"));
		post("{\"model\":\"openai\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("x-llm-attempts", "0")
			.expectBody(String.class)
			.value((body) -> assertThat(body).startsWith("data: {")
				.contains("\"content\":\"I'm\"")
				.contains("\"finish_reason\":\"stop\"")
				.contains("\"model\":\"gpt-4o-2024-08-06\"")
				.endsWith("data: [DONE]\n\n"));
		assertThat(this.providers.anthropic.getRequestCount()).isZero();
	}

	@Test
	void overloadedProviderThatDoesNotFallBackIsA503() {
		// 529 is not among this policy's fallback statuses: the request ends there
		this.providers.anthropic.enqueue(new MockResponse().setResponseCode(529)
			.addHeader("Content-Type", "application/json")
			.setBody("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
		post("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectBody()
			.jsonPath("$.error.code")
			.isEqualTo("overloaded")
			.jsonPath("$.error.message")
			.isEqualTo("No provider could answer (OVERLOADED) after 1 failed attempt.");
		assertThat(this.providers.openai.getRequestCount()).isZero();
	}

	@Test
	void everyProviderFailingIsA502() {
		this.providers.anthropic.enqueue(new MockResponse().setResponseCode(503)
			.addHeader("Content-Type", "application/json")
			.setBody("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Down\"}}"));
		this.providers.openai.enqueue(new MockResponse().setResponseCode(500)
			.addHeader("Content-Type", "application/json")
			.setBody("{\"error\":{\"message\":\"down\",\"type\":\"server_error\",\"param\":null,\"code\":null}}"));
		post("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").expectStatus()
			.isEqualTo(HttpStatus.BAD_GATEWAY)
			.expectBody()
			.jsonPath("$.error.code")
			.isEqualTo("server_error")
			.jsonPath("$.error.message")
			.isEqualTo("No provider could answer (SERVER_ERROR) after 2 failed attempts.");
	}

	@Test
	void everyBreakerOpenIsA503ThatSaysWhenTheFirstOneHalfOpens() {
		this.providers.registries.circuitBreakers().circuitBreaker("anthropic").transitionToOpenState();
		this.providers.registries.circuitBreakers().circuitBreaker("openai").transitionToOpenState();
		post("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.valueEquals("x-should-retry", "true")
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "60")
			.expectHeader()
			.value("retry-after-ms", (millis) -> assertThat(Long.parseLong(millis)).isBetween(50_000L, 60_000L))
			.expectBody()
			.jsonPath("$.error.code")
			.isEqualTo("circuit_open");
		assertThat(this.providers.anthropic.getRequestCount()).isZero();
		assertThat(this.providers.openai.getRequestCount()).isZero();
	}

	@Test
	void aForcedToolStaysForcedAcrossAFailover() throws InterruptedException {
		anthropicAnswers503();
		this.providers.openai.enqueue(ContractPayloads.json("openai/examples/recorded/chat-completion-tool-call.json"));
		answeredByOpenAiAfterOneFailure(post("""
				{"model":"auto","messages":[{"role":"user","content":"Weather in San Francisco?"}],
				 "tools":[{"type":"function","function":{"name":"get_current_weather","parameters":{"type":"object"}}}],
				 "tool_choice":{"type":"function","function":{"name":"get_current_weather"}}}""")).expectBody()
			.jsonPath("$.choices[0].finish_reason")
			.isEqualTo("tool_calls");
		RecordedRequest anthropic = this.providers.anthropic.takeRequest(5, TimeUnit.SECONDS);
		RecordedRequest openai = this.providers.openai.takeRequest(5, TimeUnit.SECONDS);
		assertThat(anthropic).isNotNull();
		assertThat(openai).isNotNull();
		assertThat(anthropic.getBody().readUtf8())
			.contains("\"tool_choice\":{\"type\":\"tool\",\"name\":\"get_current_weather\"}");
		assertThat(openai.getBody().readUtf8())
			.contains("\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_current_weather\"}}");
	}

	@Test
	void aCostCapNoProviderFitsIsA400ThatSaysNotToRetry() {
		// both models have built-in prices, above nothing
		this.client.post()
			.uri("/v1/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.header("x-llm-max-cost", "0")
			.bodyValue("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.valueEquals("x-should-retry", "false")
			.expectBody()
			.jsonPath("$.error.type")
			.isEqualTo("invalid_request_error")
			.jsonPath("$.error.param")
			.isEqualTo("x-llm-max-cost")
			.jsonPath("$.error.code")
			.isEqualTo("cost_cap");
		assertThat(this.providers.anthropic.getRequestCount() + this.providers.openai.getRequestCount()).isZero();
	}

	private void anthropicAnswers503() {
		this.providers.anthropic.enqueue(new MockResponse().setResponseCode(503)
			.addHeader("Content-Type", "application/json")
			.setBody("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Simulated\"}}"));
	}

	/**
	 * An OK answer from openai at the full level, with the one failed attempt before it
	 * in its headers.
	 */
	private static WebTestClient.ResponseSpec answeredByOpenAiAfterOneFailure(WebTestClient.ResponseSpec response) {
		return response.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("x-llm-provider", "openai")
			.expectHeader()
			.valueEquals("x-llm-attempts", "1")
			.expectHeader()
			.valueEquals("x-llm-level", "full");
	}

	private WebTestClient.ResponseSpec post(String body) {
		return this.client.post()
			.uri("/v1/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

}
