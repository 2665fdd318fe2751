package dev.llmfallback.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.common.CompositeCustomizer;
import io.github.resilience4j.common.circuitbreaker.configuration.CircuitBreakerConfigCustomizer;
import okhttp3.mockwebserver.MockWebServer;

import dev.llmfallback.Tier;
import dev.llmfallback.provider.DefaultProviderClientFactory;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.provider.ProviderTimeouts;
import dev.llmfallback.provider.ProviderType;
import dev.llmfallback.provider.ProviderWebClients;
import dev.llmfallback.resilience.ProviderResilienceFactory;
import dev.llmfallback.resilience.Resilience4jProperties;
import dev.llmfallback.resilience.ResilienceRegistries;
import dev.llmfallback.resilience.ResilienceSettings;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Anthropic and OpenAI served by two local MockWebServers, reached through the real
 * codecs and Resilience4j decorators, with breakers on a clock the test moves.
 */
class LocalProviders implements AutoCloseable {

	final MockWebServer anthropic = start();

	final MockWebServer openai = start();

	final MutableClock clock = new MutableClock();

	final ResilienceRegistries registries = ResilienceRegistries.ofDefaults();

	private final ProviderWebClients webClients = new ProviderWebClients(WebClient.builder(), List.of());

	private final List<ProviderSettings> providers = new ArrayList<>();

	LocalProviders(Duration responseTimeout) {
		this(responseTimeout, null);
	}

	/**
	 * Providers where Anthropic may be served by another server than its MockWebServer.
	 */
	LocalProviders(Duration responseTimeout, URI anthropicUrl) {
		this.providers.add(settings("anthropic", ProviderType.ANTHROPIC, "claude-sonnet-4-20250514", 1,
				(anthropicUrl != null) ? anthropicUrl : URI.create(this.anthropic.url("").toString()), responseTimeout,
				200_000));
		this.providers.add(settings("openai", ProviderType.OPENAI, "gpt-4o", 2,
				URI.create(this.openai.url("/v1").toString()), responseTimeout, 128_000));
	}

	FailoverRouter router(ResilienceSettings resilience, FallbackPolicy policy, Duration deadline,
			Integer maxAttempts) {
		return router(resilience, new RoutingSettings(policy, deadline, maxAttempts));
	}

	FailoverRouter router(ResilienceSettings resilience, RoutingSettings routing) {
		CompositeCustomizer<CircuitBreakerConfigCustomizer> clockCustomizer = new CompositeCustomizer<>(
				this.providers.stream()
					.map((provider) -> CircuitBreakerConfigCustomizer.of(provider.name(),
							(builder) -> builder.clock(this.clock)))
					.toList());
		Resilience4jProperties none = Resilience4jProperties.none();
		Resilience4jProperties properties = new Resilience4jProperties(none.circuitBreaker(), clockCustomizer,
				none.retry(), none.retryCustomizer(), none.timeLimiter(), none.timeLimiterCustomizer(),
				none.rateLimiter(), none.rateLimiterCustomizer(), none.bulkhead(), none.bulkheadCustomizer());
		ProviderResilienceFactory resilienceFactory = new ProviderResilienceFactory(this.registries, properties,
				resilience);
		DefaultProviderClientFactory clients = new DefaultProviderClientFactory(this.webClients, new ObjectMapper());
		return new FailoverRouter(this.providers.stream().map(clients::create).map(resilienceFactory::create).toList(),
				routing);
	}

	static ResilienceSettings resilience(int maxRetries, Duration initialInterval) {
		return new ResilienceSettings(maxRetries, ResilienceSettings.Backoff.EXPONENTIAL, initialInterval, 2.0,
				Duration.ofSeconds(8), 0, Duration.ofSeconds(20), false, 5, Duration.ofSeconds(60), 1,
				Duration.ofMinutes(30));
	}

	private static ProviderSettings settings(String name, ProviderType type, String model, int priority, URI baseUrl,
			Duration responseTimeout, int contextWindow) {
		String url = baseUrl.toString().replaceAll("/$", "");
		return new ProviderSettings(name, type, model, priority, Tier.FULL, URI.create(url), "test-key-" + name, null,
				new ProviderTimeouts(Duration.ofSeconds(2), responseTimeout, responseTimeout), contextWindow, null,
				Map.of());
	}

	private static MockWebServer start() {
		try {
			MockWebServer server = new MockWebServer();
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() throws IOException {
		this.webClients.close();
		this.anthropic.shutdown();
		this.openai.shutdown();
	}

}
