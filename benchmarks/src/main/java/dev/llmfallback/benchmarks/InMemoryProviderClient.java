package dev.llmfallback.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.FinishReason;
import dev.llmfallback.Tier;
import dev.llmfallback.Usage;
import dev.llmfallback.provider.ProviderClient;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.provider.ProviderTimeouts;
import dev.llmfallback.provider.ProviderType;

/**
 * A provider answered in-process with a prepared answer, so that JMH measures the router
 * alone.
 */
final class InMemoryProviderClient implements ProviderClient {

	private final ProviderSettings settings;

	private final ChatResponse response;

	InMemoryProviderClient(String name, int priority) {
		this.settings = new ProviderSettings(name, ProviderType.OPENAI, "gpt-4o", priority, Tier.FULL,
				URI.create("http://127.0.0.1:9/v1"), "bench-key", null,
				new ProviderTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(30)), 128_000,
				null, Map.of());
		this.response = ChatResponse.builder()
			.text(MockProvider.ANSWER_TEXT)
			.finishReason(FinishReason.STOP)
			.usage(new Usage(14, 280, 0))
			.provider(name)
			.model("gpt-4o")
			.build();
	}

	@Override
	public ProviderSettings settings() {
		return this.settings;
	}

	@Override
	public Mono<ChatResponse> chat(ChatRequest request) {
		return Mono.just(this.response);
	}

	@Override
	public Flux<ChatChunk> stream(ChatRequest request) {
		return Flux.just(ChatChunk.ofText(this.response.text()), ChatChunk.ofFinish(FinishReason.STOP, null))
			.map((chunk) -> chunk.withSource(this.settings.name(), "gpt-4o"));
	}

}
