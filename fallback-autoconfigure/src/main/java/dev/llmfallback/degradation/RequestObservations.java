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
import dev.llmfallback.LlmException;

/**
 * One Micrometer {@link Observation} ({@code llm.request}) per routed request, parent of
 * its provider attempts, with the level that answered and the outcome as low-cardinality
 * keys.
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

	private final ObservationRegistry registry;

	RequestObservations(ObservationRegistry registry) {
		this.registry = registry;
	}

	Mono<ChatResponse> observe(Mono<ChatResponse> request) {
		if (this.registry.isNoop()) {
			return request;
		}
		return request.tap((context) -> new Request<>(start(context), ChatResponse::level));
	}

	Flux<ChatChunk> observe(Flux<ChatChunk> request) {
		if (this.registry.isNoop()) {
			return request;
		}
		return request.tap((context) -> new Request<>(start(context), ChatChunk::level));
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
	 * it; it records the level of the last answer or chunk that named one.
	 */
	private static final class Request<T> extends DefaultSignalListener<T> {

		private final Observation observation;

		private final Function<T, DegradationLevel> levelOf;

		private volatile KeyValue level = NO_LEVEL;

		Request(Observation observation, Function<T, DegradationLevel> levelOf) {
			this.observation = observation;
			this.levelOf = levelOf;
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
		}

		@Override
		public void doOnComplete() {
			this.observation.lowCardinalityKeyValue(this.level).lowCardinalityKeyValue(SUCCESS);
		}

		@Override
		public void doOnError(Throwable error) {
			this.observation.lowCardinalityKeyValue(NO_LEVEL).lowCardinalityKeyValue(FAILURE);
			if (error instanceof LlmException llmException) {
				this.observation.lowCardinalityKeyValue("error.kind",
						llmException.kind().name().toLowerCase(Locale.ROOT));
			}
			this.observation.error(error);
		}

		@Override
		public void doFinally(SignalType signal) {
			this.observation.stop();
		}

	}

}
