package dev.llmfallback.resilience;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.provider.ProviderClient;
import dev.llmfallback.provider.ProviderSettings;

/**
 * A provider that never answers, bounding its answers or not.
 *
 * @param settings the provider
 * @param boundsChatTime whether it says it bounds its answers
 */
public record SilentProviderClient(ProviderSettings settings, boolean boundsChatTime) implements ProviderClient {

	@Override
	public Mono<ChatResponse> chat(ChatRequest request) {
		return Mono.never();
	}

	@Override
	public Flux<ChatChunk> stream(ChatRequest request) {
		return Flux.never();
	}

}
