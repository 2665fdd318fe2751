package dev.llmfallback.actuator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import dev.llmfallback.Attempt;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.LlmRouterListener;
import dev.llmfallback.cost.BudgetStatus;
import dev.llmfallback.cost.BudgetTracker;

/**
 * The last routing events, and the last error of each provider, for the actuator
 * endpoint, health details and live dashboards.
 */
public class RoutingEventLog implements LlmRouterListener {

	private final int capacity;

	private final Clock clock;

	private final BudgetTracker budget;

	private final Deque<RoutingEvent> events = new ArrayDeque<>();

	private final Map<String, LastError> lastErrors = new ConcurrentHashMap<>();

	private final AtomicReference<BudgetStatus.Decision> budgetDecision = new AtomicReference<>(
			BudgetStatus.Decision.NORMAL);

	private final Sinks.Many<RoutingEvent> live = Sinks.many().multicast().directBestEffort();

	/**
	 * Create a log.
	 * @param capacity how many events are kept
	 * @param clock the clock events are stamped with
	 * @param budget the budgets, whose decision changes are recorded
	 */
	public RoutingEventLog(int capacity, Clock clock, BudgetTracker budget) {
		this.capacity = capacity;
		this.clock = clock;
		this.budget = budget;
	}

	/**
	 * Record the state transitions of a provider's breaker.
	 * @param circuitBreaker the breaker
	 */
	public void watch(CircuitBreaker circuitBreaker) {
		circuitBreaker.getEventPublisher()
			.onStateTransition((event) -> add(new RoutingEvent(now(), RoutingEvent.Type.BREAKER_TRANSITION,
					circuitBreaker.getName(), event.getStateTransition().getToState().name(),
					event.getStateTransition().getFromState() + " -> " + event.getStateTransition().getToState())));
	}

	@Override
	public void onAnswer(ChatRequest request, ChatResponse response, Duration duration) {
		recordAttempts(response.attempts());
		if (response.isDegraded()) {
			add(new RoutingEvent(now(), RoutingEvent.Type.DEGRADED, response.provider(), response.level().name(),
					"answered at level " + response.level().name().toLowerCase() + " after "
							+ response.attempts().size() + " failed attempts"));
		}
		checkBudget();
	}

	@Override
	public void onFailure(ChatRequest request, LlmException error, Duration duration) {
		recordAttempts(error.attempts());
		checkBudget();
	}

	/**
	 * The most recent events, newest last.
	 * @return the events
	 */
	public synchronized List<RoutingEvent> recent() {
		return List.copyOf(this.events);
	}

	/**
	 * Events as they happen.
	 * @return an endless stream of events
	 */
	public Flux<RoutingEvent> live() {
		return this.live.asFlux();
	}

	/**
	 * The last error of a provider.
	 * @param provider the provider's name
	 * @return the error, or empty when it never failed
	 */
	public Optional<LastError> lastError(String provider) {
		return Optional.ofNullable(this.lastErrors.get(provider));
	}

	private void recordAttempts(List<Attempt> attempts) {
		for (Attempt attempt : attempts) {
			Instant now = now();
			if (attempt.kind() != ErrorKind.CIRCUIT_OPEN && attempt.kind() != ErrorKind.LOCAL_LIMIT
					&& attempt.kind() != ErrorKind.COST_CAP) {
				// a skip is not a failure of the provider: keep the error that opened its
				// breaker
				this.lastErrors.put(attempt.provider(), new LastError(attempt.kind().name(), attempt.status(), now));
			}
			add(new RoutingEvent(now, RoutingEvent.Type.FAILOVER, attempt.provider(), attempt.kind().name(),
					attempt.toString()));
		}
	}

	/**
	 * Log a change of the budget's decision. Every answer checks, on every event loop at
	 * once: the shared decision is only read until it changes, so that an unchanged
	 * budget costs no write to memory the other cores then have to fetch again.
	 */
	private void checkBudget() {
		BudgetStatus.Decision decision = this.budget.status().decision();
		if (this.budgetDecision.get() == decision) {
			return;
		}
		BudgetStatus.Decision previous = this.budgetDecision.getAndSet(decision);
		if (previous != decision) {
			add(new RoutingEvent(now(), RoutingEvent.Type.BUDGET, null, decision.name(),
					"budget " + previous.name().toLowerCase() + " -> " + decision.name().toLowerCase()));
		}
	}

	private synchronized void add(RoutingEvent event) {
		this.events.addLast(event);
		while (this.events.size() > this.capacity) {
			this.events.removeFirst();
		}
		this.live.tryEmitNext(event);
	}

	private Instant now() {
		return this.clock.instant();
	}

	/**
	 * The last failure of a provider.
	 *
	 * @param kind the error kind
	 * @param status the HTTP status, or {@code null}
	 * @param at when it happened
	 */
	public record LastError(String kind, Integer status, Instant at) {

	}

}
