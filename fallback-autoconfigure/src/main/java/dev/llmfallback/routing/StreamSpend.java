package dev.llmfallback.routing;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.Usage;
import dev.llmfallback.provider.ProviderSettings;

/**
 * What one streamed call spends against the budgets, counted once from its
 * {@link StreamUsage}: the final chunk that reports the usage carries the cost.
 */
final class StreamSpend {

	private final RoutePlanner planner;

	private final ProviderSettings provider;

	private final StreamUsage usage;

	StreamSpend(RoutePlanner planner, ProviderSettings provider, ChatRequest request) {
		this.planner = planner;
		this.provider = provider;
		this.usage = new StreamUsage(request);
	}

	/**
	 * Count a chunk as it passes.
	 * @param chunk the chunk
	 * @return the chunk, the final one with its cost
	 */
	ChatChunk delivered(ChatChunk chunk) {
		Usage reported = this.usage.passing(chunk);
		return (reported != null) ? chunk.withCost(this.planner.spend(this.provider, reported)) : chunk;
	}

	/**
	 * The stream ended, however: count an estimate if the provider's usage never came and
	 * something was delivered.
	 */
	void ended() {
		Usage estimate = this.usage.unreported();
		if (estimate != null) {
			this.planner.spend(this.provider, estimate);
		}
	}

}
