package dev.llmfallback.timeout;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Supplier;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.Context;

/**
 * A {@link Mono} that fails with a given error unless its source signals within a time
 * limit, cancelling the source. It does what {@code Mono.timeout(Duration, Mono,
 * Scheduler)} does for a router that arms two such limits on every request (the request's
 * deadline, the call's time limiter), in one subscriber and one scheduled task, where
 * Reactor's operator takes seven objects (about 550 bytes) to assemble and subscribe. An
 * {@link Outcome} hears how the source ended, in the same subscriber, so that a call's
 * circuit breaker and time limiter need no operators of their own.
 *
 * @param <T> the value type
 */
public final class TimeLimitedMono<T> extends MonoOperator<T, T> {

	private final long limitNanos;

	private final Supplier<? extends Throwable> error;

	private final Scheduler timer;

	private final Outcome<? super T> outcome;

	private TimeLimitedMono(Mono<? extends T> source, Duration limit, Supplier<? extends Throwable> error,
			Scheduler timer, Outcome<? super T> outcome) {
		super(source);
		this.limitNanos = (limit != null) ? limit.toNanos() : -1;
		this.error = error;
		this.timer = timer;
		this.outcome = outcome;
	}

	/**
	 * Limit the time a source may take to signal.
	 * @param <T> the value type
	 * @param source the source
	 * @param limit how long it may take
	 * @param error the error signalled when it took too long
	 * @param timer where the limit is timed
	 * @return the limited source
	 */
	public static <T> Mono<T> of(Mono<? extends T> source, Duration limit, Supplier<? extends Throwable> error,
			Scheduler timer) {
		return new TimeLimitedMono<>(source, limit, error, timer, Outcome.IGNORED);
	}

	/**
	 * Limit the time a source may take to signal, and tell an outcome how it ended.
	 * @param <T> the value type
	 * @param source the source
	 * @param limit how long it may take
	 * @param error the error signalled when it took too long
	 * @param timer where the limit is timed
	 * @param outcome hears the source's value, its error (or the time limit's) and its
	 * cancellation, each before the subscriber does, and the value's delivery after
	 * @return the limited source
	 */
	public static <T> Mono<T> of(Mono<? extends T> source, Duration limit, Supplier<? extends Throwable> error,
			Scheduler timer, Outcome<? super T> outcome) {
		return new TimeLimitedMono<>(source, limit, error, timer, outcome);
	}

	/**
	 * Tell an outcome how a source ended, without a time limit: for a source that bounds
	 * its own time.
	 * @param <T> the value type
	 * @param source the source
	 * @param outcome hears the source's value, its error and its cancellation, each
	 * before the subscriber does, and the value's delivery after
	 * @return the source, reporting its outcome
	 */
	public static <T> Mono<T> unlimited(Mono<? extends T> source, Outcome<? super T> outcome) {
		return new TimeLimitedMono<>(source, null, null, null, outcome);
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		LimitSubscriber<T> subscriber = new LimitSubscriber<>(actual, this.error, this.outcome, true);
		this.source.subscribe(subscriber);
		if (this.timer != null) {
			subscriber.arm(this.timer, this.limitNanos);
		}
	}

	/**
	 * How a limited source ended: exactly one method is called, once.
	 *
	 * @param <T> the value type
	 */
	public interface Outcome<T> {

		/** Hears nothing and passes errors on as they are. */
		Outcome<Object> IGNORED = new Outcome<>() {
		};

		/**
		 * The source gave its value, or completed empty, in time.
		 * @param value the value, {@code null} when empty
		 */
		default void succeeded(T value) {
		}

		/**
		 * The subscriber has had the value and the completion that {@link #succeeded}
		 * heard of (or cancelled after the value): for bookkeeping its caller need not
		 * wait for.
		 */
		default void delivered() {
		}

		/**
		 * The source failed, or the limit passed first.
		 * @param error the source's error or the limit's
		 * @return the error the subscriber gets
		 */
		default Throwable failed(Throwable error) {
			return error;
		}

		/**
		 * The subscriber cancelled before the source signalled.
		 */
		default void cancelled() {
		}

	}

	/**
	 * Passes a source's signals on while racing its first one against the timer; shared
	 * with {@link TimeLimitedFlux}, whose later values pass as they come. Once a value
	 * won the race, the timer is disarmed and the outcome told of the delivery only after
	 * the subscriber has it: a caller waiting for the answer does not wait for them too.
	 *
	 * @param <T> the value type
	 */
	static final class LimitSubscriber<T> implements CoreSubscriber<T>, Subscription, Runnable {

		private static final int RUNNING = 0;

		private static final int SIGNALLED = 1;

		private static final int ENDED = 2;

		@SuppressWarnings("rawtypes")
		private static final AtomicIntegerFieldUpdater<LimitSubscriber> STATE = AtomicIntegerFieldUpdater
			.newUpdater(LimitSubscriber.class, "state");

		@SuppressWarnings("rawtypes")
		private static final AtomicIntegerFieldUpdater<LimitSubscriber> SETTLED = AtomicIntegerFieldUpdater
			.newUpdater(LimitSubscriber.class, "settled");

		private final CoreSubscriber<? super T> actual;

		private final Supplier<? extends Throwable> error;

		private final Outcome<? super T> outcome;

		/**
		 * Whether the source gives one value at most, whose completion follows it: its
		 * timer is disarmed after that completion rather than after the value.
		 */
		private final boolean single;

		/**
		 * The subscriber's context, read once: the HTTP client's operators ask for it
		 * many times a call, and each time it would otherwise be looked up through every
		 * operator of the router above.
		 */
		private final Context context;

		private Subscription upstream;

		private volatile int state;

		/** Whether the outcome heard of the delivery; set once. */
		private volatile int settled;

		private volatile Disposable task;

		/**
		 * Whether the outcome heard of the value, so that completion does not repeat it
		 * and a cancellation may settle.
		 */
		private volatile boolean succeeded;

		LimitSubscriber(CoreSubscriber<? super T> actual, Supplier<? extends Throwable> error,
				Outcome<? super T> outcome, boolean single) {
			this.actual = actual;
			this.error = error;
			this.outcome = outcome;
			this.single = single;
			this.context = actual.currentContext();
		}

		/**
		 * Arm the timer once subscribed; a source that signalled during subscription (or
		 * a subscriber that cancelled) needs none.
		 */
		void arm(Scheduler timer, long limitNanos) {
			if (this.state != RUNNING) {
				return;
			}
			Disposable scheduled;
			try {
				scheduled = timer.schedule(this, limitNanos, TimeUnit.NANOSECONDS);
			}
			catch (RejectedExecutionException ex) {
				if (STATE.compareAndSet(this, RUNNING, ENDED)) {
					this.upstream.cancel();
					this.actual.onError(this.outcome.failed(Operators.onRejectedExecution(ex, currentContext())));
				}
				return;
			}
			this.task = scheduled;
			if (this.state != RUNNING) {
				scheduled.dispose();
			}
		}

		@Override
		public Context currentContext() {
			return this.context;
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			if (Operators.validate(this.upstream, subscription)) {
				this.upstream = subscription;
				this.actual.onSubscribe(this);
			}
		}

		@Override
		public void onNext(T value) {
			if (this.state == SIGNALLED) {
				// a Flux's later value: the race was won by its first, no need to try
				// again
				this.actual.onNext(value);
			}
			else if (STATE.compareAndSet(this, RUNNING, SIGNALLED)) {
				this.outcome.succeeded(value);
				this.succeeded = true;
				this.actual.onNext(value);
				if (!this.single) {
					disarm();
				}
				else if (this.state == ENDED) {
					// cancelled before the outcome had heard of the value
					settle();
				}
			}
			else {
				Operators.onNextDropped(value, currentContext());
			}
		}

		@Override
		public void onError(Throwable throwable) {
			if (signalled() || this.state == SIGNALLED) {
				this.actual.onError(this.succeeded ? throwable : this.outcome.failed(throwable));
				settle();
			}
			else {
				Operators.onErrorDropped(throwable, currentContext());
			}
		}

		@Override
		public void onComplete() {
			if (STATE.compareAndSet(this, RUNNING, SIGNALLED) || this.state == SIGNALLED) {
				if (!this.succeeded) {
					this.outcome.succeeded(null);
					this.succeeded = true;
				}
				this.actual.onComplete();
				settle();
			}
		}

		/** The timer fired. */
		@Override
		public void run() {
			if (STATE.compareAndSet(this, RUNNING, ENDED)) {
				this.upstream.cancel();
				this.actual.onError(this.outcome.failed(this.error.get()));
			}
		}

		@Override
		public void request(long n) {
			this.upstream.request(n);
		}

		@Override
		public void cancel() {
			int previous = STATE.getAndSet(this, ENDED);
			if (previous == RUNNING) {
				disarm();
				this.outcome.cancelled();
			}
			else if (previous == SIGNALLED && this.succeeded) {
				settle();
			}
			this.upstream.cancel();
		}

		/**
		 * The source's first signal, an error, before the limit: the timer is no longer
		 * needed.
		 */
		private boolean signalled() {
			if (STATE.compareAndSet(this, RUNNING, SIGNALLED)) {
				disarm();
				return true;
			}
			return false;
		}

		/**
		 * The subscriber has had the source's value and its end, or cancelled after the
		 * value: disarm the timer and tell the outcome, once.
		 */
		private void settle() {
			if (SETTLED.compareAndSet(this, 0, 1)) {
				disarm();
				if (this.succeeded) {
					this.outcome.delivered();
				}
			}
		}

		private void disarm() {
			Disposable scheduled = this.task;
			if (scheduled != null) {
				scheduled.dispose();
			}
		}

	}

}
