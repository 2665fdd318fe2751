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
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.test.StepVerifier;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.DegradationLevel;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.Tier;
import dev.llmfallback.Usage;
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
import static org.awaitility.Awaitility.await;

/**
 * The cost of real answers of each wire format: the usage the provider reports times the
 * configured price, counted once against the budget; a stream that ends without its usage
 * counts an estimate of what it delivered.
 */
class CostTests {

	private static final PriceTable PRICES = new PriceTable(Map.of("p", Price.of("3", "15", "0.3")), Map.of());

	private static final String OPENAI_STREAM = "openai/examples/chat-completion-stream-text.sse";

	private final MockWebServer server = new MockWebServer();

	private final ProviderWebClients webClients = new ProviderWebClients(WebClient.builder(), List.of());

	private final InMemoryBudgetTracker budget = new InMemoryBudgetTracker(
			new BudgetSettings(null, null, new BigDecimal("1000"), 0.8, Tier.BASIC), Clock.systemUTC());

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

	@ParameterizedTest
	@CsvSource({ "OPENAI, /v1, openai/examples/chat-completion-stream-text.sse, gpt-4o",
			"ANTHROPIC, '', anthropic/examples/recorded/messages-stream.sse, claude-sonnet-4-20250514",
			"GOOGLE, '', gemini/examples/recorded/stream-generate-content.sse, gemini-2.5-flash" })
	void streamedAnswerCostsTheReportedUsageTimesThePriceAndCountsOnce(ProviderType type, String path, String payload,
			String model) {
		this.server.enqueue(ContractPayloads.sse(payload));
		ProviderSettings provider = provider(type, path, model);

		ChatResponse response = ChatResponse.fromChunks(
				router(provider, PRICES).stream(ChatRequest.of("hello")).collectList().block(Duration.ofSeconds(5)));

		Usage usage = response.usage();
		assertThat(usage.outputTokens()).isPositive();
		BigDecimal expected = BigDecimal.valueOf(usage.inputTokens() * 3 + usage.outputTokens() * 15)
			.divide(BigDecimal.valueOf(1_000_000));
		assertThat(response.cost()).hasValueSatisfying((cost) -> assertThat(cost).isEqualByComparingTo(expected));
		assertThat(spent()).isEqualByComparingTo(expected);
	}

	@Test
	void streamItsCallerStopsReadingCountsAnEstimateOfWhatWasDelivered() {
		String events = ContractPayloads.read(OPENAI_STREAM);
		this.server.enqueue(new MockResponse().addHeader("Content-Type", "text/event-stream")
			.setBody(events)
			.throttleBody(ContractPayloads.eventStart(events, 2), 1, TimeUnit.SECONDS));

		List<ChatChunk> read = router(provider(ProviderType.OPENAI, "/v1", "gpt-4o"), PRICES)
			.stream(ChatRequest.of("hello"))
			.take(1)
			.collectList()
			.block(Duration.ofSeconds(5));

		assertThat(read).singleElement().satisfies((chunk) -> assertThat(chunk.text()).isEqualTo("I'm"));
		// "hello" is about 6 tokens with its message's overhead; "I'm" about 1
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(spent()).isEqualByComparingTo(dollars(6 * 3 + 1 * 15)));
	}

	@Test
	void streamCutByItsProviderCountsAnEstimateOfWhatWasDelivered() {
		String events = ContractPayloads.read(OPENAI_STREAM);
		this.server.enqueue(new MockResponse().addHeader("Content-Type", "text/event-stream")
			.setBody(events.substring(0, ContractPayloads.eventStart(events, 3)))
			.setSocketPolicy(SocketPolicy.DISCONNECT_AT_END));

		StepVerifier
			.create(router(provider(ProviderType.OPENAI, "/v1", "gpt-4o"), PRICES).stream(ChatRequest.of("hello"))
				.map(ChatChunk::text))
			.expectNext("I'm", " unable")
			.expectError(LlmException.class)
			.verify(Duration.ofSeconds(5));

		// "I'm unable" is about 3 tokens
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(spent()).isEqualByComparingTo(dollars(6 * 3 + 3 * 15)));
	}

	private ProviderSettings provider(ProviderType type, String path, String model) {
		return new ProviderSettings("p", type, model, 1, Tier.FULL,
				URI.create(this.server.url(path).toString().replaceAll("/$", "")), "test-key", null,
				new ProviderTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5)), null, null,
				Map.of());
	}

	private BigDecimal spent() {
		return this.budget.status().windows().get(0).spent();
	}

	private static BigDecimal dollars(long microDollars) {
		return BigDecimal.valueOf(microDollars).divide(BigDecimal.valueOf(1_000_000));
	}

	private FailoverRouter router(ProviderSettings provider, PriceTable prices) {
		ProviderResilienceFactory resilience = new ProviderResilienceFactory(ResilienceRegistries.ofDefaults(),
				Resilience4jProperties.none(), ResilienceSettings.defaults());
		ProviderResilience client = resilience
			.create(new DefaultProviderClientFactory(this.webClients, new ObjectMapper()).create(provider));
		RoutePlanner planner = new RoutePlanner(List.of(client), EnumSet.allOf(DegradationLevel.class),
				RoutingStrategy.PRIORITY, prices, new LatencyTracker(), this.budget);
		return new FailoverRouter(planner, new RoutingSettings(new FallbackPolicy(Set.of(), Set.of(ErrorKind.TIMEOUT)),
				Duration.ofSeconds(10), null), new LatencyTracker());
	}

}
