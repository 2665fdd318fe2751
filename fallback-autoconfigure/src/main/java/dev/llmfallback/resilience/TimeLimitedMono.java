package dev.llmfallback.resilience;

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
 * Reactor's operator takes seven objects (about 550 bytes) to assemble and subscribe.
 *
 * @param <T> the value type
 */
public final class TimeLimitedMono<T> extends MonoOperator<T, T> {

	private final long limitNanos;

	private final Supplier<? extends Throwable> error;

	private final Scheduler timer;

	private TimeLimitedMono(Mono<? extends T> source, Duration limit, Supplier<? extends Throwable> error,
			Scheduler timer) {
		super(source);
		this.limitNanos = limit.toNanos();
		this.error = error;
		this.timer = timer;
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
		return new TimeLimitedMono<>(source, limit, error, timer);
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		LimitSubscriber<T> subscriber = new LimitSubscriber<>(actual, this.error);
		this.source.subscribe(subscriber);
		subscriber.arm(this.timer, this.limitNanos);
	}

	private static final class LimitSubscriber<T> implements CoreSubscriber<T>, Subscription, Runnable {

		private static final int RUNNING = 0;

		private static final int SIGNALLED = 1;

		private static final int ENDED = 2;

		@SuppressWarnings("rawtypes")
		private static final AtomicIntegerFieldUpdater<LimitSubscriber> STATE = AtomicIntegerFieldUpdater
			.newUpdater(LimitSubscriber.class, "state");

		private final CoreSubscriber<? super T> actual;

		private final Supplier<? extends Throwable> error;

		private Subscription upstream;

		private volatile int state;

		private volatile Disposable task;

		LimitSubscriber(CoreSubscriber<? super T> actual, Supplier<? extends Throwable> error) {
			this.actual = actual;
			this.error = error;
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
					this.actual.onError(Operators.onRejectedExecution(ex, currentContext()));
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
			return this.actual.currentContext();
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
			if (signalled()) {
				this.actual.onNext(value);
			}
			else {
				Operators.onNextDropped(value, currentContext());
			}
		}

		@Override
		public void onError(Throwable throwable) {
			if (signalled() || this.state == SIGNALLED) {
				this.actual.onError(throwable);
			}
			else {
				Operators.onErrorDropped(throwable, currentContext());
			}
		}

		@Override
		public void onComplete() {
			if (signalled() || this.state == SIGNALLED) {
				this.actual.onComplete();
			}
		}

		/** The timer fired. */
		@Override
		public void run() {
			if (STATE.compareAndSet(this, RUNNING, ENDED)) {
				this.upstream.cancel();
				this.actual.onError(this.error.get());
			}
		}

		@Override
		public void request(long n) {
			this.upstream.request(n);
		}

		@Override
		public void cancel() {
			if (STATE.getAndSet(this, ENDED) == RUNNING) {
				disarm();
			}
			this.upstream.cancel();
		}

		/**
		 * The source's first signal, before the limit: the timer is no longer needed.
		 */
		private boolean signalled() {
			if (STATE.compareAndSet(this, RUNNING, SIGNALLED)) {
				disarm();
				return true;
			}
			return false;
		}

		private void disarm() {
			Disposable scheduled = this.task;
			if (scheduled != null) {
				scheduled.dispose();
			}
		}

	}

}
