package dev.llmfallback.provider.gemini;

import java.util.ArrayList;
import java.util.List;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.ToolCall;
import dev.llmfallback.ToolCallDelta;
import dev.llmfallback.provider.ProviderHttp;
import dev.llmfallback.provider.ProviderSettings;

/**
 * The state of one {@code streamGenerateContent} stream. Each event is a whole partial
 * {@code GenerateContentResponse}; there is no {@code [DONE]}: the stream is complete
 * when the connection closes after an event carrying a {@code finishReason} (older models
 * repeat it on every event, so the last one wins). Intermediate usage is provisional: the
 * last {@code usageMetadata} is kept.
 */
final class GeminiStream {

	private final ProviderSettings settings;

	private final ProviderHttp http;

	private final GeminiResponses responses;

	private int toolCalls;

	private String finishReason;

	private GeminiUsageMetadata usage;

	private String model;

	GeminiStream(ProviderSettings settings, ProviderHttp http, GeminiResponses responses) {
		this.settings = settings;
		this.http = http;
		this.responses = responses;
	}

	/**
	 * The chunks of one event.
	 * @param data the event's data
	 * @return the text and tool-call chunks, possibly none
	 * @throws dev.llmfallback.LlmException for an error event or a blocked prompt
	 */
	List<ChatChunk> onEvent(String data) {
		if (data == null || data.isBlank()) {
			return List.of();
		}
		GeminiResponse response = this.responses.parse(data);
		if (response.modelVersion() != null && !response.modelVersion().isBlank()) {
			this.model = response.modelVersion();
		}
		if (response.usageMetadata() != null) {
			this.usage = response.usageMetadata();
		}
		GeminiCandidate candidate = response.firstCandidate();
		if (candidate == null) {
			return List.of();
		}
		if (candidate.finishReason() != null) {
			this.finishReason = candidate.finishReason();
		}
		List<ChatChunk> chunks = new ArrayList<>();
		for (GeminiPart part : candidate.parts()) {
			if (part.functionCall() != null) {
				ToolCall call = this.responses.toolCall(part, this.toolCalls);
				chunks.add(source(ChatChunk.ofToolCall(new ToolCallDelta(this.toolCalls++, call.id(), call.name(),
						call.arguments(), call.signature()))));
			}
			else if (part.text() != null && !part.text().isEmpty() && !part.isThought()) {
				chunks.add(source(ChatChunk.ofText(part.text())));
			}
		}
		return chunks;
	}

	/**
	 * The final chunk, once the connection closed.
	 * @return the chunk with the finish reason and the last usage
	 * @throws dev.llmfallback.LlmException when no event carried a finish reason
	 */
	ChatChunk finish() {
		if (this.finishReason == null) {
			throw this.http.failure(ErrorKind.MALFORMED_RESPONSE, "stream ended before a finishReason");
		}
		return source(ChatChunk.ofFinish(GeminiFinishReasons.of(this.finishReason, this.toolCalls > 0),
				this.responses.usage(this.usage)));
	}

	private ChatChunk source(ChatChunk chunk) {
		return chunk.withSource(this.settings.name(), this.responses.model(this.model));
	}

}
