package dev.llmfallback.routing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.LlmRouter;
import dev.llmfallback.provider.ProviderErrors;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.resilience.AttemptLog;
import dev.llmfallback.resilience.ProviderResilience;
import dev.llmfallback.resilience.StreamInterruptedException;

/**
 * An {@link LlmRouter} that tries providers in priority order, each through its
 * Resilience4j decorators, and moves on when the {@link FallbackPolicy} says so, within
 * the request's deadline. Every failed call and skipped provider is recorded in the
 * answer, or in the one exception the caller gets when no provider could answer.
 */
public class FailoverRouter implements LlmRouter {

	private final List<ProviderResilience> providers;

	private final RoutingSettings settings;

	private final CandidateSelector selector = new CandidateSelector();

	/**
	 * Create a router.
	 * @param providers the decorated providers, in the order they are tried
	 * @param settings how to walk them
	 */
	public FailoverRouter(List<ProviderResilience> providers, RoutingSettings settings) {
		this.providers = List.copyOf(providers);
		this.settings = settings;
	}

	@Override
	public Mono<ChatResponse> chat(ChatRequest request) {
		return Mono.defer(() -> {
			RequestState state = new RequestState(new AttemptLog(this.settings.maxAttempts()));
			Duration deadline = deadline(request);
			return chat(request, this.selector.initial(this.providers, request), state).timeout(deadline,
					Mono.defer(() -> Mono.error(state.deadlinePassed(deadline))));
		});
	}

	@Override
	public Flux<ChatChunk> stream(ChatRequest request) {
		return Flux.defer(() -> {
			RequestState state = new RequestState(new AttemptLog(this.settings.maxAttempts()));
			Duration deadline = deadline(request);
			return stream(request, this.selector.initial(this.providers, request), state).timeout(Mono.delay(deadline),
					(chunk) -> Mono.never(), Flux.defer(() -> Flux.error(state.deadlinePassed(deadline))));
		});
	}

	private Mono<ChatResponse> chat(ChatRequest request, List<ProviderResilience> candidates, RequestState state) {
		if (candidates.isEmpty()) {
			return Mono.error(state.nothingLeft(request));
		}
		ProviderResilience provider = candidates.get(0);
		state.current.set(new InFlight(provider.settings(), System.nanoTime()));
		return provider.chat(request, state.log)
			.map((response) -> response.toBuilder()
				.level(provider.settings().tier().level())
				.attempts(state.log.attempts())
				.build())
			.onErrorResume((ex) -> {
				LlmException error = ProviderErrors.fromTransport(provider.settings().name(), ex);
				List<ProviderResilience> next = next(candidates, error, state);
				return next.isEmpty() ? Mono.error(state.failed(error)) : chat(request, next, state);
			});
	}

	private Flux<ChatChunk> stream(ChatRequest request, List<ProviderResilience> candidates, RequestState state) {
		if (candidates.isEmpty()) {
			return Flux.error(state.nothingLeft(request));
		}
		ProviderResilience provider = candidates.get(0);
		state.current.set(new InFlight(provider.settings(), System.nanoTime()));
		StringBuilder text = new StringBuilder();
		return provider.stream(request, state.log)
			.map((chunk) -> chunk.withLevel(provider.settings().tier().level()))
			.doOnNext((chunk) -> text.append(chunk.text()))
			.onErrorResume((ex) -> {
				if (ex instanceof StreamInterruptedException interrupted) {
					return Flux.error(interrupted.getCause().afterPartialAnswer(state.log.attempts(), text.toString()));
				}
				LlmException error = ProviderErrors.fromTransport(provider.settings().name(), ex);
				List<ProviderResilience> next = next(candidates, error, state);
				return next.isEmpty() ? Flux.error(state.failed(error)) : stream(request, next, state);
			});
	}

	private List<ProviderResilience> next(List<ProviderResilience> candidates, LlmException error, RequestState state) {
		if (!error.attempts().isEmpty() || state.log.capReached()
				|| !this.settings.fallbackPolicy().shouldFallback(error)) {
			return List.of();
		}
		return this.selector.after(candidates, error);
	}

	private Duration deadline(ChatRequest request) {
		return (request.deadline() != null) ? request.deadline() : this.settings.deadline();
	}

	private record InFlight(ProviderSettings provider, long start) {

	}

	/**
	 * What one request has done so far.
	 */
	private static final class RequestState {

		private final AttemptLog log;

		private final AtomicReference<InFlight> current = new AtomicReference<>();

		RequestState(AttemptLog log) {
			this.log = log;
		}

		LlmException failed(LlmException error) {
			return error.attempts().isEmpty() ? LlmException.allFailed(this.log.attempts(), error) : error;
		}

		LlmException nothingLeft(ChatRequest request) {
			LlmException last = this.log.last();
			if (last != null) {
				return LlmException.allFailed(this.log.attempts(), last);
			}
			return new LlmException(ErrorKind.BAD_REQUEST, null, null, null,
					"no enabled provider has tier " + request.minimumTier() + " or better", null);
		}

		LlmException deadlinePassed(Duration deadline) {
			LlmException timeout = new LlmException(ErrorKind.TIMEOUT, null, null, null,
					"request deadline of " + deadline.toMillis() + " ms passed", null);
			InFlight inFlight = this.current.get();
			if (inFlight != null) {
				this.log.record(inFlight.provider(),
						new LlmException(ErrorKind.TIMEOUT, inFlight.provider().name(), null, null,
								"cancelled at the request deadline", null),
						Duration.ofNanos(System.nanoTime() - inFlight.start()));
			}
			return LlmException.allFailed(this.log.attempts(), timeout);
		}

	}

}
