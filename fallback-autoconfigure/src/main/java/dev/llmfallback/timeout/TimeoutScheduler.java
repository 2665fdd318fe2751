package dev.llmfallback.timeout;

import java.util.concurrent.TimeUnit;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.Exceptions;
import reactor.core.scheduler.Scheduler;

/**
 * A Reactor {@link Scheduler} for the timeouts armed on every call (request deadlines,
 * time limits, a whole answer's response timeout, a stream's first-token timeout), backed
 * by one Netty {@link HashedWheelTimer}. Nearly every such timeout is cancelled long
 * before it fires, and on the wheel arming and cancelling one is a lock-free queue offer,
 * where {@code Schedulers.parallel()} takes a lock and re-sorts a heap for each, from
 * every event loop at once. Timeouts fire on the timer's one thread, within a tick (2 ms)
 * of their time; tasks must be short.
 */
public final class TimeoutScheduler implements Scheduler {

	/**
	 * A hung provider's failover waits for its response timeout to fire: 2 ms keeps that
	 * under the failover budget, for 500 wake-ups a second of an otherwise idle thread.
	 */
	private static final long TICK_MILLIS = 2;

	private final HashedWheelTimer timer;

	private TimeoutScheduler() {
		this.timer = new HashedWheelTimer(new DefaultThreadFactory("llm-timeouts", true), TICK_MILLIS,
				TimeUnit.MILLISECONDS, 512);
	}

	/**
	 * The scheduler shared by every router of this JVM, started on first use.
	 * @return the scheduler
	 */
	public static TimeoutScheduler shared() {
		return Shared.INSTANCE;
	}

	@Override
	public Disposable schedule(Runnable task) {
		return schedule(task, 0, TimeUnit.MILLISECONDS);
	}

	@Override
	public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
		Timeout timeout = this.timer.newTimeout((expired) -> task.run(), delay, unit);
		return new ScheduledTimeout(timeout);
	}

	@Override
	public Worker createWorker() {
		return new TimeoutWorker();
	}

	/**
	 * Does nothing: the shared timer lives as long as the JVM, on a daemon thread.
	 */
	@Override
	public void dispose() {
	}

	private record ScheduledTimeout(Timeout timeout) implements Disposable {

		@Override
		public void dispose() {
			this.timeout.cancel();
		}

		@Override
		public boolean isDisposed() {
			return this.timeout.isCancelled() || this.timeout.isExpired();
		}

	}

	/**
	 * Tasks of one worker, cancelled together; they never run at the same time because
	 * the timer has one thread.
	 */
	private final class TimeoutWorker implements Worker {

		private final Disposable.Composite tasks = Disposables.composite();

		@Override
		public Disposable schedule(Runnable task) {
			return schedule(task, 0, TimeUnit.MILLISECONDS);
		}

		@Override
		public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
			Disposable.Swap scheduled = Disposables.swap();
			if (!this.tasks.add(scheduled)) {
				throw Exceptions.failWithRejected();
			}
			scheduled.update(TimeoutScheduler.this.schedule(() -> {
				this.tasks.remove(scheduled);
				task.run();
			}, delay, unit));
			return () -> {
				this.tasks.remove(scheduled);
				scheduled.dispose();
			};
		}

		@Override
		public void dispose() {
			this.tasks.dispose();
		}

		@Override
		public boolean isDisposed() {
			return this.tasks.isDisposed();
		}

	}

	private static final class Shared {

		static final TimeoutScheduler INSTANCE = new TimeoutScheduler();

	}

}
