package dev.llmfallback.actuator;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import dev.llmfallback.DegradationLevel;
import dev.llmfallback.Tier;
import dev.llmfallback.cost.BudgetStatus;
import dev.llmfallback.cost.BudgetTracker;
import dev.llmfallback.degradation.CaffeineResponseCache;
import dev.llmfallback.degradation.ResponseCache;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.resilience.BreakerWaits;

/**
 * A read-only view of the router for operators: providers and their breakers, the best
 * level a new request can reach, budgets, cache and recent events. Reading it never calls
 * a provider.
 */
public class RouterState {

	private final List<ProviderSettings> providers;

	private final CircuitBreakerRegistry circuitBreakers;

	private final BreakerWaits breakerWaits;

	private final Set<DegradationLevel> levels;

	private final BudgetTracker budget;

	private final ResponseCache cache;

	private final RoutingEventLog events;

	/**
	 * Create the view.
	 * @param providers the configured providers
	 * @param circuitBreakers the registry holding their breakers
	 * @param levels the degradation levels that exist
	 * @param budget the spend budgets
	 * @param cache the response cache
	 * @param events the recent events
	 */
	public RouterState(List<ProviderSettings> providers, CircuitBreakerRegistry circuitBreakers,
			Set<DegradationLevel> levels, BudgetTracker budget, ResponseCache cache, RoutingEventLog events) {
		this(providers, circuitBreakers, new BreakerWaits(), levels, budget, cache, events);
	}

	/**
	 * Create the view, with when each open breaker lets a probe through.
	 * @param providers the configured providers
	 * @param circuitBreakers the registry holding their breakers
	 * @param breakerWaits how long each breaker still refuses calls, as the router keeps
	 * it
	 * @param levels the degradation levels that exist
	 * @param budget the spend budgets
	 * @param cache the response cache
	 * @param events the recent events
	 */
	public RouterState(List<ProviderSettings> providers, CircuitBreakerRegistry circuitBreakers,
			BreakerWaits breakerWaits, Set<DegradationLevel> levels, BudgetTracker budget, ResponseCache cache,
			RoutingEventLog events) {
		this.providers = List.copyOf(providers);
		this.circuitBreakers = circuitBreakers;
		this.breakerWaits = breakerWaits;
		this.levels = Set.copyOf(levels);
		this.budget = budget;
		this.cache = cache;
		this.events = events;
	}

	/**
	 * Every provider, by priority.
	 * @return the views
	 */
	public List<ProviderView> providers() {
		return this.providers.stream().map(this::view).toList();
	}

	/**
	 * One provider.
	 * @param name the provider's name
	 * @return its view, or empty when no provider has that name
	 */
	public Optional<ProviderView> provider(String name) {
		return this.providers.stream().filter((provider) -> provider.name().equals(name)).findFirst().map(this::view);
	}

	/**
	 * The provider's circuit breaker.
	 * @param name the provider's name
	 * @return the breaker, or empty when no provider has that name
	 */
	public Optional<CircuitBreaker> circuitBreaker(String name) {
		return this.providers.stream()
			.filter((provider) -> provider.name().equals(name))
			.findFirst()
			.map((provider) -> this.circuitBreakers.circuitBreaker(provider.name()));
	}

	/**
	 * The best level a new request can reach now: the strongest tier with a provider
	 * whose breaker lets calls through and whose tier the budgets allow, else cached,
	 * else static.
	 * @return the level
	 */
	public DegradationLevel reachableLevel() {
		BudgetStatus budgetStatus = this.budget.status();
		for (Tier tier : Tier.values()) {
			boolean reachable = this.levels.contains(tier.level()) && budgetStatus.allows(tier)
					&& this.providers.stream()
						.anyMatch((provider) -> provider.tier() == tier && permitsCalls(provider.name()));
			if (reachable) {
				return tier.level();
			}
		}
		return this.levels.contains(DegradationLevel.CACHED) ? DegradationLevel.CACHED : DegradationLevel.STATIC;
	}

	/**
	 * The spend budgets.
	 * @return their status
	 */
	public BudgetStatus budget() {
		return this.budget.status();
	}

	/**
	 * The response cache's counters, when it keeps any.
	 * @return size, hits, misses and evictions, or an empty map
	 */
	public Map<String, Object> cache() {
		Map<String, Object> stats = new LinkedHashMap<>();
		if (this.cache instanceof CaffeineResponseCache caffeine) {
			stats.put("size", caffeine.size());
			stats.put("hits", caffeine.stats().hitCount());
			stats.put("misses", caffeine.stats().missCount());
			stats.put("evictions", caffeine.stats().evictionCount());
		}
		return stats;
	}

	/**
	 * The recent events.
	 * @return the log
	 */
	public RoutingEventLog events() {
		return this.events;
	}

	private boolean permitsCalls(String name) {
		CircuitBreaker.State state = this.circuitBreakers.circuitBreaker(name).getState();
		return state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN;
	}

	private ProviderView view(ProviderSettings provider) {
		CircuitBreaker breaker = this.circuitBreakers.circuitBreaker(provider.name());
		CircuitBreaker.Metrics metrics = breaker.getMetrics();
		Duration left = this.breakerWaits.remaining(breaker);
		return new ProviderView(provider.name(), provider.type().id(), provider.model(),
				provider.tier().name().toLowerCase(Locale.ROOT), breaker.getState().name(), metrics.getFailureRate(),
				metrics.getSlowCallRate(), metrics.getNumberOfBufferedCalls(), metrics.getNumberOfFailedCalls(),
				metrics.getNumberOfNotPermittedCalls(), this.events.lastError(provider.name()).orElse(null),
				(left != null) ? Instant.now().plus(left) : null);
	}

}
