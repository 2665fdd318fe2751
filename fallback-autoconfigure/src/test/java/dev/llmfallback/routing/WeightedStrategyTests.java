package dev.llmfallback.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.llmfallback.Attempt;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.DegradationLevel;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.Tier;
import dev.llmfallback.cost.BudgetSettings;
import dev.llmfallback.cost.InMemoryBudgetTracker;
import dev.llmfallback.cost.PriceTable;
import dev.llmfallback.resilience.AttemptLog;
import dev.llmfallback.resilience.ProviderResilience;
import dev.llmfallback.resilience.ProviderResilienceFactory;
import dev.llmfallback.resilience.Resilience4jProperties;
import dev.llmfallback.resilience.ResilienceRegistries;
import dev.llmfallback.resilience.ResilienceSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The weighted strategy: a random order for each request, each provider first in
 * proportion to its weight. The shares are counted over thousands of plans and checked to
 * within five standard deviations, so a fair draw passes and an ignored weight fails.
 */
class WeightedStrategyTests {

	private static final int PLANS = 8000;

	@Test
	void eachProviderIsFirstInProportionToItsWeight() {
		RoutePlanner planner = planner(provider("a", 1, Tier.FULL, 2), provider("b", 2, Tier.FULL, 1),
				provider("c", 3, Tier.FULL, 1));
		Map<String, Double> firstShares = shares(planner, ChatRequest.of("hi"), (plan) -> plan.get(0));
		assertShare(firstShares, "a", 0.50);
		assertShare(firstShares, "b", 0.25);
		assertShare(firstShares, "c", 0.25);
	}

	@Test
	void everyPlanStillListsEveryProviderOnce() {
		RoutePlanner planner = planner(provider("a", 1, Tier.FULL, 5), provider("b", 2, Tier.FULL, 1),
				provider("c", 3, Tier.FULL, 1));
		for (int i = 0; i < 100; i++) {
			assertThat(names(planner.plan(ChatRequest.of("hi"), log()))).containsExactlyInAnyOrder("a", "b", "c");
		}
	}

	@Test
	void theProvidersAfterTheFirstFollowInADrawOfTheirOwn() {
		// weights 4, 2 and 1: 'b' is second after 'a' (4/7 of the plans, then 2/3) or
		// after 'c' (1/7, then 2/6), in 9/21 of them; 'a' after 'b' or 'c' in 34/105
		RoutePlanner planner = planner(provider("a", 1, Tier.FULL, 4), provider("b", 2, Tier.FULL, 2),
				provider("c", 3, Tier.FULL, 1));
		Map<String, Double> secondShares = shares(planner, ChatRequest.of("hi"), (plan) -> plan.get(1));
		assertShare(secondShares, "b", 9.0 / 21);
		assertShare(secondShares, "a", 34.0 / 105);
		assertShare(secondShares, "c", 26.0 / 105);
	}

	@Test
	void aProviderOfWeightZeroComesOnlyAfterTheOthersOfItsTier() {
		RoutePlanner planner = planner(provider("backup", 1, Tier.FULL, 0), provider("a", 2, Tier.FULL, 1),
				provider("b", 3, Tier.FULL, 1), provider("small", 4, Tier.BASIC, 1));
		Map<String, Double> firstShares = shares(planner, ChatRequest.of("hi"), (plan) -> plan.get(0));
		assertThat(firstShares).containsOnlyKeys("a", "b");
		for (int i = 0; i < 100; i++) {
			assertThat(names(planner.plan(ChatRequest.of("hi"), log())).subList(2, 4)).containsExactly("backup",
					"small");
		}
	}

	@Test
	void providersOfWeightZeroKeepTheirPriorityAmongThemselves() {
		RoutePlanner planner = planner(provider("a", 1, Tier.FULL, 0), provider("b", 2, Tier.FULL, 0),
				provider("c", 3, Tier.FULL, 0));
		for (int i = 0; i < 100; i++) {
			assertThat(names(planner.plan(ChatRequest.of("hi"), log()))).containsExactly("a", "b", "c");
		}
	}

	@Test
	void tiersComeBeforeWeights() {
		RoutePlanner planner = planner(provider("small", 1, Tier.BASIC, 1000), provider("a", 2, Tier.FULL, 1),
				provider("b", 3, Tier.FULL, 1));
		for (int i = 0; i < 100; i++) {
			assertThat(names(planner.plan(ChatRequest.of("hi"), log())).get(2)).isEqualTo("small");
		}
	}

	@Test
	void aPreferredProviderIsFirstWhateverItsWeight() {
		RoutePlanner planner = planner(provider("a", 1, Tier.FULL, 1000), provider("b", 2, Tier.FULL, 0));
		ChatRequest preferringB = ChatRequest.builder().user("hi").preferredProvider("b").build();
		for (int i = 0; i < 100; i++) {
			assertThat(names(planner.plan(preferringB, log()))).containsExactly("b", "a");
		}
	}

	@Test
	void theProvidersOfAPreferredModelShareItsRequestsByWeight() {
		RoutePlanner planner = planner(
				factory().create(new ScriptedProviderClient("claude", "claude-sonnet-4", 1, Tier.FULL, 1000)),
				factory().create(new ScriptedProviderClient("east", "gpt-4o", 2, Tier.FULL, 3)),
				factory().create(new ScriptedProviderClient("west", "gpt-4o", 3, Tier.FULL, 1)));
		ChatRequest forGpt4o = ChatRequest.builder().user("hi").preferredModel("gpt-4o").build();
		Map<String, Double> firstShares = shares(planner, forGpt4o, (plan) -> plan.get(0));
		assertThat(firstShares).containsOnlyKeys("east", "west");
		assertShare(firstShares, "east", 0.75);
		assertThat(names(planner.plan(forGpt4o, log())).get(2)).isEqualTo("claude");
	}

	@Test
	void theDrawnProviderFailsOverToTheOthersAndSpreadsTheLoad() {
		ScriptedProviderClient a = new ScriptedProviderClient("a", 1, Tier.FULL, 1);
		ScriptedProviderClient b = new ScriptedProviderClient("b", 2, Tier.FULL, 1);
		ScriptedProviderClient backup = new ScriptedProviderClient("backup", 3, Tier.FULL, 0);
		FailoverRouter router = router(a, b, backup);
		for (int i = 0; i < 400; i++) {
			assertThat(router.call(ChatRequest.of("hi")).provider()).isIn("a", "b");
		}
		assertThat(a.calls()).isBetween(100, 300);
		assertThat(b.calls()).isBetween(100, 300);
		assertThat(backup.calls()).isZero();

		b.failAlways(ErrorKind.OVERLOADED, 529);
		for (int i = 0; i < 20; i++) {
			ChatResponse response = router.call(ChatRequest.of("hi"));
			assertThat(response.provider()).isEqualTo("a");
			assertThat(response.attempts()).extracting(Attempt::provider).isSubsetOf("b");
		}
		a.failAlways(ErrorKind.SERVER_ERROR, 503);
		ChatResponse fromBackup = router.call(ChatRequest.of("hi"));
		assertThat(fromBackup.provider()).isEqualTo("backup");
		assertThat(fromBackup.attempts()).extracting(Attempt::provider).containsExactlyInAnyOrder("a", "b");
	}

	private static Map<String, Double> shares(RoutePlanner planner, ChatRequest request,
			Function<List<ProviderResilience>, ProviderResilience> position) {
		Map<String, Long> counts = java.util.stream.IntStream.range(0, PLANS)
			.mapToObj((i) -> position.apply(planner.plan(request, log())).settings().name())
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		return counts.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue() / (double) PLANS));
	}

	/**
	 * A provider's share of {@link #PLANS} plans is {@code p}, give or take five standard
	 * deviations.
	 */
	private static void assertShare(Map<String, Double> shares, String provider, double p) {
		assertThat(shares.get(provider)).as(provider).isCloseTo(p, within(5 * Math.sqrt(p * (1 - p) / PLANS)));
	}

	private static List<String> names(List<ProviderResilience> plan) {
		return plan.stream().map((provider) -> provider.settings().name()).toList();
	}

	private static AttemptLog log() {
		return new AttemptLog(10);
	}

	private static ProviderResilience provider(String name, int priority, Tier tier, int weight) {
		return factory().create(new ScriptedProviderClient(name, priority, tier, weight));
	}

	private static RoutePlanner planner(ProviderResilience... providers) {
		return new RoutePlanner(Arrays.asList(providers), EnumSet.allOf(DegradationLevel.class),
				RoutingStrategy.WEIGHTED, new PriceTable(Map.of(), PriceTable.builtIn()), new LatencyTracker(),
				new InMemoryBudgetTracker(BudgetSettings.unlimited(), Clock.systemUTC()));
	}

	private static FailoverRouter router(ScriptedProviderClient... clients) {
		ProviderResilienceFactory factory = factory();
		RoutePlanner planner = planner(Arrays.stream(clients).map(factory::create).toArray(ProviderResilience[]::new));
		return new FailoverRouter(planner,
				new RoutingSettings(new FallbackPolicy(Set.of(429, 500, 502, 503, 529), Set.of()),
						Duration.ofSeconds(30), null),
				new LatencyTracker());
	}

	private static ProviderResilienceFactory factory() {
		ResilienceSettings noRetries = new ResilienceSettings(0, ResilienceSettings.Backoff.NONE, Duration.ofMillis(1),
				1.0, Duration.ofMillis(1), 0, Duration.ofSeconds(1), false, 5, Duration.ofSeconds(60), 1,
				Duration.ofMinutes(30));
		return new ProviderResilienceFactory(ResilienceRegistries.ofDefaults(), Resilience4jProperties.none(),
				noRetries);
	}

}
