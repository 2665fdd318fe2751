package dev.llmfallback;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One piece of a streamed answer: a text delta, a tool-call delta, or the final piece
 * with the finish reason and usage. {@link ChatResponse#fromChunks} assembles a stream
 * into a response.
 *
 * @param text the next part of the answer's text, possibly empty
 * @param toolCall the next part of a tool call, or {@code null}
 * @param finishReason why the model stopped, on the final piece only
 * @param usage the tokens consumed, on the final piece only
 * @param provider the configured name of the provider that streams
 * @param model the model that streams, as the provider reports it
 * @param level the degradation level that streams, set by the router
 * @param cost what the stream cost in US dollars, set by the router on the final piece
 * when the provider reported its usage and the model's price is known
 * @param attempts the failed attempts and skipped providers before this answer, set by
 * the router on the final piece, and on the first when there were some before it; empty
 * on the others
 */
public record ChatChunk(String text, ToolCallDelta toolCall, FinishReason finishReason, Usage usage, String provider,
		String model, DegradationLevel level, BigDecimal cost, List<Attempt> attempts) {

	public ChatChunk {
		text = Objects.requireNonNullElse(text, "");
		attempts = (attempts != null) ? List.copyOf(attempts) : List.of();
	}

	/**
	 * A chunk without the router's cost and attempts.
	 * @param text the next part of the answer's text, possibly empty
	 * @param toolCall the next part of a tool call, or {@code null}
	 * @param finishReason why the model stopped, on the final piece only
	 * @param usage the tokens consumed, on the final piece only
	 * @param provider the configured name of the provider that streams
	 * @param model the model that streams, as the provider reports it
	 * @param level the degradation level that streams, set by the router
	 */
	public ChatChunk(String text, ToolCallDelta toolCall, FinishReason finishReason, Usage usage, String provider,
			String model, DegradationLevel level) {
		this(text, toolCall, finishReason, usage, provider, model, level, null, List.of());
	}

	/**
	 * A text delta.
	 * @param text the text
	 * @return the chunk
	 */
	public static ChatChunk ofText(String text) {
		return new ChatChunk(text, null, null, null, null, null, null);
	}

	/**
	 * A tool-call delta.
	 * @param delta the delta
	 * @return the chunk
	 */
	public static ChatChunk ofToolCall(ToolCallDelta delta) {
		return new ChatChunk("", delta, null, null, null, null, null);
	}

	/**
	 * The final chunk of a stream.
	 * @param finishReason why the model stopped
	 * @param usage the tokens consumed
	 * @return the chunk
	 */
	public static ChatChunk ofFinish(FinishReason finishReason, Usage usage) {
		return new ChatChunk("", null, finishReason, usage, null, null, null);
	}

	/**
	 * This chunk, attributed to a provider and model.
	 * @param provider the provider's configured name
	 * @param model the model
	 * @return the chunk
	 */
	public ChatChunk withSource(String provider, String model) {
		return new ChatChunk(this.text, this.toolCall, this.finishReason, this.usage, provider, model, this.level,
				this.cost, this.attempts);
	}

	/**
	 * This chunk, marked with the degradation level that produced it.
	 * @param level the level
	 * @return the chunk
	 */
	public ChatChunk withLevel(DegradationLevel level) {
		return new ChatChunk(this.text, this.toolCall, this.finishReason, this.usage, this.provider, this.model, level,
				this.cost, this.attempts);
	}

	/**
	 * This chunk with what the stream cost.
	 * @param cost the cost in US dollars, or {@code null} when unknown
	 * @return the chunk
	 */
	public ChatChunk withCost(BigDecimal cost) {
		return new ChatChunk(this.text, this.toolCall, this.finishReason, this.usage, this.provider, this.model,
				this.level, cost, this.attempts);
	}

	/**
	 * This chunk with the failed attempts before the answer.
	 * @param attempts the attempts
	 * @return the chunk
	 */
	public ChatChunk withAttempts(List<Attempt> attempts) {
		return new ChatChunk(this.text, this.toolCall, this.finishReason, this.usage, this.provider, this.model,
				this.level, this.cost, attempts);
	}

	/**
	 * Whether this is the final chunk of a stream.
	 * @return {@code true} when it carries a finish reason
	 */
	public boolean isFinal() {
		return this.finishReason != null;
	}

	@Override
	public String toString() {
		return "ChatChunk[chars=" + this.text.length() + ", toolCall=" + (this.toolCall != null) + ", finishReason="
				+ this.finishReason + ", provider=" + this.provider + "]";
	}

}
