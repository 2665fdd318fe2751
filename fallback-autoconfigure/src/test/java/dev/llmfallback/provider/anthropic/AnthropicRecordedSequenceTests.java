package dev.llmfallback.provider.anthropic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.FinishReason;
import dev.llmfallback.LlmException;
import dev.llmfallback.ResponseFormat;
import dev.llmfallback.Usage;
import dev.llmfallback.provider.ContractPayloads;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SDK recordings of several exchanges, served in order. The client does not retry
 * (Resilience4j does, around it): each call gets the next recorded response.
 */
@ExtendWith(OutputCaptureExtension.class)
class AnthropicRecordedSequenceTests {

	private static final Set<String> FRAMING_HEADERS = Set.of("content-length", "connection", "transfer-encoding",
			"content-encoding");

	private final AnthropicTestServer server = new AnthropicTestServer();

	@AfterEach
	void close(CapturedOutput output) {
		this.server.close();
		assertThat(output.getAll()).doesNotContain(ContractPayloads.API_KEY);
	}

	@Test
	void twoRateLimitsThenAnAnswer() throws Exception {
		List<JsonNode> exchanges = serve("recorded/sdk-retry-429-429-then-message.json");
		ChatRequest request = ChatRequest.builder()
			.user("Extract order: 2 Green Tea at $5.50 and 1 Coffee at $3.00. Total $14.")
			.maxTokens(1024)
			.responseFormat(ResponseFormat.jsonSchema("OrderDetails", recordedSchema(exchanges)))
			.build();
		AnthropicClient client = client("claude-sonnet-4-5");
		for (int i = 0; i < 2; i++) {
			LlmException ex = Failures.failure(client.chat(request));
			assertRateLimited(ex, exchanges.get(i));
		}
		ChatResponse response = client.chat(request).block();
		assertThat(response.text()).startsWith("{\"items\":[{\"product_name\":\"Green Tea\"");
		assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
		assertThat(response.model()).isEqualTo("claude-sonnet-4-5-20250929");
		assertSentAsRecorded(exchanges);
	}

	@Test
	void twoRateLimitsThenAStream() throws Exception {
		List<JsonNode> exchanges = serve("recorded/sdk-retry-429-429-then-stream.json");
		ChatRequest request = ChatRequest.builder()
			.user("Extract order IDs from the following text:\n\nOrder 12345\nOrder 67890")
			.maxTokens(1024)
			.responseFormat(ResponseFormat.jsonSchema("order_ids", recordedSchema(exchanges)))
			.build();
		AnthropicClient client = client("claude-sonnet-4-5");
		for (int i = 0; i < 2; i++) {
			LlmException ex = Failures.failure(client.stream(request).then());
			assertRateLimited(ex, exchanges.get(i));
		}
		List<ChatChunk> chunks = client.stream(request).collectList().block();
		ChatResponse response = ChatResponse.fromChunks(chunks);
		assertThat(response.text()).isEqualTo("[12345,67890]");
		assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
		assertThat(response.usage()).isEqualTo(new Usage(135, 10, 0));
		assertSentAsRecorded(exchanges);
	}

	@Test
	void structuredOutputAnswer() throws Exception {
		List<JsonNode> exchanges = serve("recorded/sdk-message-structured-output.json");
		ChatRequest request = ChatRequest.builder()
			.user("Extract: I want to order 2 Green Tea at $5.50 each")
			.maxTokens(1024)
			.responseFormat(ResponseFormat.jsonSchema("OrderItem", recordedSchema(exchanges)))
			.build();
		ChatResponse response = client("claude-sonnet-4-5").chat(request).block();
		assertThat(response.text()).isEqualTo("{\"product_name\": \"Green Tea\", \"price\": 5.50, \"quantity\": 2}");
		assertThat(response.usage()).isEqualTo(new Usage(249, 26, 0));
		assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
		assertSentAsRecorded(exchanges);
	}

	private static void assertRateLimited(LlmException ex, JsonNode exchange) {
		assertThat(exchange.at("/response/status_code").asInt()).isEqualTo(429);
		assertThat(ex.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
		assertThat(ex.status()).isEqualTo(429);
		// the recorder kept no retry-after or reset header, only x-should-retry
		assertThat(ex.retryAfter()).isNull();
		assertThat(ex.detail())
			.startsWith("rate_limit_error (request-id " + exchange.at("/response/body/request_id").asText() + ")");
	}

	/**
	 * The schema the SDK wrote for the recording's pydantic model, which the client is to
	 * send as the SDK did.
	 */
	@SuppressWarnings("unchecked")
	private Map<String, Object> recordedSchema(List<JsonNode> exchanges) {
		return this.server.objectMapper()
			.convertValue(exchanges.get(0).at("/request/body/output_config/format/schema"), Map.class);
	}

	private AnthropicClient client(String model) {
		return this.server.client(AnthropicTestServer.withModel(this.server.settings(), model));
	}

	private List<JsonNode> serve(String file) throws Exception {
		JsonNode recording = this.server.objectMapper().readTree(ContractPayloads.read(AnthropicTestServer.DIR + file));
		List<JsonNode> exchanges = new ArrayList<>();
		recording.forEach(exchanges::add);
		for (JsonNode exchange : exchanges) {
			JsonNode response = exchange.get("response");
			MockResponse mock = new MockResponse().setResponseCode(response.get("status_code").asInt());
			for (Map.Entry<String, JsonNode> header : response.get("headers").properties()) {
				if (!FRAMING_HEADERS.contains(header.getKey().toLowerCase())) {
					mock.addHeader(header.getKey(), header.getValue().asText());
				}
			}
			JsonNode body = response.get("body");
			mock.setBody(body.isTextual() ? body.asText() : body.toString());
			this.server.server().enqueue(mock);
		}
		return exchanges;
	}

	private void assertSentAsRecorded(List<JsonNode> exchanges) throws Exception {
		assertThat(this.server.server().getRequestCount()).isEqualTo(exchanges.size());
		for (JsonNode exchange : exchanges) {
			RecordedRequest sent = this.server.takeRequest();
			assertThat(sent.getMethod()).isEqualTo(exchange.at("/request/method").asText());
			assertThat(exchange.at("/request/url").asText()).endsWith(sent.getPath());
			assertThat(sent.getHeader("anthropic-version"))
				.isEqualTo(exchange.at("/request/headers/anthropic-version").asText());
			RecordedRequests.assertSameFields(exchange.at("/request/body"), sent.getBody().readUtf8());
		}
	}

}
