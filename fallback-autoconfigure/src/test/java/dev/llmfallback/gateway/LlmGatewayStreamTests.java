package dev.llmfallback.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.DegradationLevel;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.FinishReason;
import dev.llmfallback.LlmException;
import dev.llmfallback.ToolCallDelta;
import dev.llmfallback.Usage;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

class LlmGatewayStreamTests {

	private static final String USER = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

	private final ObjectMapper objectMapper = new ObjectMapper();

	private final RecordingRouter router = new RecordingRouter();

	private final WebTestClient client = this.router.client();

	@Test
	void streamIsSentAsDataEventsEndingWithDone() throws Exception {
		String body = stream("{\"model\":\"auto\",\"stream\":true," + USER + "}", HttpStatus.OK);
		assertThat(body).endsWith("data: [DONE]\n\n");
		List<String> events = events(body);
		assertThat(events).hasSize(5).last().isEqualTo("[DONE]");
		List<JsonNode> chunks = json(events.subList(0, 4));
		assertThat(chunks).allSatisfy((chunk) -> {
			assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
			assertThat(chunk.get("id").asText()).isEqualTo(chunks.get(0).get("id").asText()).startsWith("chatcmpl-");
			assertThat(chunk.get("model").asText()).isEqualTo("gpt-4o-2024-08-06");
			assertThat(chunk.get("created").asLong()).isEqualTo(1_750_000_000L);
			assertThat(chunk.has("usage")).isFalse();
		});
		assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
		assertThat(chunks.get(1).at("/choices/0/delta").has("role")).isFalse();
		assertThat(chunks.subList(0, 3)).extracting((chunk) -> chunk.at("/choices/0/delta/content").asText())
			.containsExactly("answer", " from", " openai");
		assertThat(chunks.subList(0, 3))
			.allSatisfy((chunk) -> assertThat(chunk.at("/choices/0").get("finish_reason").isNull()).isTrue());
		assertThat(chunks.get(3).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
		assertThat(chunks.get(3).at("/choices/0/delta").isEmpty()).isTrue();
	}

	@Test
	void includeUsageAddsAUsageChunkBeforeDone() throws Exception {
		String body = stream(
				"{\"model\":\"auto\",\"stream\":true,\"stream_options\":{\"include_usage\":true}," + USER + "}",
				HttpStatus.OK);
		List<String> events = events(body);
		assertThat(events).hasSize(6).last().isEqualTo("[DONE]");
		JsonNode usage = this.objectMapper.readTree(events.get(4));
		assertThat(usage.get("choices")).isEmpty();
		assertThat(usage.at("/usage/prompt_tokens").asLong()).isEqualTo(12);
		assertThat(usage.at("/usage/completion_tokens").asLong()).isEqualTo(3);
		assertThat(usage.at("/usage/total_tokens").asLong()).isEqualTo(15);
	}

	@Test
	void streamHeadersNameTheProviderAndLevel() {
		this.client.post()
			.uri("/v1/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"model\":\"auto\",\"stream\":true," + USER + "}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
			.expectHeader()
			.valueEquals("x-llm-provider", "openai")
			.expectHeader()
			.valueEquals("x-llm-level", "full");
	}

	@Test
	void toolCallDeltasAreStreamedAsOpenAiToolCallDeltas() throws Exception {
		this.router.streaming((request) -> Flux
			.just(ChatChunk.ofToolCall(new ToolCallDelta(0, "call_1", "get_weather", "")),
					ChatChunk.ofToolCall(new ToolCallDelta(0, null, null, "{\"city\":")),
					ChatChunk.ofToolCall(new ToolCallDelta(0, null, null, "\"Oslo\"}")),
					ChatChunk.ofFinish(FinishReason.TOOL_CALLS, Usage.of(5, 5)))
			.map((chunk) -> chunk.withSource("anthropic", "claude-sonnet-4")));
		List<JsonNode> chunks = json(events(stream(
				"{\"model\":\"anthropic\",\"stream\":true," + USER
						+ ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}]}",
				HttpStatus.OK))
			.stream()
			.filter((event) -> !event.equals("[DONE]"))
			.toList());
		assertThat(chunks).hasSize(4);
		JsonNode opening = chunks.get(0).at("/choices/0/delta/tool_calls/0");
		assertThat(opening.get("index").asInt()).isZero();
		assertThat(opening.get("id").asText()).isEqualTo("call_1");
		assertThat(opening.get("type").asText()).isEqualTo("function");
		assertThat(opening.at("/function/name").asText()).isEqualTo("get_weather");
		assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
		assertThat(chunks.get(1).at("/choices/0/delta/tool_calls/0").has("id")).isFalse();
		assertThat(chunks.subList(0, 3))
			.extracting((chunk) -> chunk.at("/choices/0/delta/tool_calls/0/function/arguments").asText())
			.containsExactly("", "{\"city\":", "\"Oslo\"}");
		assertThat(chunks.get(3).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
		assertThat(chunks.get(0).get("model").asText()).isEqualTo("claude-sonnet-4");
	}

	@Test
	void signedToolCallDeltaCarriesItsSignatureInItsId() throws Exception {
		this.router.streaming((request) -> Flux
			.just(ChatChunk.ofToolCall(new ToolCallDelta(0, "call_0", "get_weather", "{}", "c2lnbmF0dXJl")),
					ChatChunk.ofFinish(FinishReason.TOOL_CALLS, Usage.of(5, 5)))
			.map((chunk) -> chunk.withSource("google", "gemini-3-pro-preview")));
		List<JsonNode> chunks = json(
				events(stream("{\"model\":\"auto\",\"stream\":true," + USER + "}", HttpStatus.OK)).stream()
					.filter((event) -> !event.equals("[DONE]"))
					.toList());
		assertThat(chunks.get(0).at("/choices/0/delta/tool_calls/0/id").asText())
			.isEqualTo("call_0__thought__c2lnbmF0dXJl");
	}

	@Test
	void failureBeforeTheFirstChunkIsAnHttpError() {
		this.router.streaming((request) -> Flux.error(LlmException.allFailed(
				List.of(new dev.llmfallback.Attempt("openai", "gpt-4o", ErrorKind.RATE_LIMITED, 429, Duration.ZERO,
						"")),
				new LlmException(ErrorKind.RATE_LIMITED, "openai", 429, null, "rate_limit_exceeded", null))));
		this.client.post()
			.uri("/v1/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"model\":\"auto\",\"stream\":true," + USER + "}")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody()
			.jsonPath("$.error.type")
			.isEqualTo("server_error")
			.jsonPath("$.error.code")
			.isEqualTo("rate_limited")
			.jsonPath("$.error.message")
			.isEqualTo("No provider could answer (RATE_LIMITED) after 1 failed attempt.");
	}

	@Test
	void failureAfterTheFirstChunkEndsTheStreamWithAnErrorEvent() throws Exception {
		this.router.streaming((request) -> Flux
			.just(ChatChunk.ofText("partial").withSource("openai", "gpt-4o").withLevel(DegradationLevel.FULL))
			.concatWith(Flux.error(new LlmException(ErrorKind.TIMEOUT, "openai", null, null, "idle", null)
				.afterPartialAnswer(List.of(), "partial"))));
		List<String> events = events(stream("{\"model\":\"auto\",\"stream\":true," + USER + "}", HttpStatus.OK));
		assertThat(events).hasSize(2).doesNotContain("[DONE]");
		assertThat(this.objectMapper.readTree(events.get(0)).at("/choices/0/delta/content").asText())
			.isEqualTo("partial");
		JsonNode error = this.objectMapper.readTree(events.get(1)).get("error");
		assertThat(error.get("code").asText()).isEqualTo("timeout");
		assertThat(error.get("type").asText()).isEqualTo("server_error");
		assertThat(error.has("param")).isTrue();
	}

	@Test
	void emptyStreamStillEndsWithDone() {
		this.router.streaming((request) -> Flux.empty());
		assertThat(stream("{\"model\":\"auto\",\"stream\":true," + USER + "}", HttpStatus.OK))
			.isEqualTo("data: [DONE]\n\n");
	}

	@Test
	void chunksReachTheClientAsTheyArrive() {
		this.router.streaming((request) -> Flux.interval(Duration.ofMillis(50))
			.take(3)
			.map((i) -> ChatChunk.ofText("t" + i).withSource("openai", "gpt-4o")));
		FluxExchangeResult<String> result = this.client.post()
			.uri("/v1/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"model\":\"auto\",\"stream\":true," + USER + "}")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class);
		StepVerifier.create(result.getResponseBody())
			.assertNext((data) -> assertThat(data).contains("\"content\":\"t0\""))
			.assertNext((data) -> assertThat(data).contains("\"content\":\"t1\""))
			.assertNext((data) -> assertThat(data).contains("\"content\":\"t2\""))
			.expectNext("[DONE]")
			.expectComplete()
			.verify(Duration.ofSeconds(5));
	}

	private String stream(String body, HttpStatus status) {
		byte[] bytes = this.client.post()
			.uri("/v1/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		return new String((bytes != null) ? bytes : new byte[0], StandardCharsets.UTF_8);
	}

	private static List<String> events(String body) {
		return Arrays.stream(body.split("\n\n")).map((event) -> {
			assertThat(event).startsWith("data: ");
			return event.substring("data: ".length());
		}).toList();
	}

	private List<JsonNode> json(List<String> events) throws Exception {
		List<JsonNode> nodes = new java.util.ArrayList<>();
		for (String event : events) {
			nodes.add(this.objectMapper.readTree(event));
		}
		return nodes;
	}

}
