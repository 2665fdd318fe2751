package dev.llmfallback.degradation;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.micrometer.observation.ObservationRegistry;
import org.reactivestreams.Publisher;
import reactor.core.observability.DefaultSignalListener;
import reactor.core.observability.SignalListener;
import reactor.core.observability.SignalListenerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.util.context.ContextView;

import dev.llmfallback.Attempt;
import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.DegradationLevel;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.FinishReason;
import dev.llmfallback.LlmException;
import dev.llmfallback.LlmRouter;
import dev.llmfallback.LlmRouterListener;
import dev.llmfallback.Tier;
import dev.llmfallback.Usage;
import dev.llmfallback.resilience.AttemptLog;
import dev.llmfallback.routing.FailoverRouter;

/**
 * The last two levels of the degradation chain around the providers' router: when no
 * provider could answer, an answer given before to the same request (level cached), then
 * the configured static message (level static). A failure caused by the request itself
 * (invalid, too long, refused on content) is not hidden behind a degraded answer: it
 * reaches the caller.
 */
public class DegradingRouter implements LlmRouter {

	private static final Set<ErrorKind> REQUEST_FAULTS = EnumSet.of(ErrorKind.BAD_REQUEST, ErrorKind.CONTEXT_LENGTH,
			ErrorKind.UNSUPPORTED_REQUEST, ErrorKind.CONTENT_POLICY);

	private static final Log logger = LogFactory.getLog(DegradingRouter.class);

	private final LlmRouter providers;

	private final ResponseCache cache;

	private final DegradationSettings settings;

	private final List<LlmRouterListener> listeners;

	private final RequestObservations observations;

	private final Consumer<Throwable> storeFailed = this::storeFailed;

	/**
	 * Create the chain.
	 * @param providers the router over the providers' levels
	 * @param cache the response cache
	 * @param settings which levels exist and the static messages
	 * @param listeners hear how each request ends
	 */
	public DegradingRouter(LlmRouter providers, ResponseCache cache, DegradationSettings settings,
			List<LlmRouterListener> listeners) {
		this(providers, cache, settings, listeners, ObservationRegistry.NOOP);
	}

	/**
	 * Create the chain, observing each request ({@code llm.request}).
	 * @param providers the router over the providers' levels
	 * @param cache the response cache
	 * @param settings which levels exist and the static messages
	 * @param listeners hear how each request ends
	 * @param observations where each request is observed
	 */
	public DegradingRouter(LlmRouter providers, ResponseCache cache, DegradationSettings settings,
			List<LlmRouterListener> listeners, ObservationRegistry observations) {
		this.providers = providers;
		this.cache = cache;
		this.settings = settings;
		this.listeners = List.copyOf(listeners);
		this.observations = new RequestObservations(observations);
	}

	@Override
	public Mono<ChatResponse> chat(ChatRequest request) {
		return this.observations.observe(Mono.defer(() -> {
			Ending ending = new Ending(request);
			Mono<ChatResponse> routed = (this.providers instanceof FailoverRouter failover)
					? failover.chat(request, ending) : this.providers.chat(request);
			// onErrorResume(Class, fn) would wrap fn in two more objects per call
			Mono<ChatResponse> live = routed.onErrorResume(
					(ex) -> (ex instanceof LlmException llmException) ? degrade(ending, llmException) : Mono.error(ex));
			Mono<ChatResponse> answer = (this.settings.cacheMode() != DegradationSettings.CacheMode.ALWAYS) ? live
					: cached(ending, List.of()).switchIfEmpty(live);
			return answer.tap(ending);
		}));
	}

	@Override
	public Flux<ChatChunk> stream(ChatRequest request) {
		return this.observations.observe(Flux.defer(() -> {
			Ending ending = new Ending(request);
			List<ChatChunk> chunks = new ArrayList<>();
			Flux<ChatChunk> routed = (this.providers instanceof FailoverRouter failover)
					? failover.stream(request, ending) : this.providers.stream(request);
			Flux<ChatChunk> live = routed.doOnNext(chunks::add)
				.doOnComplete(() -> ending.streamed(chunks))
				.onErrorResume(LlmException.class,
						(ex) -> ex.partialText().isEmpty()
								? degrade(ending, ex).doOnNext(ending::answered).flatMapMany(DegradingRouter::asChunks)
								: Flux.error(ex));
			Flux<ChatChunk> answer = (this.settings.cacheMode() != DegradationSettings.CacheMode.ALWAYS) ? live
					: cached(ending, List.of()).doOnNext(ending::answered)
						.flatMapMany(DegradingRouter::asChunks)
						.switchIfEmpty(live);
			return answer.doOnError(ending::failed).doFinally(ending::tell);
		}));
	}

	private Mono<ChatResponse> degrade(Ending ending, LlmException error) {
		if (REQUEST_FAULTS.contains(error.kind())) {
			return Mono.error(error);
		}
		return cached(ending, error.attempts()).switchIfEmpty(Mono.defer(() -> staticAnswer(ending.request, error)));
	}

	private Mono<ChatResponse> cached(Ending ending, List<Attempt> attempts) {
		ChatRequest request = ending.request;
		if (!request.cacheAllowed() || !this.settings.levels().contains(DegradationLevel.CACHED)) {
			return Mono.empty();
		}
		return this.cache.get(ending.cacheKey())
			.filter((response) -> servesTier(response, request.minimumTier()))
			.map((response) -> response.toBuilder()
				.provider(null)
				.level(DegradationLevel.CACHED)
				.usage(Usage.NONE)
				.cost(BigDecimal.ZERO)
				.attempts(attempts)
				.build())
			.doOnNext((response) -> lookedUp(request, true))
			.switchIfEmpty(Mono.fromRunnable(() -> lookedUp(request, false)));
	}

	private Mono<ChatResponse> staticAnswer(ChatRequest request, LlmException error) {
		if (!this.settings.levels().contains(DegradationLevel.STATIC)) {
			return Mono.error(error);
		}
		String message = (request.staticMessage() != null) ? request.staticMessage()
				: this.settings.staticMessages().getOrDefault(request.minimumTier(), this.settings.staticMessage());
		return Mono.just(ChatResponse.builder()
			.text(message)
			.finishReason(FinishReason.STOP)
			.usage(Usage.NONE)
			.cost(BigDecimal.ZERO)
			.level(DegradationLevel.STATIC)
			.attempts(error.attempts())
			.build());
	}

	/**
	 * Keep an answer for later, without making its caller wait: the cache is a fallback,
	 * and a slow or unreachable store must not delay a live answer. A failed write is
	 * only logged.
	 */
	private void store(Ending ending, ChatResponse response) {
		ChatRequest request = ending.request;
		boolean cacheable = this.settings.cacheWrites() && request.cacheAllowed() && response.toolCalls().isEmpty()
				&& response.finishReason() == FinishReason.STOP && response.level().ordinal() <= 2;
		if (cacheable) {
			try {
				this.cache.store(ending.cacheKey(), response, this.storeFailed);
			}
			catch (RuntimeException ex) {
				storeFailed(ex);
			}
		}
	}

	private void storeFailed(Throwable error) {
		logger.debug("An answer could not be kept in the response cache: " + error.getClass().getName());
	}

	/**
	 * A cached answer serves a request when the model that gave it was of a tier the
	 * request accepts.
	 */
	private static boolean servesTier(ChatResponse response, Tier minimum) {
		return response.level().ordinal() <= 2 && Tier.valueOf(response.level().name()).satisfies(minimum);
	}

	private static Flux<ChatChunk> asChunks(ChatResponse response) {
		return Flux.just(
				ChatChunk.ofText(response.text())
					.withSource(response.provider(), response.model())
					.withLevel(response.level())
					.withAttempts(response.attempts()),
				ChatChunk.ofFinish(response.finishReason(), response.usage())
					.withSource(response.provider(), response.model())
					.withLevel(response.level())
					.withCost(response.cost().orElse(null))
					.withAttempts(response.attempts()));
	}

	private void lookedUp(ChatRequest request, boolean hit) {
		tellListeners((listener) -> listener.onCacheLookup(request, hit));
	}

	/**
	 * Tell every listener; a failing listener is logged and never fails the request.
	 */
	private void tellListeners(Consumer<LlmRouterListener> event) {
		for (int i = 0; i < this.listeners.size(); i++) {
			LlmRouterListener listener = this.listeners.get(i);
			try {
				event.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("LLM router listener " + listener.getClass().getName() + " failed", ex);
			}
		}
	}

	/**
	 * How one request ended, told to the listeners, and its answer kept, once its caller
	 * has it: a caller waits for neither, and on a thread that has not run them for a
	 * while they cost far more than the few microseconds they take when warm. It holds
	 * the request's cache key too, computed at most once, and the router's attempt log,
	 * read only if the caller cancels. A chat's tap is made for one subscription, so the
	 * ending is its own listener factory.
	 */
	private final class Ending extends DefaultSignalListener<ChatResponse>
			implements SignalListenerFactory<ChatResponse, Void>, Consumer<AttemptLog> {

		private final ChatRequest request;

		private final long start = System.nanoTime();

		private String cacheKey;

		private volatile long end;

		private volatile ChatResponse response;

		private volatile List<ChatChunk> chunks;

		private volatile LlmException error;

		private volatile AttemptLog log;

		Ending(ChatRequest request) {
			this.request = request;
		}

		@Override
		public void accept(AttemptLog log) {
			this.log = log;
		}

		/**
		 * The request's cache key, computed only when the cache is used.
		 */
		synchronized String cacheKey() {
			if (this.cacheKey == null) {
				this.cacheKey = CacheKeys.of(this.request);
			}
			return this.cacheKey;
		}

		void answered(ChatResponse response) {
			this.end = System.nanoTime();
			this.response = response;
		}

		/**
		 * A stream delivered whole; its chunks become a response only after the caller
		 * has its end.
		 */
		void streamed(List<ChatChunk> chunks) {
			this.end = System.nanoTime();
			this.chunks = chunks;
		}

		void failed(Throwable error) {
			if (error instanceof LlmException llmException) {
				this.end = System.nanoTime();
				this.error = llmException;
			}
		}

		@Override
		public Void initializePublisherState(Publisher<? extends ChatResponse> source) {
			return null;
		}

		@Override
		public SignalListener<ChatResponse> createListener(Publisher<? extends ChatResponse> source,
				ContextView listenerContext, Void publisherContext) {
			return this;
		}

		@Override
		public void doOnNext(ChatResponse response) {
			answered(response);
		}

		@Override
		public void doOnError(Throwable error) {
			failed(error);
		}

		@Override
		public void doFinally(SignalType signal) {
			tell(signal);
		}

		void tell(SignalType signal) {
			List<ChatChunk> chunks = this.chunks;
			ChatResponse response = (chunks != null) ? ChatResponse.fromChunks(chunks) : this.response;
			if (response != null) {
				Duration duration = Duration.ofNanos(this.end - this.start);
				tellListeners((listener) -> listener.onAnswer(this.request, response, duration));
				store(this, response);
			}
			else if (this.error != null) {
				Duration duration = Duration.ofNanos(this.end - this.start);
				tellListeners((listener) -> listener.onFailure(this.request, this.error, duration));
			}
			else if (signal == SignalType.CANCEL) {
				Duration duration = Duration.ofNanos(System.nanoTime() - this.start);
				AttemptLog log = this.log;
				List<Attempt> attempts = (log != null) ? log.attempts() : List.of();
				tellListeners((listener) -> listener.onCancel(this.request, attempts, duration));
			}
		}

	}

}
