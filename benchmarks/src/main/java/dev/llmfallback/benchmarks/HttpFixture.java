package dev.llmfallback.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.LlmRouter;
import dev.llmfallback.provider.ProviderWebClients;

/**
 * A mock provider reached both ways: through the auto-configured {@link LlmRouter} bean
 * (with a second provider configured behind it, never called while the first answers) and
 * through a plain WebClient with the same connection pool settings.
 */
final class HttpFixture implements AutoCloseable {

	static final String PROMPT = "Summarise the benchmark in one paragraph.";

	static final ChatRequest REQUEST = ChatRequest.of(PROMPT);

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	final MockProvider mock;

	final MockProvider secondary;

	final RouterContext context;

	final ProviderWebClients webClients;

	final LlmRouter router;

	final PlainClient plain;

	private final URI chatUri;

	private final int maxConnections;

	HttpFixture(Duration latency, MockProvider.Mode mode, int maxConnections) {
		this.mock = new MockProvider(latency, mode);
		this.secondary = new MockProvider(latency, MockProvider.Mode.OK);
		this.maxConnections = maxConnections;
		this.context = context(Map.of());
		this.router = this.context.router();
		this.webClients = this.context.webClients();
		this.plain = new PlainClient(this.webClients.create(Routers.openAi("plain", 0, this.mock.baseUrl(), TIMEOUT)));
		this.chatUri = URI.create(this.mock.baseUrl() + "/chat/completions");
	}

	/**
	 * Another application over the same mocks.
	 * @param more properties added to the fixture's
	 * @return its context, for the caller to close
	 */
	RouterContext context(Map<String, Object> more) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.putAll(RouterContext.openAi(0, "primary", this.mock.baseUrl(), TIMEOUT));
		properties.putAll(RouterContext.openAi(1, "secondary", this.secondary.baseUrl(), TIMEOUT));
		properties.put("llm.http.max-connections", this.maxConnections);
		properties.putAll(more);
		return new RouterContext(properties);
	}

	Mono<?> plainChat() {
		return this.plain.chat(PROMPT);
	}

	/**
	 * The plain call given its whole URI, with no URI template to expand.
	 */
	Mono<?> plainChatAtUri() {
		return this.plain.chatAt(this.chatUri, PROMPT);
	}

	Mono<?> routerChat() {
		return this.router.chat(REQUEST);
	}

	Flux<?> plainStream() {
		return this.plain.stream(PROMPT);
	}

	Flux<?> routerStream() {
		return this.router.stream(REQUEST);
	}

	/**
	 * Connections of a pool in use or waited for.
	 * @param provider the provider (or {@code plain})
	 * @return acquired plus pending, 0 for a pool that never connected
	 */
	int busyConnections(String provider) {
		var metrics = this.webClients.poolMetrics().get(provider);
		return (metrics != null) ? metrics.acquiredSize() + metrics.pendingAcquireSize() : 0;
	}

	@Override
	public void close() {
		this.context.close();
		this.mock.close();
		this.secondary.close();
	}

}
