package dev.llmfallback.provider.anthropic;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.LlmException;
import dev.llmfallback.Message;
import dev.llmfallback.ResponseFormat;
import dev.llmfallback.ToolCall;
import dev.llmfallback.provider.ContractPayloads;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client sends what the official SDK sent in the recordings, for the equivalent
 * {@link ChatRequest}.
 */
class AnthropicRecordedRequestTests {

	private static final String JOKE = "Tell me a joke about OpenTelemetry";

	private static final String STRAWBERRY = "How many times does the letter 'r' appear in the word strawberry?";

	private static final String SAN_FRANCISCO = "What is the weather and current time in San Francisco?";

	private final AnthropicTestServer server = new AnthropicTestServer();

	@AfterEach
	void close() {
		this.server.close();
	}

	static Stream<Arguments> recordings() {
		ChatRequest afterToolResult = ChatRequest.builder()
			.user(SAN_FRANCISCO)
			.message(Message.assistant("I'll help you get the weather and current time in San Francisco.",
					// signed as a Gemini model signs its calls: Anthropic is not sent the
					// signature
					List.of(new ToolCall("call_1", "get_weather", "{\"location\": \"San Francisco, CA\"}",
							"c2lnbmF0dXJl"))))
			.message(Message.toolResult("call_1", "get_weather", "Sunny and 65 degrees Fahrenheit"))
			.tools(List.of(RecordedRequests.weatherTool(), RecordedRequests.timeTool()))
			.maxTokens(1024)
			.build();
		return Stream.of(
				Arguments.of("recorded/messages.request.json", "claude-3-opus-20240229", false,
						ChatRequest.builder().user(JOKE).maxTokens(1024).build()),
				Arguments.of("recorded/messages-tool-use.request.json", "claude-3-5-sonnet-20240620", false,
						ChatRequest.builder()
							.user("What is the weather like right now in New York? Also what time is it there now?")
							.tools(List.of(RecordedRequests.weatherTool(), RecordedRequests.timeTool()))
							.maxTokens(1024)
							.build()),
				Arguments.of("recorded/messages-after-tool-result.request.json", "claude-3-5-haiku-20241022", false,
						afterToolResult),
				Arguments.of("recorded/messages-thinking.request.json", "claude-3-7-sonnet-20250219", false,
						ChatRequest.builder().user(STRAWBERRY).maxTokens(2048).build()),
				Arguments.of("recorded/messages-stream.request.json", "claude-3-haiku-20240307", true,
						ChatRequest.builder().user(JOKE).maxTokens(1024).build()),
				Arguments.of("recorded/messages-stream-tool-use.request.json", "claude-3-5-sonnet-20240620", true,
						ChatRequest.builder()
							.user(SAN_FRANCISCO)
							.tools(List.of(RecordedRequests.weatherTool(), RecordedRequests.timeTool()))
							.maxTokens(1024)
							.build()),
				Arguments.of("recorded/messages-stream-thinking.request.json", "claude-3-7-sonnet-20250219", true,
						ChatRequest.builder().user(STRAWBERRY).maxTokens(2048).build()),
				Arguments.of("recorded/messages-stream-structured-output.request.json", "claude-sonnet-4-5", true,
						ChatRequest.builder()
							.user("Extract order IDs from the following text:\n\nOrder 12345\nOrder 67890")
							.maxTokens(1024)
							.responseFormat(ResponseFormat.jsonSchema("order_ids",
									Map.of("type", "array", "items", Map.of("type", "integer"))))
							.build()),
				Arguments.of("recorded/error-400-invalid-request.request.json", "claude-opus-4-6", false,
						ChatRequest.of("What is 2+2?")),
				Arguments.of("recorded/error-404-not-found.request.json", "claude-does-not-exist", false,
						ChatRequest.of("hello")));
	}

	@Test
	void everyRecordedRequestIsCompared() {
		assertThat(recordings().map((arguments) -> (String) arguments.get()[0]))
			.containsExactlyInAnyOrderElementsOf(AnthropicContractFiles.REQUESTS);
	}

	@ParameterizedTest
	@MethodSource("recordings")
	void sendsWhatTheSdkSent(String file, String model, boolean streaming, ChatRequest chatRequest) throws Exception {
		AnthropicClient client = this.server.client(AnthropicTestServer.withModel(this.server.settings(), model));
		if (streaming) {
			this.server.server().enqueue(ContractPayloads.sse(AnthropicTestServer.DIR + "messages-stream-text.sse"));
			assertThat(client.stream(chatRequest).collectList().block()).isNotEmpty();
		}
		else {
			this.server.server().enqueue(answerFor(file));
			// the recorded error exchanges are classified in AnthropicHttpErrorTests
			client.chat(chatRequest).onErrorResume(LlmException.class, (ex) -> Mono.empty()).block();
		}
		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getPath()).isEqualTo("/v1/messages");
		JsonNode recorded = this.server.objectMapper().readTree(ContractPayloads.read(AnthropicTestServer.DIR + file));
		RecordedRequests.assertSameFields(recorded, request.getBody().readUtf8());
	}

	private static MockResponse answerFor(String file) {
		if (file.startsWith("recorded/error-")) {
			return ContractPayloads
				.httpResponse(AnthropicTestServer.DIR + file.replace(".request.json", ".response.http"));
		}
		return ContractPayloads.json(AnthropicTestServer.DIR + "recorded/messages.json");
	}

}
