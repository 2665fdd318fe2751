package dev.llmfallback.autoconfigure;

import java.time.Clock;

import dev.llmfallback.LlmRouter;
import dev.llmfallback.LlmRouterListener;
import dev.llmfallback.cost.BudgetTracker;
import dev.llmfallback.cost.InMemoryBudgetTracker;
import dev.llmfallback.cost.PriceTable;
import dev.llmfallback.degradation.CaffeineResponseCache;
import dev.llmfallback.degradation.DegradingRouter;
import dev.llmfallback.degradation.ResponseCache;
import dev.llmfallback.provider.ProviderClientFactory;
import dev.llmfallback.resilience.ProviderResilienceFactory;
import dev.llmfallback.routing.FailoverRouter;
import dev.llmfallback.routing.LatencyTracker;
import dev.llmfallback.routing.RoutePlanner;
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
	LlmRouter llmRouter(LlmSettings settings, ProviderClientFactory clientFactory,
			ProviderResilienceFactory resilienceFactory, PriceTable prices, BudgetTracker budget,
			LatencyTracker latencies, ResponseCache cache, ObjectProvider<LlmRouterListener> listeners) {
		RoutePlanner planner = new RoutePlanner(
				settings.providers().stream().map(clientFactory::create).map(resilienceFactory::create).toList(),
				settings.degradation().levels(), settings.strategy(), prices, latencies, budget);
		return new DegradingRouter(new FailoverRouter(planner, settings.routing(), latencies), cache,
				settings.degradation(), listeners.orderedStream().toList());
	}

}
