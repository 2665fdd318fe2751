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
import dev.llmfallback.resilience.ObservationKeys;

/**
 * One Micrometer {@link Observation} ({@code llm.request}) per routed request, parent of
 * its provider attempts, with the level that answered, the outcome and the error kind as
 * low-cardinality keys, all three however it ends (see {@link ObservationKeys}).
 */
final class RequestObservations {

	private static final Map<DegradationLevel, KeyValue> LEVELS = Stream.of(DegradationLevel.values())
		.collect(Collectors.toMap(Function.identity(),
				(level) -> KeyValue.of("level", level.name().toLowerCase(Locale.ROOT)), (first, second) -> first,
				() -> new EnumMap<>(DegradationLevel.class)));

	private static final KeyValue NO_LEVEL = KeyValue.of("level", "none");

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
		Observation parent = context.getOrDefault(ObservationKeys.CONTEXT_KEY, null);
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

		private volatile KeyValue errorKind = ObservationKeys.errorKind(null);

		Request(Observation observation, Function<T, DegradationLevel> levelOf, boolean answeredByValue) {
			this.observation = observation;
			this.levelOf = levelOf;
			this.answeredByValue = answeredByValue;
		}

		@Override
		public Context addToContext(Context originalContext) {
			return originalContext.put(ObservationKeys.CONTEXT_KEY, this.observation);
		}

		@Override
		public void doOnNext(T value) {
			DegradationLevel level = this.levelOf.apply(value);
			if (level != null) {
				this.level = LEVELS.get(level);
			}
			if (this.answeredByValue) {
				this.outcome = ObservationKeys.SUCCESS;
			}
		}

		@Override
		public void doOnComplete() {
			this.outcome = ObservationKeys.SUCCESS;
		}

		@Override
		public void doOnError(Throwable error) {
			this.level = NO_LEVEL;
			this.outcome = ObservationKeys.FAILURE;
			this.errorKind = ObservationKeys.errorKind(error);
			this.observation.error(error);
		}

		@Override
		public void doOnCancel() {
			if (this.outcome == null) {
				this.outcome = ObservationKeys.CANCELLED;
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
