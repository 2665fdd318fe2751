package dev.llmfallback.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.observation.ObservationRegistry;

import dev.llmfallback.LlmRouter;
import dev.llmfallback.LlmRouterListener;
import dev.llmfallback.actuator.RouterState;
import dev.llmfallback.actuator.RoutingEventLog;
import dev.llmfallback.cost.BudgetTracker;
import dev.llmfallback.cost.InMemoryBudgetTracker;
import dev.llmfallback.cost.PriceTable;
import dev.llmfallback.degradation.CaffeineResponseCache;
import dev.llmfallback.degradation.DegradingRouter;
import dev.llmfallback.degradation.ResponseCache;
import dev.llmfallback.provider.ProviderClientFactory;
import dev.llmfallback.resilience.BreakerWaits;
import dev.llmfallback.resilience.ProviderResilience;
import dev.llmfallback.resilience.ProviderResilienceFactory;
import dev.llmfallback.resilience.ResilienceRegistries;
import dev.llmfallback.timeout.TimeoutScheduler;
import dev.llmfallback.routing.FailoverRouter;
import dev.llmfallback.routing.LatencyTracker;
import dev.llmfallback.routing.RoutePlanner;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The router: providers walked level by level through their Resilience4j decorators, then
 * the response cache and the static message; with the price table and spend budgets it
 * consults.
 */
@Configuration(proxyBeanMethods = false)
class RouterConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PriceTable llmPriceTable(LlmSettings settings) {
		return new PriceTable(settings.prices(), PriceTable.builtIn());
	}

	@Bean
	@ConditionalOnMissingBean
	BudgetTracker llmBudgetTracker(LlmSettings settings) {
		return new InMemoryBudgetTracker(settings.budget(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	ResponseCache llmResponseCache(LlmProperties properties) {
		return new CaffeineResponseCache(properties.getCache().getMaxSize(), properties.getCache().getTtl());
	}

	@Bean
	@ConditionalOnMissingBean
	LatencyTracker llmLatencyTracker() {
		return new LatencyTracker();
	}

	@Bean
	@ConditionalOnMissingBean
	RoutingEventLog llmRoutingEventLog(LlmProperties properties, BudgetTracker budget) {
		return new RoutingEventLog(properties.getEndpoint().getEvents(), Clock.systemUTC(), budget);
	}

	@Bean
	@ConditionalOnMissingBean
	RouterState llmRouterState(LlmSettings settings, ResilienceRegistries registries, BreakerWaits breakerWaits,
			BudgetTracker budget, ResponseCache cache, RoutingEventLog events) {
		return new RouterState(settings.providers(), registries.circuitBreakers(), breakerWaits,
				settings.degradation().levels(), budget, cache, events);
	}

	@Bean
	@ConditionalOnMissingBean
	LlmRouter llmRouter(LlmSettings settings, ProviderClientFactory clientFactory,
			ProviderResilienceFactory resilienceFactory, PriceTable prices, BudgetTracker budget,
			LatencyTracker latencies, ResponseCache cache, RoutingEventLog events,
			ObjectProvider<LlmRouterListener> listeners, LlmProperties properties,
			ObjectProvider<ObservationRegistry> observations, ListableBeanFactory beans) {
		List<ProviderResilience> providers = settings.providers()
			.stream()
			.map(clientFactory::create)
			.map(resilienceFactory::create)
			.toList();
		providers.forEach((provider) -> events.watch(provider.circuitBreaker()));
		RoutePlanner planner = new RoutePlanner(providers, settings.degradation().levels(), settings.strategy(), prices,
				latencies, budget);
		List<LlmRouterListener> allListeners = new ArrayList<>(listeners.orderedStream().toList());
		if (!allListeners.contains(events)) {
			allListeners.add(events);
		}
		return new DegradingRouter(new FailoverRouter(planner, settings.routing(), latencies, TimeoutScheduler::shared),
				cache, settings.degradation(), allListeners,
				RouterObservations.registry(properties, observations, beans));
	}

}
