package dev.llmfallback.routing;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.Usage;

/**
 * The tokens one streamed call used, told once: the usage its provider reports with the
 * final chunk or, when the stream ends without it (cut by the provider, cancelled by its
 * caller, or from a provider that reports none), an estimate from the request and the
 * output delivered. Providers bill what they generated before the connection closed, so a
 * stream stopped early still counts; the estimate errs low, as tokens generated but never
 * delivered go unseen. A stream that delivered nothing counts nothing.
 */
public final class StreamUsage {

	private final ChatRequest request;

	private final AtomicBoolean told = new AtomicBoolean();

	/** Written only by the stream's signals, which are serial. */
	private volatile long deliveredChars;

	/**
	 * Follow one streamed call.
	 * @param request the request it answers
	 */
	public StreamUsage(ChatRequest request) {
		this.request = request;
	}

	/**
	 * Count a chunk as it passes.
	 * @param chunk the chunk
	 * @return the usage the chunk reports, the first time one does, or {@code null}
	 */
	public Usage passing(ChatChunk chunk) {
		if (chunk.isFinal() && chunk.usage() != null) {
			return this.told.compareAndSet(false, true) ? chunk.usage() : null;
		}
		long chars = chunk.text().length();
		if (chunk.toolCall() != null) {
			chars += chunk.toolCall().argumentsDelta().length()
					+ ((chunk.toolCall().name() != null) ? chunk.toolCall().name().length() : 0);
		}
		if (chars > 0) {
			this.deliveredChars += chars;
		}
		return null;
	}

	/**
	 * The stream ended, however.
	 * @return the estimate, when no usage was reported and something was delivered, once;
	 * otherwise {@code null}
	 */
	public Usage unreported() {
		long chars = this.deliveredChars;
		if (chars > 0 && this.told.compareAndSet(false, true)) {
			return Usage.of(TokenEstimator.inputTokens(this.request), TokenEstimator.tokens(chars));
		}
		return null;
	}

}
