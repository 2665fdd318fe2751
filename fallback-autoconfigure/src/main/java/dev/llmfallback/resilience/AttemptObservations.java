package dev.llmfallback.resilience;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.observability.DefaultSignalListener;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.util.context.ContextView;

import dev.llmfallback.provider.ProviderSettings;

/**
 * One Micrometer {@link Observation} ({@code llm.attempt}) per provider call, child of
 * the request's observation, so that tracing shows each attempt and failover as a span.
 * Keys: provider, model, level, outcome and error kind, all low-cardinality.
 */
final class AttemptObservations {

	private final ObservationRegistry registry;

	private final String contextualName;

	private final KeyValues providerKeys;

	AttemptObservations(ObservationRegistry registry, ProviderSettings provider) {
		this.registry = registry;
		this.contextualName = "llm attempt " + provider.name();
		this.providerKeys = KeyValues.of("provider", provider.name(), "model", provider.model(), "level",
				provider.tier().level().name().toLowerCase(Locale.ROOT));
	}

	<T> Mono<T> observe(Mono<T> call) {
		if (this.registry.isNoop()) {
			return call;
		}
		return call.tap((context) -> new Attempt<>(start(context), true));
	}

	<T> Flux<T> observe(Flux<T> call) {
		if (this.registry.isNoop()) {
			return call;
		}
		return call.tap((context) -> new Attempt<>(start(context), false));
	}

	private Observation start(ContextView context) {
		Observation parent = context.getOrDefault(ObservationKeys.CONTEXT_KEY, null);
		return Observation.createNotStarted("llm.attempt", this.registry)
			.contextualName(this.contextualName)
			.parentObservation(parent)
			.lowCardinalityKeyValues(this.providerKeys)
			.start();
	}

	/**
	 * Stops the observation at the call's own end, before the end reaches the router, so
	 * that a failed attempt's span ends before the next provider's starts.
	 */
	private static final class Attempt<T> extends DefaultSignalListener<T> {

		private final Observation observation;

		/** Whether a value ends the call, as it ends a {@code Mono}. */
		private final boolean endsWithValue;

		private final AtomicBoolean stopped = new AtomicBoolean();

		Attempt(Observation observation, boolean endsWithValue) {
			this.observation = observation;
			this.endsWithValue = endsWithValue;
		}

		@Override
		public void doOnNext(T value) {
			if (this.endsWithValue) {
				stop(SignalType.ON_COMPLETE, null);
			}
		}

		@Override
		public void doOnComplete() {
			stop(SignalType.ON_COMPLETE, null);
		}

		@Override
		public void doOnError(Throwable error) {
			stop(SignalType.ON_ERROR, error);
		}

		@Override
		public void doOnCancel() {
			stop(SignalType.CANCEL, null);
		}

		private void stop(SignalType signal, Throwable error) {
			if (!this.stopped.compareAndSet(false, true)) {
				return;
			}
			Throwable cause = (error instanceof StreamInterruptedException interrupted) ? interrupted.getCause()
					: error;
			this.observation.lowCardinalityKeyValue((cause != null) ? ObservationKeys.FAILURE
					: (signal == SignalType.CANCEL) ? ObservationKeys.CANCELLED : ObservationKeys.SUCCESS);
			this.observation.lowCardinalityKeyValue(ObservationKeys.errorKind(cause));
			if (cause != null) {
				this.observation.error(cause);
			}
			this.observation.stop();
		}

	}

}
