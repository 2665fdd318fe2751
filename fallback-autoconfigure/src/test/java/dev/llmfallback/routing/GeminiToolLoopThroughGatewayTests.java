package dev.llmfallback.routing;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.llmfallback.gateway.GatewayApiKeys;
import dev.llmfallback.gateway.GatewayModels;
import dev.llmfallback.gateway.LlmGateway;
import dev.llmfallback.provider.ContractPayloads;
import dev.llmfallback.provider.DefaultProviderClientFactory;
import dev.llmfallback.provider.ProviderType;
import dev.llmfallback.provider.ProviderWebClients;
import dev.llmfallback.resilience.ProviderResilienceFactory;
import dev.llmfallback.resilience.Resilience4jProperties;
import dev.llmfallback.resilience.ResilienceRegistries;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tool loop of an OpenAI client through the gateway, answered by Gemini on a local
 * server: the recorded function call's thought signature reaches the client in the call's
 * id and Gemini again in the next request.
 */
class GeminiToolLoopThroughGatewayTests {

	private static final String RECORDED = "gemini/examples/recorded/";

	private final MockWebServer gemini = new MockWebServer();

	private final ProviderWebClients webClients = new ProviderWebClients(WebClient.builder(), List.of());

	@AfterEach
	void close() throws IOException {
		this.webClients.close();
		this.gemini.shutdown();
	}

	@Test
	void thoughtSignatureGoesToTheClientAndBackToGemini() throws Exception {
		this.gemini.enqueue(ContractPayloads.json(RECORDED + "generate-content-function-call.json"));
		this.gemini.enqueue(ContractPayloads.json(RECORDED + "generate-content-after-function-response.json"));
		WebTestClient client = gateway();

		JsonNode call = post(client, "{\"model\":\"auto\",\"messages\":[" + question() + "]}")
			.at("/choices/0/message/tool_calls/0");
		String id = call.get("id").asText();
		post(client,
				"{\"model\":\"auto\",\"messages\":[" + question() + ",{\"role\":\"assistant\",\"tool_calls\":[" + call
						+ "]},{\"role\":\"tool\",\"tool_call_id\":\"" + id
						+ "\",\"content\":\"{\\\"return_value\\\":\\\"Paris\\\"}\"}]}");

		String signature = new ObjectMapper()
			.readTree(ContractPayloads.read(RECORDED + "generate-content-function-call.json"))
			.at("/candidates/0/content/parts/0/thoughtSignature")
			.asText();
		assertThat(id).isEqualTo("call_0__thought__" + signature);
		this.gemini.takeRequest();
		JsonNode sent = new ObjectMapper().readTree(this.gemini.takeRequest().getBody().readUtf8());
		assertThat(sent.at("/contents/1/parts/0/functionCall/id").asText()).isEqualTo("call_0");
		assertThat(sent.at("/contents/1/parts/0/thoughtSignature").asText()).isEqualTo(signature);
		assertThat(sent.at("/contents/2/parts/0/functionResponse/id").asText()).isEqualTo("call_0");
		assertThat(sent.at("/contents/2/parts/0/functionResponse/name").asText()).isEqualTo("get_capital");
	}

	private WebTestClient gateway() {
		var settings = ContractPayloads.settings(ProviderType.GOOGLE, this.gemini, "gemini-3-pro-preview");
		var resilience = new ProviderResilienceFactory(ResilienceRegistries.ofDefaults(), Resilience4jProperties.none(),
				LocalProviders.resilience(0, Duration.ofMillis(1)));
		var provider = resilience
			.create(new DefaultProviderClientFactory(this.webClients, new ObjectMapper()).create(settings));
		FailoverRouter router = new FailoverRouter(List.of(provider),
				new RoutingSettings(new FallbackPolicy(Set.of(503), Set.of()), Duration.ofSeconds(10), null));
		return WebTestClient
			.bindToRouterFunction(new LlmGateway(router, new GatewayModels(List.of()), new GatewayApiKeys(List.of()),
					new ObjectMapper(), Clock.systemUTC())
				.routes(""))
			.build();
	}

	private static String question() {
		return "{\"role\":\"user\",\"content\":\"What is the capital of France?\"}";
	}

	private static JsonNode post(WebTestClient client, String body) {
		return client.post()
			.uri("/v1/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

}
