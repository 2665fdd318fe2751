package dev.llmfallback.routing;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.DegradationLevel;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.Tier;
import dev.llmfallback.Usage;
import dev.llmfallback.cost.BudgetStatus;
import dev.llmfallback.cost.BudgetTracker;
import dev.llmfallback.cost.PriceTable;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.resilience.AttemptLog;
import dev.llmfallback.resilience.ProviderResilience;

/**
 * Orders the providers a request may try: level by level from the strongest tier down to
 * the request's minimum, each tier in the strategy's order. Providers whose level is
 * switched off are left out; those the spend budget excludes, whose context window is too
 * small for the request or whose estimated cost is above the request's cap are skipped
 * and recorded, without a call. For the least-busy strategy it also counts each
 * provider's calls in flight, which the router passes through {@link #counted}.
 */
public class RoutePlanner {

	private static final long DEFAULT_OUTPUT_TOKENS = 512;

	private static final Comparator<ProviderResilience> BY_TIER = Comparator
		.comparing((provider) -> provider.settings().tier());

	private final List<ProviderResilience> providers;

	private final Set<DegradationLevel> levels;

	private final RoutingStrategy strategy;

	private final PriceTable prices;

	private final LatencyTracker latencies;

	private final BudgetTracker budget;

	private final Map<Tier, List<ProviderResilience>> priorityOrder = new EnumMap<>(Tier.class);

	/** Each provider's calls in flight, counted only for the least-busy strategy. */
	private final Map<ProviderResilience, AtomicInteger> inFlight = new IdentityHashMap<>();

	/** Whether a request's size matters: a known context window, or ordering by cost. */
	private final boolean estimatesSize;

	/**
	 * Create a planner.
	 * @param providers the decorated providers, by priority
	 * @param levels the degradation levels that exist
	 * @param strategy the order within a tier
	 * @param prices the price table, for the cost strategy
	 * @param latencies recent answer times, for the latency strategy
	 * @param budget the spend budgets
	 */
	public RoutePlanner(List<ProviderResilience> providers, Set<DegradationLevel> levels, RoutingStrategy strategy,
			PriceTable prices, LatencyTracker latencies, BudgetTracker budget) {
		this.providers = List.copyOf(providers);
		this.levels = Set.copyOf(levels);
		this.strategy = strategy;
		this.prices = prices;
		this.latencies = latencies;
		this.budget = budget;
		this.estimatesSize = strategy == RoutingStrategy.COST
				|| providers.stream().anyMatch((provider) -> provider.settings().contextWindow() != null);
		for (Tier minimum : Tier.values()) {
			this.priorityOrder.put(minimum, accepted(minimum).toList());
		}
		if (strategy == RoutingStrategy.LEAST_BUSY) {
			this.providers.forEach((provider) -> this.inFlight.put(provider, new AtomicInteger()));
		}
	}

	/**
	 * The providers a request tries, in order.
	 * @param request the request
	 * @param log where skipped providers are recorded
	 * @return the candidates
	 */
	public List<ProviderResilience> plan(ChatRequest request, AttemptLog log) {
		BudgetStatus budgetStatus = this.budget.status();
		long inputTokens = (this.estimatesSize || request.maxCost() != null) ? TokenEstimator.inputTokens(request) : 0;
		long outputTokens = (request.maxTokens() != null) ? request.maxTokens() : DEFAULT_OUTPUT_TOKENS;
		List<ProviderResilience> ordered = order(request, inputTokens, outputTokens);
		// the ordered list itself while no provider is skipped, as on most requests
		List<ProviderResilience> candidates = null;
		for (int i = 0; i < ordered.size(); i++) {
			ProviderResilience provider = ordered.get(i);
			LlmException skip = skipped(provider.settings(), request, budgetStatus, inputTokens, outputTokens);
			if (skip != null) {
				log.record(provider.settings(), skip, Duration.ZERO);
				if (candidates == null) {
					candidates = new ArrayList<>(ordered.subList(0, i));
				}
			}
			else if (candidates != null) {
				candidates.add(provider);
			}
		}
		return (candidates != null) ? candidates : ordered;
	}

	/**
	 * Why a provider is skipped without a call: the spend budget excludes its tier, the
	 * request is too long for its context window, or its estimated cost is above the
	 * request's cap or unknown.
	 * @return the skip, or {@code null} when the provider may be called
	 */
	private LlmException skipped(ProviderSettings settings, ChatRequest request, BudgetStatus budgetStatus,
			long inputTokens, long outputTokens) {
		if (!budgetStatus.allows(settings.tier())) {
			return LlmException.skipped(ErrorKind.LOCAL_LIMIT, settings.name(),
					"spend budget " + budgetStatus.decision().name().toLowerCase() + ": tier "
							+ settings.tier().name().toLowerCase() + " not allowed");
		}
		if (settings.contextWindow() != null && inputTokens + outputTokens > settings.contextWindow()) {
			return LlmException.skipped(ErrorKind.CONTEXT_LENGTH, settings.name(),
					"estimated " + (inputTokens + outputTokens) + " tokens exceed the context window of "
							+ settings.contextWindow());
		}
		BigDecimal maxCost = request.maxCost();
		if (maxCost == null) {
			return null;
		}
		BigDecimal estimate = this.prices.cost(settings, Usage.of(inputTokens, outputTokens)).orElse(null);
		if (estimate == null) {
			return LlmException.skipped(ErrorKind.COST_CAP, settings.name(),
					"price unknown, and the request caps its cost at $" + maxCost.toPlainString());
		}
		if (estimate.compareTo(maxCost) > 0) {
			return LlmException.skipped(ErrorKind.COST_CAP, settings.name(), "estimated cost $"
					+ estimate.toPlainString() + " exceeds the request's cap of $" + maxCost.toPlainString());
		}
		return null;
	}

	/**
	 * What an answer cost, counted against the budgets.
	 * @param provider the provider that answered
	 * @param usage the tokens it consumed
	 * @return the cost, or {@code null} when the price is unknown
	 */
	public BigDecimal spend(ProviderSettings provider, Usage usage) {
		BigDecimal cost = this.prices.cost(provider, usage).orElse(null);
		this.budget.record(cost);
		return cost;
	}

	/**
	 * The spend budgets' current status.
	 * @return the status
	 */
	public BudgetStatus budgetStatus() {
		return this.budget.status();
	}

	private List<ProviderResilience> order(ChatRequest request, long inputTokens, long outputTokens) {
		boolean prefers = request.preferredProvider() != null || request.preferredModel() != null;
		boolean sorts = this.strategy == RoutingStrategy.COST || this.strategy == RoutingStrategy.LATENCY;
		List<ProviderResilience> ordered = this.priorityOrder.get(request.minimumTier());
		Comparator<ProviderResilience> group = BY_TIER;
		if (prefers || sorts) {
			group = Comparator.comparingInt((ProviderResilience provider) -> preference(provider.settings(), request))
				.thenComparing(BY_TIER);
			ordered = accepted(request.minimumTier()).sorted(group.thenComparing(within(inputTokens, outputTokens)))
				.toList();
		}
		return switch (this.strategy) {
			case WEIGHTED -> byKeyWithinGroups(ordered, group, RoutePlanner::drawKey);
			case LEAST_BUSY -> byKeyWithinGroups(ordered, group, this::callsInFlight);
			default -> ordered;
		};
	}

	/**
	 * The providers whose tier a request of this minimum accepts and whose level exists,
	 * by tier then priority.
	 */
	private Stream<ProviderResilience> accepted(Tier minimum) {
		return this.providers.stream()
			.filter((provider) -> provider.settings().tier().satisfies(minimum))
			.filter((provider) -> this.levels.contains(provider.settings().tier().level()))
			.sorted(BY_TIER);
	}

	/**
	 * Where a request's preferences put a provider: its preferred provider first, then
	 * the providers of its preferred model, then the others.
	 */
	private static int preference(ProviderSettings settings, ChatRequest request) {
		if (settings.name().equals(request.preferredProvider())) {
			return 0;
		}
		return settings.model().equals(request.preferredModel()) ? 1 : 2;
	}

	private Comparator<ProviderResilience> within(long inputTokens, long outputTokens) {
		return switch (this.strategy) {
			case PRIORITY, WEIGHTED, LEAST_BUSY -> (a, b) -> 0;
			case COST -> Comparator.comparing((ProviderResilience provider) -> this.prices
				.cost(provider.settings(), Usage.of(inputTokens, outputTokens))
				.orElse(null), Comparator.nullsLast(Comparator.naturalOrder()));
			case LATENCY -> Comparator.comparing(
					(ProviderResilience provider) -> this.latencies.average(provider.settings().name()).orElse(null),
					Comparator.nullsFirst(Comparator.<Duration>naturalOrder()));
		};
	}

	/**
	 * The providers ordered by a key taken once for each, lowest first, within each group
	 * of equals (a tier, or the providers a request prefers); equal keys keep their
	 * order.
	 */
	private static List<ProviderResilience> byKeyWithinGroups(List<ProviderResilience> ordered,
			Comparator<ProviderResilience> group, ToDoubleFunction<ProviderResilience> key) {
		ProviderResilience[] providers = ordered.toArray(new ProviderResilience[0]);
		double[] keys = new double[providers.length];
		for (int i = 0; i < providers.length; i++) {
			keys[i] = key.applyAsDouble(providers[i]);
			// an insertion sort within the group: a group holds a handful of providers
			for (int j = i; j > 0 && keys[j - 1] > keys[j] && group.compare(providers[j - 1], providers[j]) == 0; j--) {
				ProviderResilience provider = providers[j];
				providers[j] = providers[j - 1];
				providers[j - 1] = provider;
				double swapped = keys[j];
				keys[j] = keys[j - 1];
				keys[j - 1] = swapped;
			}
		}
		return List.of(providers);
	}

	/**
	 * A provider's key in one request's weighted draw: drawn from an exponential
	 * distribution whose rate is its weight, so that provider i has the smallest with
	 * probability w<sub>i</sub> / &Sigma;w, and the others in order follow as a weighted
	 * draw of their own (Efraimidis and Spirakis' weighted sampling without replacement).
	 * A weight of 0 never comes before a positive one.
	 */
	private static double drawKey(ProviderResilience provider) {
		int weight = provider.settings().weight();
		return (weight > 0) ? -Math.log(1 - ThreadLocalRandom.current().nextDouble()) / weight
				: Double.POSITIVE_INFINITY;
	}

	private double callsInFlight(ProviderResilience provider) {
		AtomicInteger calls = inFlightCounter(provider);
		return (calls != null) ? calls.get() : 0;
	}

	/** A provider's count of calls in flight, or {@code null} when none are counted. */
	private AtomicInteger inFlightCounter(ProviderResilience provider) {
		return this.inFlight.isEmpty() ? null : this.inFlight.get(provider);
	}

	/**
	 * A call to a provider, counted while it is in flight when the strategy orders by
	 * load; otherwise the call itself.
	 * @param <T> the answer's type
	 * @param provider the provider called
	 * @param call the call
	 * @return the call
	 */
	public <T> Mono<T> counted(ProviderResilience provider, Mono<T> call) {
		AtomicInteger calls = inFlightCounter(provider);
		if (calls == null) {
			return call;
		}
		return Mono.defer(() -> {
			calls.incrementAndGet();
			return call.doFinally((signal) -> calls.decrementAndGet());
		});
	}

	/**
	 * A stream from a provider, counted until it ends when the strategy orders by load;
	 * otherwise the stream itself.
	 * @param <T> the chunks' type
	 * @param provider the provider called
	 * @param stream the stream
	 * @return the stream
	 */
	public <T> Flux<T> counted(ProviderResilience provider, Flux<T> stream) {
		AtomicInteger calls = inFlightCounter(provider);
		if (calls == null) {
			return stream;
		}
		return Flux.defer(() -> {
			calls.incrementAndGet();
			return stream.doFinally((signal) -> calls.decrementAndGet());
		});
	}

}
