package dev.llmfallback.provider.gemini;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.llmfallback.ChatResponse;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.ToolCall;
import dev.llmfallback.Usage;
import dev.llmfallback.provider.ProviderHttp;
import dev.llmfallback.provider.ProviderSettings;

/**
 * Reads Gemini's {@code GenerateContentResponse}: the answer of a call and each event of
 * a stream. A body carrying {@code {"error": ...}} becomes the same exception as the
 * equivalent HTTP error, and a blocked prompt (HTTP 200 without candidates) a
 * {@link ErrorKind#CONTENT_POLICY} failure.
 */
final class GeminiResponses {

	private final ProviderSettings settings;

	private final ObjectMapper objectMapper;

	private final ProviderHttp http;

	private final GeminiErrorDecoder errorDecoder;

	GeminiResponses(ProviderSettings settings, ObjectMapper objectMapper, ProviderHttp http,
			GeminiErrorDecoder errorDecoder) {
		this.settings = settings;
		this.objectMapper = objectMapper;
		this.http = http;
		this.errorDecoder = errorDecoder;
	}

	/**
	 * Parse a response body or stream event.
	 * @param json the JSON text
	 * @return the response, never a blocked prompt
	 * @throws LlmException for unreadable JSON, an error object or a blocked prompt
	 */
	GeminiResponse parse(String json) {
		GeminiResponse response = read(json);
		String blockReason = response.blockReason();
		if (blockReason != null) {
			throw this.http.failure(ErrorKind.CONTENT_POLICY, "prompt blocked: " + blockReason);
		}
		return response;
	}

	private GeminiResponse read(String json) {
		if (json == null || json.isBlank()) {
			throw this.http.failure(ErrorKind.MALFORMED_RESPONSE, "empty response body");
		}
		try {
			JsonNode tree = this.objectMapper.readTree(json);
			if (tree == null || !tree.isObject()) {
				throw this.http.failure(ErrorKind.MALFORMED_RESPONSE, "response is not a JSON object");
			}
			if (tree.has("error")) {
				throw this.errorDecoder.decode(tree.path("error").path("code").asInt(500), json);
			}
			return this.objectMapper.treeToValue(tree, GeminiResponse.class);
		}
		catch (JsonProcessingException ex) {
			throw this.http.failure(ErrorKind.MALFORMED_RESPONSE,
					"unreadable response: " + ex.getClass().getSimpleName());
		}
	}

	/**
	 * The answer of a {@code generateContent} call.
	 * @param response the parsed response
	 * @return the answer, attributed to this provider
	 */
	ChatResponse toChatResponse(GeminiResponse response) {
		GeminiCandidate candidate = response.firstCandidate();
		if (candidate == null) {
			throw this.http.failure(ErrorKind.MALFORMED_RESPONSE, "response without candidates");
		}
		StringBuilder text = new StringBuilder();
		List<ToolCall> toolCalls = new ArrayList<>();
		for (GeminiPart part : candidate.parts()) {
			if (part.functionCall() != null) {
				toolCalls.add(toolCall(part, toolCalls.size()));
			}
			else if (part.text() != null && !part.isThought()) {
				text.append(part.text());
			}
		}
		return ChatResponse.builder()
			.text(text.toString())
			.toolCalls(toolCalls)
			.finishReason(GeminiFinishReasons.of(candidate.finishReason(), !toolCalls.isEmpty()))
			.usage(usage(response.usageMetadata()))
			.provider(this.settings.name())
			.model(model(response.modelVersion()))
			.build();
	}

	/**
	 * A function call as a tool call, with a stable id when Gemini gives none and the
	 * part's thought signature.
	 * @param part a part holding a function call
	 * @param index the call's position within the answer
	 * @return the tool call
	 */
	ToolCall toolCall(GeminiPart part, int index) {
		GeminiFunctionCall call = part.functionCall();
		return new ToolCall(toolCallId(call, index), call.name(), arguments(call), part.thoughtSignature());
	}

	String toolCallId(GeminiFunctionCall call, int index) {
		return (call.id() != null && !call.id().isBlank()) ? call.id() : "call_" + index;
	}

	String arguments(GeminiFunctionCall call) {
		if (call.args() == null || call.args().isNull() || call.args().isMissingNode()) {
			return "{}";
		}
		try {
			return this.objectMapper.writeValueAsString(call.args());
		}
		catch (JsonProcessingException ex) {
			throw this.http.failure(ErrorKind.MALFORMED_RESPONSE, "unwritable function arguments");
		}
	}

	Usage usage(GeminiUsageMetadata metadata) {
		return (metadata != null) ? metadata.toUsage() : Usage.NONE;
	}

	String model(String modelVersion) {
		return (modelVersion != null && !modelVersion.isBlank()) ? modelVersion : this.settings.model();
	}

}
