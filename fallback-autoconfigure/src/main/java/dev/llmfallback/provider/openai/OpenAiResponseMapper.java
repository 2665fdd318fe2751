package dev.llmfallback.provider.openai;

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
import dev.llmfallback.LlmException;
import dev.llmfallback.ToolCall;
import dev.llmfallback.Usage;
import dev.llmfallback.provider.ProviderHttp;
import dev.llmfallback.provider.ProviderSettings;

/**
 * Reads Chat Completions answers: the whole answer into a {@link ChatResponse}, and the
 * pieces that answers and stream chunks share (finish reason, usage, tool-call
 * arguments).
 */
final class OpenAiResponseMapper {

	private final ProviderSettings settings;

	private final ObjectMapper objectMapper;

	private final ProviderHttp http;

	private final OpenAiErrorDecoder errorDecoder;

	OpenAiResponseMapper(ProviderSettings settings, ObjectMapper objectMapper, ProviderHttp http,
			OpenAiErrorDecoder errorDecoder) {
		this.settings = settings;
		this.objectMapper = objectMapper;
		this.http = http;
		this.errorDecoder = errorDecoder;
	}

	/**
	 * Read an answer or a stream chunk.
	 * @param json the JSON text
	 * @return the payload, never one with an error
	 * @throws LlmException when the text is not a payload or carries an error
	 */
	ChatCompletionResponse parse(String json) {
		ChatCompletionResponse response;
		try {
			response = this.objectMapper.readValue(json, ChatCompletionResponse.class);
		}
		catch (JsonProcessingException ex) {
			throw malformed("unreadable response: " + ex.getClass().getSimpleName());
		}
		return checked(response);
	}

	private ChatCompletionResponse checked(ChatCompletionResponse response) {
		if (response == null) {
			throw malformed("empty response");
		}
		if (response.error() != null && !response.error().isNull()) {
			throw this.errorDecoder.decodePayload(response.error());
		}
		return response;
	}

	/**
	 * The response a whole answer stands for, from its first choice.
	 * @param json the answer's JSON, as received
	 * @return the response
	 */
	ChatResponse toResponse(InputStream json) {
		ChatCompletionResponse response;
		try {
			response = this.objectMapper.readValue(json, ChatCompletionResponse.class);
		}
		catch (IOException ex) {
			throw malformed("unreadable response: " + ex.getClass().getSimpleName());
		}
		return toResponse(checked(response));
	}

	private ChatResponse toResponse(ChatCompletionResponse response) {
		ChatCompletionChoice choice = firstChoice(response);
		if (choice == null || choice.message() == null) {
			throw malformed("answer without a choice");
		}
		ChatCompletionMessage message = choice.message();
		boolean refused = message.refusal() != null && !message.refusal().isEmpty();
		return ChatResponse.builder()
			.text(refused ? message.refusal() : message.content())
			.toolCalls(toolCalls(message.toolCalls()))
			.finishReason(refused ? FinishReason.CONTENT_FILTER : finishReason(choice.finishReason()))
			.usage(usage(response.usage()))
			.provider(this.settings.name())
			.model(model(response.model()))
			.build();
	}

	/**
	 * Whether a choice is the first one, the only one this client reads.
	 * @param choice the choice
	 * @return {@code true} for index 0 or a choice without index
	 */
	static boolean isFirst(ChatCompletionChoice choice) {
		return choice != null && (choice.index() == null || choice.index() == 0);
	}

	/**
	 * The normalised finish reason.
	 * @param reason OpenAI's reason
	 * @return the reason, {@link FinishReason#OTHER} for unknown ones
	 */
	static FinishReason finishReason(String reason) {
		return switch (String.valueOf(reason)) {
			case "stop" -> FinishReason.STOP;
			case "length" -> FinishReason.LENGTH;
			case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
			case "content_filter" -> FinishReason.CONTENT_FILTER;
			default -> FinishReason.OTHER;
		};
	}

	/**
	 * The usage of an answer.
	 * @param usage OpenAI's usage, or {@code null}
	 * @return the usage, {@link Usage#NONE} when there is none
	 */
	static Usage usage(ChatCompletionUsage usage) {
		if (usage == null) {
			return Usage.NONE;
		}
		Long cached = (usage.promptTokensDetails() != null) ? usage.promptTokensDetails().cachedTokens() : null;
		return new Usage(count(usage.promptTokens()), count(usage.completionTokens()), count(cached));
	}

	/**
	 * The model to attribute an answer to.
	 * @param reported the model the provider reports, or {@code null}
	 * @return the model
	 */
	String model(String reported) {
		return (reported != null && !reported.isEmpty()) ? reported : this.settings.model();
	}

	/**
	 * The arguments text of a tool call, or a piece of it.
	 * @param arguments the arguments as sent: a JSON string, or an object
	 * @return the text, empty when absent
	 */
	String arguments(JsonNode arguments) {
		if (arguments == null || arguments.isNull()) {
			return "";
		}
		if (arguments.isTextual()) {
			return arguments.asText();
		}
		try {
			return this.objectMapper.writeValueAsString(arguments);
		}
		catch (JsonProcessingException ex) {
			throw malformed("unreadable tool-call arguments");
		}
	}

	/**
	 * A failure for an answer that cannot be read.
	 * @param detail the reason
	 * @return the exception
	 */
	LlmException malformed(String detail) {
		return this.http.failure(ErrorKind.MALFORMED_RESPONSE, detail);
	}

	private List<ToolCall> toolCalls(List<ChatCompletionToolCall> calls) {
		List<ToolCall> toolCalls = new ArrayList<>();
		if (calls != null) {
			for (ChatCompletionToolCall call : calls) {
				ChatCompletionFunctionCall function = call.function();
				if (function == null || function.name() == null || function.name().isBlank()) {
					throw malformed("tool call without a function name");
				}
				toolCalls.add(new ToolCall(call.id(), function.name(), arguments(function.arguments())));
			}
		}
		return toolCalls;
	}

	private static ChatCompletionChoice firstChoice(ChatCompletionResponse response) {
		if (response.choices() == null) {
			return null;
		}
		for (ChatCompletionChoice choice : response.choices()) {
			if (isFirst(choice)) {
				return choice;
			}
		}
		return null;
	}

	private static long count(Long tokens) {
		return (tokens != null) ? Math.max(0, tokens) : 0;
	}

}
