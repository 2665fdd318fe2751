package dev.llmfallback.routing;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.llmfallback.Attempt;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.FinishReason;
import dev.llmfallback.ResponseFormat;
import dev.llmfallback.provider.ContractPayloads;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request for JSON reaches every provider in its own words, and an answer that is not
 * JSON is a malformed one the router falls back from, over real HTTP to local servers.
 */
class StructuredOutputRoutingTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Map<String, Object> WEATHER = Map.of("type", "object", "properties",
			Map.of("city", Map.of("type", "string"), "temperature", Map.of("type", "number")), "required",
			List.of("city", "temperature"), "additionalProperties", false);

	private final LocalProviders providers = new LocalProviders(Duration.ofSeconds(5));

	private final FailoverRouter router = this.providers.router(LocalProviders.resilience(0, Duration.ofMillis(1)),
			new FallbackPolicy(Set.of(429, 500, 502, 503), Set.of(ErrorKind.MALFORMED_RESPONSE)),
			Duration.ofSeconds(30), null);

	@AfterEach
	void close() throws IOException {
		this.providers.close();
	}

	@Test
	void anAnswerThatIsNotJsonFallsBackToAProviderThatKeepsTheFormat() throws Exception {
		// Anthropic's recorded answer is a joke, not JSON
		this.providers.anthropic.enqueue(ContractPayloads.json("anthropic/examples/recorded/messages.json"));
		this.providers.openai.enqueue(ContractPayloads.json("openai/examples/chat-completion-structured-output.json"));
		ChatResponse response = this.router
			.chat(ChatRequest.builder()
				.user("Weather in San Francisco?")
				.responseFormat(ResponseFormat.strictJsonSchema("weather", WEATHER))
				.build())
			.block(Duration.ofSeconds(10));
		assertThat(response.provider()).isEqualTo("openai");
		assertThat(JSON.readTree(response.text()).path("city").asText()).isEqualTo("San Francisco");
		assertThat(response.attempts()).singleElement()
			.extracting(Attempt::provider, Attempt::kind)
			.containsExactly("anthropic", ErrorKind.MALFORMED_RESPONSE);
		assertThat(response.attempts().get(0).detail()).contains("JSON_SCHEMA").doesNotContain("joke");
		JsonNode anthropicFormat = body(this.providers.anthropic.takeRequest(5, TimeUnit.SECONDS))
			.at("/output_config/format");
		assertThat(anthropicFormat.path("type").asText()).isEqualTo("json_schema");
		assertThat(JSON.convertValue(anthropicFormat.path("schema"), Map.class)).isEqualTo(WEATHER);
		JsonNode openAiFormat = body(this.providers.openai.takeRequest(5, TimeUnit.SECONDS)).path("response_format");
		assertThat(openAiFormat.at("/json_schema/name").asText()).isEqualTo("weather");
		assertThat(JSON.convertValue(openAiFormat.at("/json_schema/schema"), Map.class)).isEqualTo(WEATHER);
	}

	@Test
	void anAnswerCutShortByItsLimitIsLeftForTheCallerToSee() {
		this.providers.anthropic.enqueue(ContractPayloads.json("anthropic/examples/recorded/messages.json"));
		this.providers.openai.enqueue(ContractPayloads.json("openai/examples/chat-completion-finish-length.json"));
		ChatResponse response = this.router
			.chat(ChatRequest.builder().user("Weather?").responseFormat(ResponseFormat.json()).build())
			.block(Duration.ofSeconds(10));
		assertThat(response.provider()).isEqualTo("openai");
		assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
		assertThat(response.attempts()).extracting(Attempt::kind).containsExactly(ErrorKind.MALFORMED_RESPONSE);
	}

	@Test
	void withoutAFormatAnyTextIsAnAnswer() {
		this.providers.anthropic.enqueue(ContractPayloads.json("anthropic/examples/recorded/messages.json"));
		ChatResponse response = this.router.chat(ChatRequest.of("Tell me a joke")).block(Duration.ofSeconds(10));
		assertThat(response.provider()).isEqualTo("anthropic");
		assertThat(response.attempts()).isEmpty();
	}

	private static JsonNode body(RecordedRequest request) throws IOException {
		assertThat(request).isNotNull();
		return JSON.readTree(request.getBody().readUtf8());
	}

}
