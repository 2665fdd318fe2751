package dev.llmfallback.resilience;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.util.context.ContextView;

import dev.llmfallback.LlmException;
import dev.llmfallback.provider.ProviderSettings;

/**
 * One Micrometer {@link Observation} ({@code llm.attempt}) per provider call, child of
 * the request's observation, so that tracing shows each attempt and failover as a span.
 * Keys: provider, model, level, outcome and error kind, all low-cardinality.
 */
final class AttemptObservations {

	/**
	 * Where Micrometer and Reactor keep the current observation in a subscriber's
	 * context.
	 */
	static final String CONTEXT_KEY = "micrometer.observation";

	private final ObservationRegistry registry;

	private final ProviderSettings provider;

	AttemptObservations(ObservationRegistry registry, ProviderSettings provider) {
		this.registry = registry;
		this.provider = provider;
	}

	<T> Mono<T> observe(Mono<T> call) {
		if (this.registry.isNoop()) {
			return call;
		}
		return call.transformDeferredContextual((mono, context) -> {
			Observation observation = start(context);
			AtomicBoolean stopped = new AtomicBoolean();
			return mono.doOnSuccess((value) -> stop(observation, stopped, SignalType.ON_COMPLETE, null))
				.doOnError((ex) -> stop(observation, stopped, SignalType.ON_ERROR, ex))
				.doOnCancel(() -> stop(observation, stopped, SignalType.CANCEL, null));
		});
	}

	<T> Flux<T> observe(Flux<T> call) {
		if (this.registry.isNoop()) {
			return call;
		}
		return call.transformDeferredContextual((flux, context) -> {
			Observation observation = start(context);
			AtomicBoolean stopped = new AtomicBoolean();
			return flux.doOnComplete(() -> stop(observation, stopped, SignalType.ON_COMPLETE, null))
				.doOnError((ex) -> stop(observation, stopped, SignalType.ON_ERROR, ex))
				.doOnCancel(() -> stop(observation, stopped, SignalType.CANCEL, null));
		});
	}

	private Observation start(ContextView context) {
		Observation parent = context.getOrDefault(CONTEXT_KEY, null);
		return Observation.createNotStarted("llm.attempt", this.registry)
			.contextualName("llm attempt " + this.provider.name())
			.parentObservation(parent)
			.lowCardinalityKeyValue("provider", this.provider.name())
			.lowCardinalityKeyValue("model", this.provider.model())
			.lowCardinalityKeyValue("level", this.provider.tier().level().name().toLowerCase(Locale.ROOT))
			.start();
	}

	/**
	 * Stop the observation at the call's own end, not when the whole request ends, so
	 * that a failed attempt's span ends before the next provider's starts.
	 */
	private static void stop(Observation observation, AtomicBoolean stopped, SignalType signal, Throwable error) {
		if (!stopped.compareAndSet(false, true)) {
			return;
		}
		Throwable cause = (error instanceof StreamInterruptedException interrupted) ? interrupted.getCause() : error;
		String outcome = (cause != null) ? "failure" : (signal == SignalType.CANCEL) ? "cancelled" : "success";
		observation.lowCardinalityKeyValue("outcome", outcome);
		observation.lowCardinalityKeyValue("error.kind", (cause instanceof LlmException llmException)
				? llmException.kind().name().toLowerCase(Locale.ROOT) : (cause != null) ? "unknown" : "none");
		if (cause != null) {
			observation.error(cause);
		}
		observation.stop();
	}

}
