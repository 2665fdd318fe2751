package dev.llmfallback.provider.anthropic;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.llmfallback.ChatResponse;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.FinishReason;
import dev.llmfallback.ToolCall;
import dev.llmfallback.provider.ProviderHttp;
import dev.llmfallback.provider.ProviderSettings;

/**
 * Maps the answer of {@code POST /v1/messages} to a {@link ChatResponse}: {@code text}
 * blocks concatenated, {@code tool_use} blocks as tool calls, other blocks (such as
 * {@code thinking}) left out.
 */
class AnthropicResponseMapper {

	private final ProviderSettings settings;

	private final ObjectMapper objectMapper;

	private final ProviderHttp http;

	private final AnthropicErrorDecoder errorDecoder;

	AnthropicResponseMapper(ProviderSettings settings, ObjectMapper objectMapper, ProviderHttp http,
			AnthropicErrorDecoder errorDecoder) {
		this.settings = settings;
		this.objectMapper = objectMapper;
		this.http = http;
		this.errorDecoder = errorDecoder;
	}

	/**
	 * Read a 200 response body.
	 * @param body the body
	 * @return the response
	 * @throws dev.llmfallback.LlmException when the body is not a message
	 */
	ChatResponse read(InputStream body) throws IOException {
		MessagesResponse message;
		try {
			message = this.objectMapper.readValue(body, MessagesResponse.class);
		}
		catch (JsonProcessingException ex) {
			throw this.http.failure(ErrorKind.MALFORMED_RESPONSE,
					"unreadable response: " + ex.getClass().getSimpleName());
		}
		if (message == null) {
			throw this.http.failure(ErrorKind.MALFORMED_RESPONSE, "empty response body");
		}
		if ("error".equals(message.type())) {
			throw this.errorDecoder.decodeEvent(message.error());
		}
		if (message.content() == null) {
			throw this.http.failure(ErrorKind.MALFORMED_RESPONSE, "response has no content");
		}
		StringBuilder text = new StringBuilder();
		List<ToolCall> toolCalls = new ArrayList<>();
		for (ResponseContentBlock block : message.content()) {
			if (block.isText() && block.text() != null) {
				text.append(block.text());
			}
			else if (block.isToolUse()) {
				if (block.name() == null || block.name().isBlank()) {
					throw this.http.failure(ErrorKind.MALFORMED_RESPONSE, "tool_use block without a name");
				}
				toolCalls.add(new ToolCall(block.id(), block.name(), arguments(block.input())));
			}
		}
		AnthropicUsage usage = (message.usage() != null) ? message.usage() : AnthropicUsage.EMPTY;
		return ChatResponse.builder()
			.text(text.toString())
			.toolCalls(toolCalls)
			.finishReason(finishReason(message.stopReason()))
			.usage(usage.toUsage())
			.provider(this.settings.name())
			.model((message.model() != null) ? message.model() : this.settings.model())
			.build();
	}

	/**
	 * The JSON text of a tool call's {@code input} object.
	 * @param input the object, or {@code null}
	 * @return the text, {@code {}} when there is none
	 */
	String arguments(JsonNode input) {
		if (input == null || input.isNull()) {
			return "{}";
		}
		try {
			return this.objectMapper.writeValueAsString(input);
		}
		catch (JsonProcessingException ex) {
			throw this.http.failure(ErrorKind.MALFORMED_RESPONSE, "unwritable tool input");
		}
	}

	/**
	 * The normalised finish reason of a {@code stop_reason}.
	 * @param stopReason the stop reason, or {@code null}
	 * @return the finish reason, {@link FinishReason#OTHER} for unknown values
	 */
	static FinishReason finishReason(String stopReason) {
		if (stopReason == null) {
			return FinishReason.OTHER;
		}
		return switch (stopReason) {
			case "end_turn", "stop_sequence" -> FinishReason.STOP;
			case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
			case "tool_use" -> FinishReason.TOOL_CALLS;
			case "refusal" -> FinishReason.CONTENT_FILTER;
			default -> FinishReason.OTHER;
		};
	}

}
