package dev.llmfallback.timeout;

import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

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
 */
public final class TimeoutScheduler implements Scheduler {

	private static final Log logger = LogFactory.getLog(TimeoutScheduler.class);

	private final ScheduledThreadPoolExecutor executor;

	TimeoutScheduler() {
		this.executor = new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("llm-timeouts", true));
		this.executor.setRemoveOnCancelPolicy(true);
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
		Timeout timeout = new Timeout(task);
		timeout.future = this.executor.schedule(timeout, delay, unit);
		return timeout;
	}

	/**
	 * Timeouts armed and neither fired nor cancelled.
	 * @return their count
	 */
	int armed() {
		return this.executor.getQueue().size();
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
