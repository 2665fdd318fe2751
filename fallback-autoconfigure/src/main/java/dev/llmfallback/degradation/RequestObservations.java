package dev.llmfallback.degradation;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.observability.DefaultSignalListener;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.DegradationLevel;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;

/**
 * One Micrometer {@link Observation} ({@code llm.request}) per routed request, parent of
 * its provider attempts, with the level that answered, the outcome and the error kind as
 * low-cardinality keys. Every request has all three, however it ends: a registry such as
 * Prometheus refuses a timer whose tag keys differ from those of the first one of its
 * name.
 */
final class RequestObservations {

	/**
	 * Where Micrometer and Reactor keep the current observation in a subscriber's
	 * context.
	 */
	private static final String CONTEXT_KEY = "micrometer.observation";

	private static final Map<DegradationLevel, KeyValue> LEVELS = Stream.of(DegradationLevel.values())
		.collect(Collectors.toMap(Function.identity(),
				(level) -> KeyValue.of("level", level.name().toLowerCase(Locale.ROOT)), (first, second) -> first,
				() -> new EnumMap<>(DegradationLevel.class)));

	private static final KeyValue NO_LEVEL = KeyValue.of("level", "none");

	private static final KeyValue SUCCESS = KeyValue.of("outcome", "success");

	private static final KeyValue FAILURE = KeyValue.of("outcome", "failure");

	private static final KeyValue CANCELLED = KeyValue.of("outcome", "cancelled");

	private static final KeyValue NO_ERROR = KeyValue.of("error.kind", "none");

	private static final KeyValue UNKNOWN_ERROR = KeyValue.of("error.kind", "unknown");

	private static final Map<ErrorKind, KeyValue> ERROR_KINDS = Stream.of(ErrorKind.values())
		.collect(Collectors.toMap(Function.identity(),
				(kind) -> KeyValue.of("error.kind", kind.name().toLowerCase(Locale.ROOT)), (first, second) -> first,
				() -> new EnumMap<>(ErrorKind.class)));

	private final ObservationRegistry registry;

	RequestObservations(ObservationRegistry registry) {
		this.registry = registry;
	}

	Mono<ChatResponse> observe(Mono<ChatResponse> request) {
		if (this.registry.isNoop()) {
			return request;
		}
		return request.tap((context) -> new Request<>(start(context), ChatResponse::level, true));
	}

	Flux<ChatChunk> observe(Flux<ChatChunk> request) {
		if (this.registry.isNoop()) {
			return request;
		}
		return request.tap((context) -> new Request<>(start(context), ChatChunk::level, false));
	}

	private Observation start(ContextView context) {
		Observation parent = context.getOrDefault(CONTEXT_KEY, null);
		return Observation.createNotStarted("llm.request", this.registry)
			.contextualName("llm request")
			.parentObservation(parent)
			.start();
	}

	/**
	 * The observation of one request: the parent, in the context, of the attempts below
	 * it; it records the level of the last answer or chunk that named one. A chat is
	 * answered by its value, even when its subscriber cancels rather than wait for its
	 * completion; a stream only by its completion.
	 */
	private static final class Request<T> extends DefaultSignalListener<T> {

		private final Observation observation;

		private final Function<T, DegradationLevel> levelOf;

		private final boolean answeredByValue;

		private volatile KeyValue level = NO_LEVEL;

		private volatile KeyValue outcome;

		private volatile KeyValue errorKind = NO_ERROR;

		Request(Observation observation, Function<T, DegradationLevel> levelOf, boolean answeredByValue) {
			this.observation = observation;
			this.levelOf = levelOf;
			this.answeredByValue = answeredByValue;
		}

		@Override
		public Context addToContext(Context originalContext) {
			return originalContext.put(CONTEXT_KEY, this.observation);
		}

		@Override
		public void doOnNext(T value) {
			DegradationLevel level = this.levelOf.apply(value);
			if (level != null) {
				this.level = LEVELS.get(level);
			}
			if (this.answeredByValue) {
				this.outcome = SUCCESS;
			}
		}

		@Override
		public void doOnComplete() {
			this.outcome = SUCCESS;
		}

		@Override
		public void doOnError(Throwable error) {
			this.level = NO_LEVEL;
			this.outcome = FAILURE;
			this.errorKind = (error instanceof LlmException llmException) ? ERROR_KINDS.get(llmException.kind())
					: UNKNOWN_ERROR;
			this.observation.error(error);
		}

		@Override
		public void doOnCancel() {
			if (this.outcome == null) {
				this.outcome = CANCELLED;
			}
		}

		@Override
		public void doFinally(SignalType signal) {
			this.observation.lowCardinalityKeyValue(this.level)
				.lowCardinalityKeyValue(this.outcome)
				.lowCardinalityKeyValue(this.errorKind)
				.stop();
		}

	}

}
