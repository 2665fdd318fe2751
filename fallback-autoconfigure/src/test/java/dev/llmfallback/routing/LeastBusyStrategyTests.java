package dev.llmfallback.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.DegradationLevel;
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

/**
 * The least-busy strategy: the provider with the fewest calls in flight first, counted
 * from a call's subscription to its end, however it ends.
 */
class LeastBusyStrategyTests {

	private final ProviderResilience a = provider("a", 1, Tier.FULL);

	private final ProviderResilience b = provider("b", 2, Tier.FULL);

	private final ProviderResilience c = provider("c", 3, Tier.FULL);

	private final ProviderResilience small = provider("small", 4, Tier.BASIC);

	private final RoutePlanner planner = planner(RoutingStrategy.LEAST_BUSY, this.a, this.b, this.c, this.small);

	@Test
	void idleProvidersKeepTheirPriorityOrder() {
		assertThat(plan()).containsExactly("a", "b", "c", "small");
	}

	@Test
	void theProviderWithFewestCallsInFlightComesFirst() {
		Disposable first = this.planner.counted(this.a, Mono.never()).subscribe();
		Disposable second = this.planner.counted(this.a, Mono.never()).subscribe();
		Disposable third = this.planner.counted(this.b, Mono.never()).subscribe();
		assertThat(plan()).containsExactly("c", "b", "a", "small");
		List.of(first, second, third).forEach(Disposable::dispose);
		assertThat(plan()).containsExactly("a", "b", "c", "small");
	}

	@Test
	void aCallCountsUntilItAnswersOrFails() {
		Sinks.One<String> answer = Sinks.one();
		Sinks.One<String> failure = Sinks.one();
		this.planner.counted(this.a, answer.asMono()).subscribe();
		this.planner.counted(this.b, failure.asMono()).subscribe((value) -> {
		}, (ex) -> {
		});
		assertThat(plan()).containsExactly("c", "a", "b", "small");
		answer.tryEmitValue("done");
		failure.tryEmitError(new IllegalStateException("failed"));
		assertThat(plan()).containsExactly("a", "b", "c", "small");
	}

	@Test
	void aStreamCountsUntilItEnds() {
		Sinks.Many<String> chunks = Sinks.many().unicast().onBackpressureBuffer();
		this.planner.counted(this.a, chunks.asFlux()).subscribe();
		chunks.tryEmitNext("first");
		assertThat(plan()).containsExactly("b", "c", "a", "small");
		chunks.tryEmitComplete();
		assertThat(plan()).containsExactly("a", "b", "c", "small");
	}

	@Test
	void tiersComeBeforeLoad() {
		for (ProviderResilience provider : List.of(this.a, this.b, this.c)) {
			this.planner.counted(provider, Flux.never()).subscribe();
		}
		assertThat(plan()).last().isEqualTo("small");
	}

	@Test
	void otherStrategiesCountNothing() {
		RoutePlanner priority = planner(RoutingStrategy.PRIORITY, this.a, this.b);
		Mono<String> call = Mono.never();
		assertThat(priority.counted(this.a, call)).isSameAs(call);
		Flux<String> stream = Flux.never();
		assertThat(priority.counted(this.a, stream)).isSameAs(stream);
	}

	@Test
	void theRouterCountsItsStreamsInFlight() {
		ScriptedProviderClient first = new ScriptedProviderClient("first", 1, Tier.FULL).streamWith(Flux.never());
		ScriptedProviderClient second = new ScriptedProviderClient("second", 2, Tier.FULL);
		ProviderResilienceFactory factory = factory();
		RoutePlanner planner = planner(RoutingStrategy.LEAST_BUSY, factory.create(first), factory.create(second));
		FailoverRouter router = new FailoverRouter(planner,
				new RoutingSettings(new FallbackPolicy(Set.of(503), Set.of()), Duration.ofSeconds(30), null),
				new LatencyTracker());
		Disposable open = router.stream(ChatRequest.of("hi")).subscribe();
		assertThat(first.calls()).isEqualTo(1);

		assertThat(router.call(ChatRequest.of("hi")).provider()).isEqualTo("second");
		open.dispose();
		assertThat(router.call(ChatRequest.of("hi")).provider()).isEqualTo("first");
	}

	private List<String> plan() {
		return this.planner.plan(ChatRequest.of("hi"), new AttemptLog(10))
			.stream()
			.map((provider) -> provider.settings().name())
			.toList();
	}

	private static ProviderResilience provider(String name, int priority, Tier tier) {
		return factory().create(new ScriptedProviderClient(name, priority, tier));
	}

	private static RoutePlanner planner(RoutingStrategy strategy, ProviderResilience... providers) {
		return new RoutePlanner(Arrays.asList(providers), EnumSet.allOf(DegradationLevel.class), strategy,
				new PriceTable(Map.of(), PriceTable.builtIn()), new LatencyTracker(),
				new InMemoryBudgetTracker(BudgetSettings.unlimited(), Clock.systemUTC()));
	}

	private static ProviderResilienceFactory factory() {
		return new ProviderResilienceFactory(ResilienceRegistries.ofDefaults(), Resilience4jProperties.none(),
				ResilienceSettings.defaults());
	}

}
