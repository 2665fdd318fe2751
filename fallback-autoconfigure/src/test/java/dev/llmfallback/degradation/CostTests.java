package dev.llmfallback.degradation;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.DegradationLevel;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.Tier;
import dev.llmfallback.cost.BudgetSettings;
import dev.llmfallback.cost.InMemoryBudgetTracker;
import dev.llmfallback.cost.Price;
import dev.llmfallback.cost.PriceTable;
import dev.llmfallback.provider.ContractPayloads;
import dev.llmfallback.provider.DefaultProviderClientFactory;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.provider.ProviderTimeouts;
import dev.llmfallback.provider.ProviderType;
import dev.llmfallback.provider.ProviderWebClients;
import dev.llmfallback.resilience.ProviderResilience;
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
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cost of real answers of each wire format: the usage the provider reports times the
 * configured price.
 */
class CostTests {

	private final MockWebServer server = new MockWebServer();

	private final ProviderWebClients webClients = new ProviderWebClients(WebClient.builder(), List.of());

	@AfterEach
	void close() throws IOException {
		this.webClients.close();
		this.server.shutdown();
	}

	@ParameterizedTest
	@CsvSource({ "OPENAI, /v1, openai/examples/chat-completion.json, gpt-4o, 14, 37",
			"ANTHROPIC, '', anthropic/examples/recorded/messages.json, claude-sonnet-4-20250514, 17, 220",
			"GOOGLE, '', gemini/examples/recorded/generate-content.json, gemini-2.5-flash, 5, 1935" })
	void costIsTheReportedUsageTimesTheConfiguredPrice(ProviderType type, String path, String payload, String model,
			long inputTokens, long outputTokens) throws IOException {
		this.server.enqueue(ContractPayloads.json(payload));
		ProviderSettings provider = new ProviderSettings("p", type, model, 1, Tier.FULL,
				URI.create(this.server.url(path).toString().replaceAll("/$", "")), "test-key", null,
				new ProviderTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5)), null, null,
				Map.of());
		Price price = Price.of("3", "15", "0.3");
		PriceTable prices = new PriceTable(Map.of("p", price), Map.of());
		ChatResponse response = router(provider, prices).call(ChatRequest.of("hello"));
		assertThat(response.usage().inputTokens()).isEqualTo(inputTokens);
		assertThat(response.usage().outputTokens()).isEqualTo(outputTokens);
		BigDecimal expected = BigDecimal.valueOf(inputTokens * 3 + outputTokens * 15)
			.divide(BigDecimal.valueOf(1_000_000));
		assertThat(response.cost()).hasValueSatisfying((cost) -> assertThat(cost).isEqualByComparingTo(expected));
	}

	@ParameterizedTest
	@CsvSource({ "OPENAI, /v1, openai/examples/chat-completion.json",
			"ANTHROPIC, '', anthropic/examples/recorded/messages.json",
			"GOOGLE, '', gemini/examples/recorded/generate-content.json" })
	void unknownPriceGivesAnUnknownCost(ProviderType type, String path, String payload) {
		this.server.enqueue(ContractPayloads.json(payload));
		ProviderSettings provider = new ProviderSettings("p", type, "a-model-nobody-prices", 1, Tier.FULL,
				URI.create(this.server.url(path).toString().replaceAll("/$", "")), "test-key", null,
				new ProviderTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5)), null, null,
				Map.of());
		ChatResponse response = router(provider, new PriceTable(Map.of(), PriceTable.builtIn()))
			.call(ChatRequest.of("hello"));
		assertThat(response.cost()).isEmpty();
	}

	private FailoverRouter router(ProviderSettings provider, PriceTable prices) {
		ProviderResilienceFactory resilience = new ProviderResilienceFactory(ResilienceRegistries.ofDefaults(),
				Resilience4jProperties.none(), ResilienceSettings.defaults());
		ProviderResilience client = resilience
			.create(new DefaultProviderClientFactory(this.webClients, new ObjectMapper()).create(provider));
		RoutePlanner planner = new RoutePlanner(List.of(client), EnumSet.allOf(DegradationLevel.class),
				RoutingStrategy.PRIORITY, prices, new LatencyTracker(),
				new InMemoryBudgetTracker(BudgetSettings.unlimited(), Clock.systemUTC()));
		return new FailoverRouter(planner, new RoutingSettings(new FallbackPolicy(Set.of(), Set.of(ErrorKind.TIMEOUT)),
				Duration.ofSeconds(10), null), new LatencyTracker());
	}

}
