package dev.llmfallback.routing;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.Usage;
import dev.llmfallback.provider.ProviderSettings;

/**
 * What one streamed call spends against the budgets, counted once: the usage its provider
 * reports with the final chunk, which then carries the cost, or, when the stream ends
 * without it (cut by the provider, cancelled by its caller, or from a provider that
 * reports none), an estimate from the request and the output delivered. Providers bill
 * what they generated before the connection closed, so a stream stopped early must still
 * count; the estimate errs low, as tokens generated but never delivered go unseen.
 */
final class StreamSpend {

	private final RoutePlanner planner;

	private final ProviderSettings provider;

	private final ChatRequest request;

	private final AtomicBoolean counted = new AtomicBoolean();

	/** Written only by the stream's signals, which are serial. */
	private volatile long deliveredChars;

	StreamSpend(RoutePlanner planner, ProviderSettings provider, ChatRequest request) {
		this.planner = planner;
		this.provider = provider;
		this.request = request;
	}

	/**
	 * Count a chunk as it passes.
	 * @param chunk the chunk
	 * @return the chunk, the final one with its cost
	 */
	ChatChunk delivered(ChatChunk chunk) {
		if (chunk.isFinal() && chunk.usage() != null) {
			return this.counted.compareAndSet(false, true)
					? chunk.withCost(this.planner.spend(this.provider, chunk.usage())) : chunk;
		}
		long chars = chunk.text().length();
		if (chunk.toolCall() != null) {
			chars += chunk.toolCall().argumentsDelta().length()
					+ ((chunk.toolCall().name() != null) ? chunk.toolCall().name().length() : 0);
		}
		if (chars > 0) {
			this.deliveredChars += chars;
		}
		return chunk;
	}

	/**
	 * The stream ended, however: count an estimate if the provider's usage never came and
	 * something was delivered.
	 */
	void ended() {
		long chars = this.deliveredChars;
		if (chars > 0 && this.counted.compareAndSet(false, true)) {
			this.planner.spend(this.provider,
					Usage.of(TokenEstimator.inputTokens(this.request), TokenEstimator.tokens(chars)));
		}
	}

}
