package dev.llmfallback.provider.gemini;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.Message;
import dev.llmfallback.ToolCall;
import dev.llmfallback.provider.ContractPayloads;
import dev.llmfallback.provider.ProviderType;

import static dev.llmfallback.provider.gemini.GeminiTestSupport.BASE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the thought signatures Gemini attaches to function calls: read into the tool
 * calls, sent back with them, and supplied for calls no Gemini model signed where the
 * model requires one.
 */
class GeminiThoughtSignatureTests {

	private static final String FUNCTION_CALL = BASE + "recorded/generate-content-function-call.json";

	private final MockWebServer server = new MockWebServer();

	private final GeminiTestSupport support = new GeminiTestSupport();

	@BeforeEach
	void start() throws Exception {
		this.server.start();
	}

	@AfterEach
	void stop() throws Exception {
		this.support.close();
		this.server.shutdown();
	}

	@Test
	void functionCallKeepsItsSignature() {
		this.server.enqueue(ContractPayloads.json(FUNCTION_CALL));
		ChatResponse response = this.support.client(this.server).chat(ChatRequest.of("Capital?")).block();
		assertThat(response.toolCalls()).singleElement().extracting(ToolCall::signature).isEqualTo(recordedSignature());
	}

	@Test
	void streamedFunctionCallKeepsItsSignature() {
		this.server.enqueue(GeminiTestSupport.sseEvents(GeminiTestSupport.compact(FUNCTION_CALL)));
		ChatResponse response = ChatResponse
			.fromChunks(this.support.client(this.server).stream(ChatRequest.of("Capital?")).collectList().block());
		assertThat(response.toolCalls()).singleElement().extracting(ToolCall::signature).isEqualTo(recordedSignature());
	}

	@Test
	void callPassedBackIsSentWithItsSignature() throws Exception {
		this.server.enqueue(ContractPayloads.json(FUNCTION_CALL));
		this.server.enqueue(ContractPayloads.json(BASE + "recorded/generate-content-after-function-response.json"));
		GeminiClient client = this.support.client(this.server);
		ChatRequest question = ChatRequest.of("What is the capital of France?");
		ChatResponse call = client.chat(question).block();
		ToolCall toolCall = call.toolCalls().get(0);
		client
			.chat(question.toBuilder()
				.message(Message.assistant(call.text(), call.toolCalls()))
				.message(Message.toolResult(toolCall.id(), toolCall.name(), "{\"return_value\":\"Paris\"}"))
				.build())
			.block();
		this.server.takeRequest();
		JsonNode sent = GeminiTestSupport.body(this.server.takeRequest());
		assertThat(sent.at("/contents/1/parts/0/functionCall/name").asText()).isEqualTo("get_capital");
		assertThat(sent.at("/contents/1/parts/0/thoughtSignature").asText()).isEqualTo(recordedSignature());
	}

	@ParameterizedTest
	@CsvSource({ "gemini-3-pro-preview, true", "gemini-3.1-flash, true", "models/gemini-3-flash, true",
			"gemini-10-ultra, true", "gemini-2.5-flash, false", "gemini-2.0-flash, false", "gemini-exp-1206, false",
			"tunedModels/my-model, false" })
	void unsignedCallsGetTheDocumentedSignatureOnlyWhereTheModelRequiresOne(String model, boolean required)
			throws Exception {
		ChatRequest request = ChatRequest.builder()
			.user("Weather in Paris and Rome?")
			.message(Message.assistant("",
					List.of(new ToolCall("c1", "weather", "{\"city\":\"Paris\"}"),
							new ToolCall("c2", "weather", "{\"city\":\"Rome\"}"))))
			.message(Message.toolResult("c1", "weather", "{\"celsius\":21}"))
			.message(Message.toolResult("c2", "weather", "{\"celsius\":25}"))
			.message(Message.assistant("",
					List.of(new ToolCall("c3", "weather", "{\"city\":\"Oslo\"}", "c2lnbmVkLWJ5LWdlbWluaQ=="))))
			.message(Message.toolResult("c3", "weather", "{\"celsius\":3}"))
			.build();
		this.server.enqueue(ContractPayloads.json(BASE + "recorded/generate-content-after-function-response.json"));
		this.support.client(ContractPayloads.settings(ProviderType.GOOGLE, this.server, model)).chat(request).block();
		JsonNode sent = GeminiTestSupport.body(this.server.takeRequest());
		JsonNode parallel = sent.at("/contents/1/parts");
		assertThat(parallel).hasSize(2);
		assertThat(parallel.get(0).path("thoughtSignature").isMissingNode()).isEqualTo(!required);
		if (required) {
			assertThat(parallel.get(0).path("thoughtSignature").asText()).isEqualTo(GeminiRequests.UNSIGNED);
		}
		assertThat(parallel.get(1).has("thoughtSignature")).isFalse();
		assertThat(sent.at("/contents/3/parts/0/thoughtSignature").asText()).isEqualTo("c2lnbmVkLWJ5LWdlbWluaQ==");
	}

	private static String recordedSignature() {
		String signature = GeminiTestSupport.json(ContractPayloads.read(FUNCTION_CALL))
			.at("/candidates/0/content/parts/0/thoughtSignature")
			.asText();
		assertThat(signature).isNotEmpty();
		return signature;
	}

}
