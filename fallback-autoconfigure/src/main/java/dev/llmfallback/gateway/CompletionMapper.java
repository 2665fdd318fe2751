package dev.llmfallback.gateway;

import java.util.List;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.FinishReason;
import dev.llmfallback.ToolCall;
import dev.llmfallback.ToolCallDelta;

/**
 * Writes the router's answers in OpenAI's shapes: a {@link ChatResponse} as a
 * {@code chat.completion}, each {@link ChatChunk} as a {@code chat.completion.chunk}.
 */
final class CompletionMapper {

	private static final String ASSISTANT = "assistant";

	private static final String FUNCTION = "function";

	private CompletionMapper() {
	}

	static Completion completion(ChatResponse response, String id, long created, String requestedModel) {
		List<CompletionToolCall> toolCalls = response.toolCalls().isEmpty() ? null
				: response.toolCalls().stream().map(CompletionMapper::toolCall).toList();
		String content = (toolCalls != null && response.text().isEmpty()) ? null : response.text();
		CompletionMessage message = new CompletionMessage(ASSISTANT, content, toolCalls);
		CompletionChoice choice = new CompletionChoice(0, message, null, finishReason(response.finishReason()));
		return new Completion(id, Completion.OBJECT, created, model(response.model(), requestedModel), List.of(choice),
				CompletionUsage.of(response.usage()));
	}

	static Completion chunk(ChatChunk chunk, boolean first, String id, long created, String model) {
		List<CompletionToolCall> toolCalls = (chunk.toolCall() != null) ? List.of(toolCall(chunk.toolCall())) : null;
		String content = (!chunk.text().isEmpty() || (first && toolCalls == null)) ? chunk.text() : null;
		CompletionMessage delta = new CompletionMessage(first ? ASSISTANT : null, content, toolCalls);
		String finishReason = (chunk.finishReason() != null) ? finishReason(chunk.finishReason()) : null;
		return new Completion(id, Completion.CHUNK_OBJECT, created, model,
				List.of(new CompletionChoice(0, null, delta, finishReason)), null);
	}

	static Completion usageChunk(ChatChunk last, String id, long created, String model) {
		return new Completion(id, Completion.CHUNK_OBJECT, created, model, List.of(), CompletionUsage.of(last.usage()));
	}

	static String model(String answered, String requested) {
		return (answered != null) ? answered : requested;
	}

	private static CompletionToolCall toolCall(ToolCall call) {
		return new CompletionToolCall(null, SignedToolCallIds.of(call.id(), call.signature()), FUNCTION,
				new CompletionToolCall.Function(call.name(), call.arguments()));
	}

	private static CompletionToolCall toolCall(ToolCallDelta delta) {
		boolean opening = delta.id() != null || delta.name() != null;
		return new CompletionToolCall(delta.index(), SignedToolCallIds.of(delta.id(), delta.signature()),
				opening ? FUNCTION : null, new CompletionToolCall.Function(delta.name(), delta.argumentsDelta()));
	}

	private static String finishReason(FinishReason reason) {
		return switch (reason) {
			case LENGTH -> "length";
			case TOOL_CALLS -> "tool_calls";
			case CONTENT_FILTER -> "content_filter";
			// OpenAI's clients know no other value
			case STOP, OTHER -> "stop";
		};
	}

}
