package dev.llmfallback.benchmarks;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.provider.ProviderWebClients;
import dev.llmfallback.resilience.ResilienceRegistries;
import dev.llmfallback.resilience.ResilienceSettings;
import dev.llmfallback.routing.FailoverRouter;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A mock provider reached both ways: through the router (with a second provider
 * configured behind it, never called while the first answers) and through a plain
 * WebClient with the same connection pool settings.
 */
final class HttpFixture implements AutoCloseable {

	static final String PROMPT = "Summarise the benchmark in one paragraph.";

	static final ChatRequest REQUEST = ChatRequest.of(PROMPT);

	final MockProvider mock;

	final MockProvider secondary;

	final ProviderWebClients webClients;

	final ResilienceRegistries registries = ResilienceRegistries.ofDefaults();

	final FailoverRouter router;

	final PlainClient plain;

	HttpFixture(Duration latency, MockProvider.Mode mode, int maxConnections) {
		this.mock = new MockProvider(latency, mode);
		this.secondary = new MockProvider(latency, MockProvider.Mode.OK);
		this.webClients = new ProviderWebClients(WebClient.builder(), List.of(), maxConnections);
		Duration timeout = Duration.ofSeconds(30);
		this.router = Routers.http(this.webClients, this.registries, ResilienceSettings.defaults(),
				List.of(Routers.openAi("primary", 1, this.mock.baseUrl(), timeout),
						Routers.openAi("secondary", 2, this.secondary.baseUrl(), timeout)));
		this.plain = new PlainClient(this.webClients.create(Routers.openAi("plain", 0, this.mock.baseUrl(), timeout)));
	}

	Mono<?> plainChat() {
		return this.plain.chat(PROMPT);
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
		this.webClients.close();
		this.mock.close();
		this.secondary.close();
	}

}
