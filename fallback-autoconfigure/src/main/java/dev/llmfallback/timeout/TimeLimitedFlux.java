package dev.llmfallback.timeout;

import java.time.Duration;
import java.util.function.Supplier;

import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;
import reactor.core.scheduler.Scheduler;

/**
 * A {@link Flux} that fails with a given error unless its source gives its first signal
 * within a time limit, cancelling the source; later values pass as they come. It does
 * what {@code Flux.timeout(Mono.delay(limit), (value) -> Mono.never(), fallback)} does
 * for a stream's first token and a request's deadline, without subscribing a new timeout
 * for every value of a stream.
 *
 * @param <T> the value type
 */
public final class TimeLimitedFlux<T> extends FluxOperator<T, T> {

	private final long limitNanos;

	private final Supplier<? extends Throwable> error;

	private final Scheduler timer;

	private TimeLimitedFlux(Flux<? extends T> source, Duration limit, Supplier<? extends Throwable> error,
			Scheduler timer) {
		super(source);
		this.limitNanos = limit.toNanos();
		this.error = error;
		this.timer = timer;
	}

	/**
	 * Limit the time a source may take to give its first signal.
	 * @param <T> the value type
	 * @param source the source
	 * @param limit how long it may take
	 * @param error the error signalled when it took too long
	 * @param timer where the limit is timed
	 * @return the limited source
	 */
	public static <T> Flux<T> firstWithin(Flux<? extends T> source, Duration limit, Supplier<? extends Throwable> error,
			Scheduler timer) {
		return new TimeLimitedFlux<>(source, limit, error, timer);
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		TimeLimitedMono.LimitSubscriber<T> subscriber = new TimeLimitedMono.LimitSubscriber<>(actual, this.error,
				TimeLimitedMono.Outcome.IGNORED, false);
		this.source.subscribe(subscriber);
		subscriber.arm(this.timer, this.limitNanos);
	}

}
