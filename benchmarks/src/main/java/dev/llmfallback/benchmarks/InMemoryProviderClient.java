package dev.llmfallback.benchmarks;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.FinishReason;
import dev.llmfallback.Usage;
import dev.llmfallback.provider.ProviderClient;
import dev.llmfallback.provider.ProviderSettings;

/**
 * A provider answered in-process with a prepared answer, so that JMH measures the router
 * alone.
 */
final class InMemoryProviderClient implements ProviderClient {

	/** A base URL nothing listens on: the client never calls it. */
	static final URI NOWHERE = URI.create("http://127.0.0.1:9/v1");

	private final ProviderSettings settings;

	private final ChatResponse response;

	private final List<ChatChunk> chunks;

	InMemoryProviderClient(String name, int priority) {
		this(Routers.openAi(name, priority, NOWHERE, HttpFixture.TIMEOUT));
	}

	/**
	 * A client for a configured provider, as a {@code ProviderClientFactory} makes it.
	 * @param settings the provider
	 */
	InMemoryProviderClient(ProviderSettings settings) {
		this.settings = settings;
		this.response = ChatResponse.builder()
			.text(MockProvider.ANSWER_TEXT)
			.finishReason(FinishReason.STOP)
			.usage(new Usage(14, 280, 0))
			.provider(settings.name())
			.model(settings.model())
			.build();
		List<ChatChunk> chunks = new ArrayList<>();
		for (int i = 0; i < MockProvider.STREAM_CHUNKS; i++) {
			chunks
				.add(ChatChunk.ofText("token " + i + " of the answer ").withSource(settings.name(), settings.model()));
		}
		chunks.add(ChatChunk.ofFinish(FinishReason.STOP, new Usage(14, MockProvider.STREAM_CHUNKS, 0))
			.withSource(settings.name(), settings.model()));
		this.chunks = List.copyOf(chunks);
	}

	@Override
	public ProviderSettings settings() {
		return this.settings;
	}

	@Override
	public Mono<ChatResponse> chat(ChatRequest request) {
		return Mono.just(this.response);
	}

	/**
	 * The chunks the mock provider streams: {@link MockProvider#STREAM_CHUNKS} of text,
	 * then the finish with the usage.
	 */
	@Override
	public Flux<ChatChunk> stream(ChatRequest request) {
		return Flux.fromIterable(this.chunks);
	}

}
