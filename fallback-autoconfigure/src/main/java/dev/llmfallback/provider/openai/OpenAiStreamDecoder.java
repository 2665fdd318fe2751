package dev.llmfallback.provider.openai;

import java.util.ArrayList;
import java.util.List;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.FinishReason;
import dev.llmfallback.ToolCallDelta;
import dev.llmfallback.Usage;

/**
 * Turns the {@code data:} payloads of one Chat Completions stream into chunks. The chunk
 * with the finish reason is followed by a usage chunk, so the final chunk is emitted only
 * at the terminal {@code [DONE]}. Only choice 0 is read. One decoder per stream: it keeps
 * the stream's state.
 */
final class OpenAiStreamDecoder {

	static final String DONE = "[DONE]";

	private final OpenAiResponseMapper responses;

	private final String provider;

	private String model;

	private String finishReason;

	private boolean refused;

	private Usage usage = Usage.NONE;

	private boolean done;

	private int toolCalls;

	private int lastToolCall = -1;

	OpenAiStreamDecoder(OpenAiResponseMapper responses, String provider) {
		this.responses = responses;
		this.provider = provider;
	}

	/**
	 * The chunks one event stands for.
	 * @param data the event's data, or {@code null} for an event without data
	 * @return the chunks, possibly none
	 * @throws dev.llmfallback.LlmException for an unreadable payload or an error payload
	 */
	List<ChatChunk> decode(String data) {
		if (this.done || data == null || data.isBlank()) {
			return List.of();
		}
		if (DONE.equals(data.trim())) {
			this.done = true;
			FinishReason reason = this.refused ? FinishReason.CONTENT_FILTER
					: OpenAiResponseMapper.finishReason(this.finishReason);
			return List.of(attribute(ChatChunk.ofFinish(reason, this.usage)));
		}
		ChatCompletionResponse payload = this.responses.parse(data);
		if (payload.model() != null && !payload.model().isEmpty()) {
			this.model = payload.model();
		}
		if (payload.usage() != null) {
			this.usage = OpenAiResponseMapper.usage(payload.usage());
		}
		List<ChatChunk> chunks = new ArrayList<>();
		if (payload.choices() != null) {
			payload.choices().stream().filter(OpenAiResponseMapper::isFirst).forEach((choice) -> read(choice, chunks));
		}
		return chunks;
	}

	/**
	 * Whether the terminal {@code [DONE]} arrived.
	 * @return {@code true} once the stream is complete
	 */
	boolean isDone() {
		return this.done;
	}

	private void read(ChatCompletionChoice choice, List<ChatChunk> chunks) {
		if (choice.finishReason() != null) {
			this.finishReason = choice.finishReason();
		}
		ChatCompletionMessage delta = choice.delta();
		if (delta == null) {
			return;
		}
		if (delta.content() != null && !delta.content().isEmpty()) {
			chunks.add(attribute(ChatChunk.ofText(delta.content())));
		}
		if (delta.refusal() != null && !delta.refusal().isEmpty()) {
			this.refused = true;
			chunks.add(attribute(ChatChunk.ofText(delta.refusal())));
		}
		if (delta.toolCalls() != null) {
			delta.toolCalls().forEach((call) -> chunks.add(attribute(ChatChunk.ofToolCall(toolCallDelta(call)))));
		}
	}

	private ToolCallDelta toolCallDelta(ChatCompletionToolCall call) {
		int index = index(call);
		ChatCompletionFunctionCall function = call.function();
		String name = (function != null) ? function.name() : null;
		String arguments = (function != null) ? this.responses.arguments(function.arguments()) : "";
		return new ToolCallDelta(index, call.id(), name, arguments);
	}

	/**
	 * The call's index; servers that leave it out send each call whole, or a new call
	 * with an id and its later pieces without.
	 */
	private int index(ChatCompletionToolCall call) {
		int index;
		if (call.index() != null) {
			index = call.index();
		}
		else {
			index = (call.id() != null || this.lastToolCall < 0) ? this.toolCalls : this.lastToolCall;
		}
		this.lastToolCall = index;
		this.toolCalls = Math.max(this.toolCalls, index + 1);
		return index;
	}

	private ChatChunk attribute(ChatChunk chunk) {
		return chunk.withSource(this.provider, this.responses.model(this.model));
	}

}
