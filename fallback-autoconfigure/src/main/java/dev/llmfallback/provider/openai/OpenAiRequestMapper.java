package dev.llmfallback.provider.openai;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.TextNode;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.Message;
import dev.llmfallback.ToolCall;
import dev.llmfallback.ToolChoice;
import dev.llmfallback.ToolDefinition;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.provider.ProviderType;

/**
 * Maps a {@link ChatRequest} to the body of a Chat Completions request.
 */
final class OpenAiRequestMapper {

	private final ProviderSettings settings;

	OpenAiRequestMapper(ProviderSettings settings) {
		this.settings = settings;
	}

	/**
	 * The body of a request.
	 * @param request the request
	 * @param stream whether the answer is streamed
	 * @return the body
	 */
	ChatCompletionRequest map(ChatRequest request, boolean stream) {
		Integer limit = (request.maxTokens() != null) ? request.maxTokens() : this.settings.maxOutputTokens();
		// Compatible servers and Azure deployments of older API versions do not know
		// max_completion_tokens; OpenAI deprecated max_tokens for it.
		boolean newLimitField = this.settings.type() == ProviderType.OPENAI;
		return new ChatCompletionRequest(this.settings.model(), messages(request), tools(request.tools()),
				newLimitField ? limit : null, newLimitField ? null : limit, request.temperature(),
				request.stopSequences().isEmpty() ? null : request.stopSequences(), stream ? Boolean.TRUE : null,
				stream ? new ChatCompletionStreamOptions(true) : null,
				(request.responseFormat() != null) ? ChatCompletionResponseFormat.of(request.responseFormat()) : null,
				toolChoice(request));
	}

	/**
	 * OpenAI refuses a {@code tool_choice} without tools: one is sent with tools only.
	 */
	private static Object toolChoice(ChatRequest request) {
		ToolChoice choice = request.toolChoice();
		if (choice == null || request.tools().isEmpty()) {
			return null;
		}
		return switch (choice.mode()) {
			case AUTO -> "auto";
			case NONE -> "none";
			case REQUIRED -> "required";
			case TOOL -> ChatCompletionNamedToolChoice.of(choice.name());
		};
	}

	private static List<ChatCompletionMessage> messages(ChatRequest request) {
		List<ChatCompletionMessage> messages = new ArrayList<>();
		if (request.system() != null && !request.system().isBlank()) {
			messages.add(new ChatCompletionMessage("system", request.system(), null, null, null));
		}
		request.messages().forEach((message) -> messages.add(message(message)));
		return messages;
	}

	private static ChatCompletionMessage message(Message message) {
		return switch (message.role()) {
			case USER -> new ChatCompletionMessage("user", message.content(), null, null, null);
			case TOOL -> new ChatCompletionMessage("tool", message.content(), null, null, message.toolCallId());
			case ASSISTANT -> {
				List<ChatCompletionToolCall> calls = message.toolCalls()
					.stream()
					.map(OpenAiRequestMapper::toolCall)
					.toList();
				// An assistant turn that only called tools has no content.
				String content = (calls.isEmpty() || !message.content().isEmpty()) ? message.content() : null;
				yield new ChatCompletionMessage("assistant", content, null, calls.isEmpty() ? null : calls, null);
			}
		};
	}

	private static ChatCompletionToolCall toolCall(ToolCall call) {
		return new ChatCompletionToolCall(null, call.id(), "function",
				new ChatCompletionFunctionCall(call.name(), TextNode.valueOf(call.arguments())));
	}

	private static List<ChatCompletionTool> tools(List<ToolDefinition> tools) {
		if (tools.isEmpty()) {
			return null;
		}
		return tools.stream()
			.map((tool) -> new ChatCompletionTool("function",
					new ChatCompletionFunction(tool.name(), tool.description(), tool.parameters())))
			.toList();
	}

}
