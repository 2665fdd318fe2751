package dev.llmfallback.timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link TimeoutScheduler} runs tasks after their delay unless they were disposed, drops
 * disposed ones at once, beats only while timeouts are armed, and logs a task that fails
 * and goes on; a worker's tasks are disposed with it.
 */
@ExtendWith(OutputCaptureExtension.class)
class TimeoutSchedulerTests {

	private final TimeoutScheduler scheduler = TimeoutScheduler.shared();

	private final List<TimeoutScheduler> owned = new ArrayList<>();

	@AfterEach
	void shutDownOwnedSchedulers() {
		this.owned.forEach(TimeoutScheduler::shutdown);
	}

	@Test
	void taskRunsAfterItsDelay() throws InterruptedException {
		CountDownLatch ran = new CountDownLatch(1);
		long start = System.nanoTime();
		Disposable task = this.scheduler.schedule(ran::countDown, 30, TimeUnit.MILLISECONDS);
		assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(30));
		// done once the task has returned, just after it counted down
		await().atMost(Duration.ofSeconds(5)).until(task::isDisposed);
	}

	@Test
	void disposedTaskNeverRuns() {
		AtomicInteger runs = new AtomicInteger();
		Disposable task = this.scheduler.schedule(runs::incrementAndGet, 20, TimeUnit.MILLISECONDS);
		task.dispose();
		CountDownLatch later = new CountDownLatch(1);
		this.scheduler.schedule(later::countDown, 80, TimeUnit.MILLISECONDS);
		await().atMost(Duration.ofSeconds(5)).until(() -> later.getCount() == 0);
		assertThat(runs).hasValue(0);
		assertThat(task.isDisposed()).isTrue();
	}

	@Test
	void cancelledTimeoutsLeaveTheQueueAtOnce() {
		TimeoutScheduler own = own(Duration.ofSeconds(1));
		List<Disposable> timeouts = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			timeouts.add(armFor30Seconds(own));
		}
		assertThat(own.armed()).isEqualTo(1000 + 1); // and the beat
		timeouts.forEach(Disposable::dispose);
		assertThat(own.armed()).isOne();
		assertThat(timeouts).allMatch(Disposable::isDisposed);
	}

	@Test
	void timeoutsOfASecondOrMoreNeverComeFirstWhileTheTimerBeats() {
		TimeoutScheduler own = own(Duration.ofSeconds(1));
		for (int call = 0; call < 3; call++) {
			Disposable timeout = armFor30Seconds(own);
			assertThat(own.nextWakeUp()).isLessThanOrEqualTo(Duration.ofSeconds(1));
			timeout.dispose();
		}
	}

	@Test
	void beatStopsOnceNothingIsArmedAndStartsAgainWithTheNextTimeout() {
		TimeoutScheduler own = own(Duration.ofMillis(20));
		armFor30Seconds(own).dispose();
		await().atMost(Duration.ofSeconds(5)).until(() -> own.nextWakeUp() == null);
		armFor30Seconds(own);
		assertThat(own.nextWakeUp()).isLessThanOrEqualTo(Duration.ofMillis(20));
	}

	@Test
	void failingTaskIsLoggedAndLaterOnesStillRun(CapturedOutput output) {
		CountDownLatch later = new CountDownLatch(1);
		this.scheduler.schedule(() -> {
			throw new IllegalStateException("boom");
		}, 5, TimeUnit.MILLISECONDS);
		this.scheduler.schedule(later::countDown, 30, TimeUnit.MILLISECONDS);
		await().atMost(Duration.ofSeconds(5)).until(() -> later.getCount() == 0);
		assertThat(output).contains("A timeout's task failed").contains("IllegalStateException: boom");
	}

	@Test
	void workerTasksAreDisposedWithTheWorker() {
		Scheduler.Worker worker = this.scheduler.createWorker();
		AtomicInteger runs = new AtomicInteger();
		worker.schedule(runs::incrementAndGet, 20, TimeUnit.MILLISECONDS);
		worker.schedule(runs::incrementAndGet, 40, TimeUnit.MILLISECONDS);
		worker.dispose();
		CountDownLatch later = new CountDownLatch(1);
		this.scheduler.schedule(later::countDown, 100, TimeUnit.MILLISECONDS);
		await().atMost(Duration.ofSeconds(5)).until(() -> later.getCount() == 0);
		assertThat(runs).hasValue(0);
		assertThat(worker.isDisposed()).isTrue();
	}

	private TimeoutScheduler own(Duration beat) {
		TimeoutScheduler own = new TimeoutScheduler(beat);
		this.owned.add(own);
		return own;
	}

	private static Disposable armFor30Seconds(TimeoutScheduler scheduler) {
		return scheduler.schedule(() -> {
		}, 30, TimeUnit.SECONDS);
	}

}
