package dev.llmfallback.timeout;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A timer on virtual time that keeps count of the tasks armed on it and the last one.
 */
public final class ArmedTimer implements Scheduler {

	private final VirtualTimeScheduler virtualTime = VirtualTimeScheduler.create();

	private final AtomicInteger armed = new AtomicInteger();

	private volatile Disposable last;

	/**
	 * The virtual time the tasks run on.
	 * @return the clock to advance
	 */
	public VirtualTimeScheduler virtualTime() {
		return this.virtualTime;
	}

	/**
	 * How many tasks were armed.
	 * @return the count
	 */
	public int armed() {
		return this.armed.get();
	}

	/**
	 * The task armed last.
	 * @return the task, or {@code null} when none was
	 */
	public Disposable last() {
		return this.last;
	}

	@Override
	public Disposable schedule(Runnable task) {
		return schedule(task, 0, TimeUnit.NANOSECONDS);
	}

	@Override
	public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
		Disposable scheduled = this.virtualTime.schedule(task, delay, unit);
		this.armed.incrementAndGet();
		this.last = scheduled;
		return scheduled;
	}

	@Override
	public Worker createWorker() {
		return this.virtualTime.createWorker();
	}

	@Override
	public void dispose() {
		this.virtualTime.dispose();
	}

}
