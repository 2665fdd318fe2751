package dev.llmfallback.timeout;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.util.concurrent.DefaultThreadFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.Exceptions;
import reactor.core.scheduler.Scheduler;

/**
 * A Reactor {@link Scheduler} for the timeouts armed on every call (request deadlines,
 * time limits, a whole answer's response timeout, a stream's first-token timeout), on the
 * one daemon thread of a {@link ScheduledThreadPoolExecutor} that removes a cancelled
 * timeout at once. Nearly every such timeout is cancelled long before it fires: arming
 * and cancelling one is a heap operation each under the queue's lock, and the thread
 * sleeps until the next deadline, so an idle application pays nothing for it, where a
 * hashed-wheel timer ticks whether or not anything is armed. Timeouts fire on that
 * thread; tasks must be short.
 * <p>
 * A timeout that becomes the earliest deadline wakes the thread, one system call and a
 * thread scheduled on another core; at concurrency 1 that is every call's first timeout,
 * since the one before it was cancelled. So while timeouts are being armed the thread
 * also holds a beat a second ahead, which no timeout of a second or more ever comes
 * before; the beat stops after a second with nothing armed.
 */
public final class TimeoutScheduler implements Scheduler {

	private static final Log logger = LogFactory.getLog(TimeoutScheduler.class);

	private static final Duration BEAT = Duration.ofSeconds(1);

	private final ScheduledThreadPoolExecutor executor;

	private final long beatNanos;

	private final AtomicBoolean beating = new AtomicBoolean();

	private volatile boolean armedSinceBeat;

	TimeoutScheduler() {
		this(BEAT);
	}

	TimeoutScheduler(Duration beat) {
		this.executor = new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("llm-timeouts", true));
		this.executor.setRemoveOnCancelPolicy(true);
		this.beatNanos = beat.toNanos();
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
		keepBeating();
		Timeout timeout = new Timeout(task);
		timeout.future = this.executor.schedule(timeout, delay, unit);
		return timeout;
	}

	private void keepBeating() {
		if (!this.armedSinceBeat) {
			this.armedSinceBeat = true;
		}
		if (!this.beating.get() && this.beating.compareAndSet(false, true)) {
			this.executor.schedule(this::beat, this.beatNanos, TimeUnit.NANOSECONDS);
		}
	}

	/**
	 * Hold the next beat while timeouts are armed. A timeout armed while the last beat
	 * stops may find it still beating and wake the thread itself: the beat spares
	 * wake-ups, it never decides when a timeout fires.
	 */
	private void beat() {
		if (this.armedSinceBeat) {
			this.armedSinceBeat = false;
			this.executor.schedule(this::beat, this.beatNanos, TimeUnit.NANOSECONDS);
		}
		else {
			this.beating.set(false);
		}
	}

	/**
	 * Timeouts armed and neither fired nor cancelled, and the beat.
	 * @return their count
	 */
	int armed() {
		return this.executor.getQueue().size();
	}

	/**
	 * How long until the thread next wakes.
	 * @return the earliest deadline's delay, or {@code null} when nothing is armed
	 */
	Duration nextWakeUp() {
		Delayed first = (Delayed) this.executor.getQueue().peek();
		return (first != null) ? Duration.ofNanos(first.getDelay(TimeUnit.NANOSECONDS)) : null;
	}

	/** Stop a scheduler of a test; the shared one is never stopped. */
	void shutdown() {
		this.executor.shutdownNow();
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

	/**
	 * A timeout as the executor runs it and its caller disposes of it, in one object; a
	 * {@link Callable}, which the executor schedules without wrapping it.
	 */
	private static final class Timeout implements Callable<Void>, Disposable {

		private final Runnable task;

		/** Set before the timeout is handed to its caller. */
		private volatile Future<?> future;

		Timeout(Runnable task) {
			this.task = task;
		}

		/**
		 * Run the task, logging what it throws: the executor would keep it in a future
		 * nobody reads.
		 */
		@Override
		public Void call() {
			try {
				this.task.run();
			}
			catch (RuntimeException ex) {
				logger.warn("A timeout's task failed", ex);
			}
			return null;
		}

		@Override
		public void dispose() {
			this.future.cancel(false);
		}

		@Override
		public boolean isDisposed() {
			return this.future.isDone();
		}

	}

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
