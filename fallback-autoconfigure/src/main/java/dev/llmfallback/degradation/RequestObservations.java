package dev.llmfallback.degradation;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatResponse;
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

	private final ObservationRegistry registry;

	RequestObservations(ObservationRegistry registry) {
		this.registry = registry;
	}

	Mono<ChatResponse> observe(Mono<ChatResponse> request) {
		if (this.registry.isNoop()) {
			return request;
		}
		return request.transformDeferredContextual((mono, context) -> {
			Observation observation = start(context);
			return mono.doOnNext((response) -> answered(observation, response.level().name()))
				.doOnError((ex) -> failed(observation, ex))
				.doFinally((signal) -> observation.stop())
				.contextWrite((inner) -> inner.put(CONTEXT_KEY, observation));
		});
	}

	Flux<ChatChunk> observe(Flux<ChatChunk> request) {
		if (this.registry.isNoop()) {
			return request;
		}
		return request.transformDeferredContextual((flux, context) -> {
			Observation observation = start(context);
			AtomicReference<String> level = new AtomicReference<>("none");
			return flux.doOnNext((chunk) -> {
				if (chunk.level() != null) {
					level.set(chunk.level().name());
				}
			})
				.doOnComplete(() -> answered(observation, level.get()))
				.doOnError((ex) -> failed(observation, ex))
				.doFinally((signal) -> observation.stop())
				.contextWrite((inner) -> inner.put(CONTEXT_KEY, observation));
		});
	}

	private Observation start(ContextView context) {
		Observation parent = context.getOrDefault(CONTEXT_KEY, null);
		return Observation.createNotStarted("llm.request", this.registry)
			.contextualName("llm request")
			.parentObservation(parent)
			.start();
	}

	private static void answered(Observation observation, String level) {
		observation.lowCardinalityKeyValue("level", level.toLowerCase(Locale.ROOT))
			.lowCardinalityKeyValue("outcome", "success");
	}

	private static void failed(Observation observation, Throwable error) {
		observation.lowCardinalityKeyValue("level", "none").lowCardinalityKeyValue("outcome", "failure");
		if (error instanceof LlmException llmException) {
			observation.lowCardinalityKeyValue("error.kind", llmException.kind().name().toLowerCase(Locale.ROOT));
		}
		observation.error(error);
	}

}
