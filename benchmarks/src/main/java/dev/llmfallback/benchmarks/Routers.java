package dev.llmfallback.benchmarks;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.observation.ObservationRegistry;

import dev.llmfallback.DegradationLevel;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.Tier;
import dev.llmfallback.cost.BudgetSettings;
import dev.llmfallback.cost.InMemoryBudgetTracker;
import dev.llmfallback.cost.PriceTable;
import dev.llmfallback.provider.DefaultProviderClientFactory;
import dev.llmfallback.provider.ProviderClient;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.provider.ProviderTimeouts;
import dev.llmfallback.provider.ProviderType;
import dev.llmfallback.provider.ProviderWebClients;
import dev.llmfallback.resilience.ProviderResilienceFactory;
import dev.llmfallback.resilience.Resilience4jProperties;
import dev.llmfallback.resilience.ResilienceRegistries;
import dev.llmfallback.resilience.ResilienceSettings;
import dev.llmfallback.routing.FailoverRouter;
import dev.llmfallback.routing.FallbackPolicy;
import dev.llmfallback.routing.LatencyTracker;
import dev.llmfallback.routing.RoutePlanner;
import dev.llmfallback.routing.RoutingSettings;
import dev.llmfallback.routing.RoutingStrategy;
import dev.llmfallback.timeout.TimeoutScheduler;

/**
 * Builds bare {@link FailoverRouter}s, without the auto-configuration's
 * {@code DegradingRouter} and listeners around them: real codecs, Resilience4j instances
 * from registries with their defaults, timeouts on the shared timeout timer as the
 * auto-configuration arms them. For comparison with the {@link RouterContext} bean.
 */
final class Routers {

	static final FallbackPolicy POLICY = new FallbackPolicy(Set.of(429, 500, 502, 503, 529),
			Set.of(ErrorKind.TIMEOUT, ErrorKind.OVERLOADED));

	private static final RoutingSettings ROUTING = new RoutingSettings(POLICY, Duration.ofSeconds(60), null);

	private Routers() {
	}

	/**
	 * Settings of an OpenAI provider on a mock, as {@link RouterContext#openAi} sets them
	 * by properties.
	 * @param name the provider name
	 * @param priority its priority
	 * @param baseUrl the mock's URL
	 * @param response the response (and first-token) timeout
	 * @return the settings
	 */
	static ProviderSettings openAi(String name, int priority, URI baseUrl, Duration response) {
		return new ProviderSettings(name, ProviderType.OPENAI, "gpt-4o", priority, Tier.FULL, baseUrl,
				"bench-key-" + name, null, new ProviderTimeouts(Duration.ofSeconds(2), response, response), null, null,
				Map.of());
	}

	/**
	 * A router over HTTP providers.
	 * @param webClients the pools
	 * @param registries where the Resilience4j instances live
	 * @param resilience the Resilience4j defaults
	 * @param providers the providers, in priority order
	 * @return the router
	 */
	static FailoverRouter http(ProviderWebClients webClients, ResilienceRegistries registries,
			ResilienceSettings resilience, List<ProviderSettings> providers) {
		DefaultProviderClientFactory clients = new DefaultProviderClientFactory(webClients, new ObjectMapper());
		return of(registries, resilience, providers.stream().map(clients::create).toList());
	}

	/**
	 * A router over given clients.
	 * @param registries where the Resilience4j instances live
	 * @param resilience the Resilience4j defaults
	 * @param clients the clients, in priority order
	 * @return the router
	 */
	static FailoverRouter of(ResilienceRegistries registries, ResilienceSettings resilience,
			List<ProviderClient> clients) {
		ProviderResilienceFactory factory = decorators(registries, resilience);
		LatencyTracker latencies = new LatencyTracker();
		RoutePlanner planner = new RoutePlanner(clients.stream().map(factory::create).toList(),
				EnumSet.allOf(DegradationLevel.class), RoutingStrategy.PRIORITY,
				new PriceTable(Map.of(), PriceTable.builtIn()), latencies,
				new InMemoryBudgetTracker(BudgetSettings.unlimited(), Clock.systemUTC()));
		return new FailoverRouter(planner, ROUTING, latencies, TimeoutScheduler::shared);
	}

	/**
	 * Decorates clients as the auto-configuration does, with their time limits on the
	 * shared timeout timer.
	 * @param registries where the Resilience4j instances live
	 * @param resilience the Resilience4j defaults
	 * @return the factory
	 */
	static ProviderResilienceFactory decorators(ResilienceRegistries registries, ResilienceSettings resilience) {
		return new ProviderResilienceFactory(registries, Resilience4jProperties.none(), resilience,
				ObservationRegistry.NOOP, TimeoutScheduler::shared);
	}

}
