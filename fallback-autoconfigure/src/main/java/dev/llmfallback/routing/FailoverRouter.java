package dev.llmfallback.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import dev.llmfallback.Attempt;
import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.DegradationLevel;
import dev.llmfallback.LlmException;
import dev.llmfallback.LlmRouter;
import dev.llmfallback.Message;
import dev.llmfallback.cost.BudgetSettings;
import dev.llmfallback.cost.InMemoryBudgetTracker;
import dev.llmfallback.cost.PriceTable;
import dev.llmfallback.provider.ProviderErrors;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.resilience.AttemptLog;
import dev.llmfallback.resilience.ProviderResilience;
import dev.llmfallback.resilience.StreamInterruptedException;
import dev.llmfallback.timeout.TimeLimitedFlux;
import dev.llmfallback.timeout.TimeLimitedMono;

/**
 * An {@link LlmRouter} that tries providers in priority order, each through its
 * Resilience4j decorators, and moves on when the {@link FallbackPolicy} says so, within
 * the request's deadline. With hedging on, the next provider also starts when the current
 * one is slow, and the first answer wins. Every failed call and skipped provider is
 * recorded in the answer, or in the one exception the caller gets when no provider could
 * answer.
 */
public class FailoverRouter implements LlmRouter {

	private static final String CONTINUE = "Continue your previous answer exactly where it stopped, "
			+ "without repeating any of it.";

	private final RoutePlanner planner;

	private final RoutingSettings settings;

	private final CandidateSelector selector = new CandidateSelector();

	private final LatencyTracker latencies;

	private final Supplier<Scheduler> timeouts;

	/**
	 * Create a router whose request deadlines run on {@code Schedulers.parallel()}.
	 * @param planner orders the providers of each request
	 * @param settings how to walk them
	 * @param latencies where recent answer times are kept
	 */
	public FailoverRouter(RoutePlanner planner, RoutingSettings settings, LatencyTracker latencies) {
		this(planner, settings, latencies, Schedulers::parallel);
	}

	/**
	 * Create a router.
	 * @param planner orders the providers of each request
	 * @param settings how to walk them
	 * @param latencies where recent answer times are kept
	 * @param timeouts the scheduler request deadlines run on, looked up per request (so
	 * that a test's virtual time can replace {@code Schedulers.parallel()})
	 */
	public FailoverRouter(RoutePlanner planner, RoutingSettings settings, LatencyTracker latencies,
			Supplier<Scheduler> timeouts) {
		this.planner = planner;
		this.settings = settings;
		this.latencies = latencies;
		this.timeouts = timeouts;
	}

	/**
	 * Create a router over providers tried by priority, every tier, the built-in prices
	 * and no budget.
	 * @param providers the decorated providers, in the order they are tried
	 * @param settings how to walk them
	 */
	public FailoverRouter(List<ProviderResilience> providers, RoutingSettings settings) {
		this(new RoutePlanner(providers, EnumSet.allOf(DegradationLevel.class), RoutingStrategy.PRIORITY,
				new PriceTable(Map.of(), PriceTable.builtIn()), new LatencyTracker(),
				new InMemoryBudgetTracker(BudgetSettings.unlimited(), Clock.systemUTC())), settings,
				new LatencyTracker());
	}

	@Override
	public Mono<ChatResponse> chat(ChatRequest request) {
		return chat(request, null);
	}

	/**
	 * Route a chat, handing its attempt log to {@code started} as each subscription
	 * starts, for a caller that cancels it to read the attempts that failed before.
	 * @param request the request
	 * @param started told the attempt log of each subscription, or {@code null}
	 * @return the answer
	 */
	public Mono<ChatResponse> chat(ChatRequest request, Consumer<AttemptLog> started) {
		return Mono.defer(() -> {
			RequestState state = start(started);
			Duration deadline = deadline(request);
			return TimeLimitedMono.of(chat(request, this.planner.plan(request, state.log), state), deadline,
					() -> state.deadlinePassed(deadline), this.timeouts.get());
		});
	}

	@Override
	public Flux<ChatChunk> stream(ChatRequest request) {
		return stream(request, null);
	}

	/**
	 * Route a stream, handing its attempt log to {@code started} as each subscription
	 * starts, for a caller that cancels it to read the attempts that failed before.
	 * @param request the request
	 * @param started told the attempt log of each subscription, or {@code null}
	 * @return the chunks
	 */
	public Flux<ChatChunk> stream(ChatRequest request, Consumer<AttemptLog> started) {
		return Flux.defer(() -> {
			RequestState state = start(started);
			Duration deadline = deadline(request);
			return TimeLimitedFlux.firstWithin(stream(request, this.planner.plan(request, state.log), state), deadline,
					() -> state.deadlinePassed(deadline), this.timeouts.get());
		});
	}

	private RequestState start(Consumer<AttemptLog> started) {
		RequestState state = new RequestState(new AttemptLog(this.settings.maxAttempts()));
		if (started != null) {
			started.accept(state.log);
		}
		return state;
	}

	private Mono<ChatResponse> chat(ChatRequest request, List<ProviderResilience> candidates, RequestState state) {
		if (candidates.isEmpty()) {
			return Mono.error(state.nothingLeft(request));
		}
		ChatAttempt chatAttempt = new ChatAttempt(request, candidates, state);
		Mono<ChatResponse> attempt = Mono.defer(chatAttempt);
		if (!hedges(candidates)) {
			return attempt.onErrorResume(chatAttempt::failed);
		}
		ProviderResilience provider = chatAttempt.provider;
		Sinks.Empty<Void> failed = Sinks.empty();
		Mono<ChatResponse> first = attempt.doOnError((ex) -> {
			state.finished(provider);
			failed.tryEmitEmpty();
		});
		Mono<ChatResponse> hedge = Mono.firstWithSignal(Mono.delay(hedgeDelay(provider)).then(), failed.asMono())
			.then(Mono.defer(() -> chat(request, this.selector.rest(candidates), state)));
		return Mono.firstWithValue(first, hedge).onErrorMap((ex) -> state.failedHedge(ex));
	}

	private Flux<ChatChunk> stream(ChatRequest request, List<ProviderResilience> candidates, RequestState state) {
		if (candidates.isEmpty()) {
			return Flux.error(state.nothingLeft(request));
		}
		ProviderResilience provider = candidates.get(0);
		Flux<ChatChunk> attempt = Flux.defer(() -> {
			long start = state.started(provider);
			StreamSpend spend = new StreamSpend(this.planner, provider.settings(), request);
			return this.planner.counted(provider, provider.stream(request, state.log))
				.map((chunk) -> delivered(chunk, provider, spend, state, start))
				.doFinally((signal) -> finished(signal, provider, spend, state));
		}).onErrorResume(StreamInterruptedException.class, (ex) -> resume(request, candidates, ex, state));
		if (!hedges(candidates)) {
			return attempt.onErrorResume(
					(ex) -> fallback(candidates, ex, state, (next) -> stream(request, next, state), Flux::error));
		}
		Sinks.Empty<Void> failed = Sinks.empty();
		Flux<ChatChunk> first = attempt.doOnError((ex) -> failed.tryEmitEmpty());
		Flux<ChatChunk> hedge = Mono.firstWithSignal(Mono.delay(hedgeDelay(provider)).then(), failed.asMono())
			.thenMany(Flux.defer(() -> stream(request, this.selector.rest(candidates), state)));
		return Flux.firstWithValue(first, hedge).onErrorMap((ex) -> state.failedHedge(ex));
	}

	/**
	 * A stream cut after its first chunk: it ends with the text delivered so far or, when
	 * configured and no tool call was under way, the next provider continues it.
	 */
	private Flux<ChatChunk> resume(ChatRequest request, List<ProviderResilience> candidates,
			StreamInterruptedException interrupted, RequestState state) {
		LlmException cause = interrupted.getCause();
		String text = state.deliveredText();
		List<ProviderResilience> next = (this.settings.resumeStreams() && !state.deliveredToolCall())
				? next(candidates, cause, state) : List.of();
		if (next.isEmpty()) {
			return Flux.error(cause.afterPartialAnswer(state.log.attempts(), text));
		}
		ChatRequest continuation = request.toBuilder().message(Message.assistant(text)).user(CONTINUE).build();
		return stream(continuation, next, state);
	}

	private <P> P fallback(List<ProviderResilience> candidates, Throwable ex, RequestState state,
			Function<List<ProviderResilience>, P> tryNext, Function<Throwable, P> fail) {
		if (ex instanceof LlmException llmException && !llmException.partialText().isEmpty()) {
			return fail.apply(ex);
		}
		LlmException error = ProviderErrors.fromTransport(candidates.get(0).settings().name(), ex);
		List<ProviderResilience> next = next(candidates, error, state);
		return next.isEmpty() ? fail.apply(state.failed(error)) : tryNext.apply(next);
	}

	private List<ProviderResilience> next(List<ProviderResilience> candidates, LlmException error, RequestState state) {
		if (!error.attempts().isEmpty() || state.log.capReached()
				|| !this.settings.fallbackPolicy().shouldFallback(error)) {
			return List.of();
		}
		return this.selector.after(candidates, error);
	}

	/**
	 * A chunk on its way to the caller, marked with its level; the final one also carries
	 * its cost and the request's attempts, and the first one the attempts before it, if
	 * any, for those who act on a failover at the first token (the gateway's headers).
	 */
	private ChatChunk delivered(ChatChunk chunk, ProviderResilience provider, StreamSpend spend, RequestState state,
			long start) {
		ChatChunk counted = spend.delivered(chunk.withLevel(provider.settings().tier().level()));
		boolean first = state.delivered(provider, counted, this.latencies, start);
		if (counted.isFinal()) {
			return counted.withAttempts(state.log.attempts());
		}
		if (first) {
			List<Attempt> before = state.log.attempts();
			return before.isEmpty() ? counted : counted.withAttempts(before);
		}
		return counted;
	}

	/**
	 * A stream that ended by itself is no longer in flight; one cancelled stays listed,
	 * so that a deadline names it.
	 */
	private static void finished(SignalType signal, ProviderResilience provider, StreamSpend spend,
			RequestState state) {
		spend.ended();
		if (signal != SignalType.CANCEL) {
			state.finished(provider);
		}
	}

	private boolean hedges(List<ProviderResilience> candidates) {
		return this.settings.hedging().enabled() && candidates.size() > 1;
	}

	private Duration hedgeDelay(ProviderResilience provider) {
		RoutingSettings.Hedging hedging = this.settings.hedging();
		if (hedging.percentile() == null) {
			return hedging.delay();
		}
		return this.latencies.percentile(provider.settings().name(), hedging.percentile()).orElse(hedging.delay());
	}

	private Duration deadline(ChatRequest request) {
		return (request.deadline() != null) ? request.deadline() : this.settings.deadline();
	}

	/**
	 * The first candidate's try at a chat, one object per try rather than a lambda per
	 * step: started when subscribed ({@link #get()}), its answer marked with its level,
	 * cost and the attempts before it ({@link #apply}), its failure passed on to the next
	 * candidate ({@link #failed}). {@code handle} would spare the failure's method
	 * reference too, but probes at one call at a time could not tell the two apart, and
	 * {@code map} is the plainer.
	 */
	private final class ChatAttempt implements Supplier<Mono<ChatResponse>>, Function<ChatResponse, ChatResponse> {

		private final ChatRequest request;

		private final List<ProviderResilience> candidates;

		private final ProviderResilience provider;

		private final RequestState state;

		private long start;

		ChatAttempt(ChatRequest request, List<ProviderResilience> candidates, RequestState state) {
			this.request = request;
			this.candidates = candidates;
			this.provider = candidates.get(0);
			this.state = state;
		}

		@Override
		public Mono<ChatResponse> get() {
			this.start = this.state.started(this.provider);
			return FailoverRouter.this.planner.counted(this.provider, this.provider.chat(this.request, this.state.log))
				.map(this);
		}

		@Override
		public ChatResponse apply(ChatResponse response) {
			this.state.finished(this.provider);
			ProviderSettings settings = this.provider.settings();
			FailoverRouter.this.latencies.record(settings.name(), System.nanoTime() - this.start);
			return response.toBuilder()
				.level(settings.tier().level())
				.cost(FailoverRouter.this.planner.spend(settings, response.usage()))
				.attempts(this.state.log.attempts())
				.build();
		}

		Mono<ChatResponse> failed(Throwable ex) {
			this.state.finished(this.provider);
			return fallback(this.candidates, ex, this.state, (next) -> chat(this.request, next, this.state),
					Mono::error);
		}

	}

}
