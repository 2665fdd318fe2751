package dev.llmfallback.timeout;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TimeLimitedFlux} behaves as {@code Flux.timeout} with a first timeout, no
 * timeout after the first value, and a fallback error: the first signal within the limit
 * disarms the timer and every later value passes however late, a source silent for the
 * limit is cancelled and the error signalled, a cancelled subscriber disarms the timer.
 */
class TimeLimitedFluxTests {

	private static final Duration LIMIT = Duration.ofSeconds(1);

	private final ArmedTimer timer = new ArmedTimer();

	private final VirtualTimeScheduler virtualTime = this.timer.virtualTime();

	private final AtomicInteger timeouts = new AtomicInteger();

	private final AtomicBoolean cancelled = new AtomicBoolean();

	private final Sinks.Many<String> source = Sinks.many().unicast().onBackpressureBuffer();

	@AfterEach
	void dispose() {
		this.timer.dispose();
	}

	@Test
	void firstValueWithinTheLimitDisarmsTheTimerAndLaterValuesPassHoweverLate() {
		StepVerifier.create(limited())
			.then(() -> this.virtualTime.advanceTimeBy(LIMIT.minusMillis(1)))
			.then(() -> this.source.tryEmitNext("first"))
			.expectNext("first")
			.then(() -> this.virtualTime.advanceTimeBy(LIMIT.multipliedBy(3)))
			.then(() -> this.source.tryEmitNext("second"))
			.expectNext("second")
			.then(() -> this.virtualTime.advanceTimeBy(LIMIT.multipliedBy(3)))
			.then(() -> this.source.tryEmitNext("third"))
			.then(this.source::tryEmitComplete)
			.expectNext("third")
			.verifyComplete();
		assertThat(this.timer.armed()).isEqualTo(1);
		assertThat(this.timer.last().isDisposed()).isTrue();
		assertThat(this.timeouts).hasValue(0);
		assertThat(this.cancelled).isFalse();
	}

	@Test
	void valuesPassAsRequested() {
		StepVerifier.create(limited(), 1)
			.then(() -> this.source.tryEmitNext("first"))
			.then(() -> this.source.tryEmitNext("second"))
			.then(this.source::tryEmitComplete)
			.expectNext("first")
			.expectNoEvent(Duration.ofMillis(10))
			.thenRequest(1)
			.expectNext("second")
			.verifyComplete();
	}

	@Test
	void errorAfterTheFirstValuePassesThrough() {
		StepVerifier.create(limited())
			.then(() -> this.source.tryEmitNext("first"))
			.expectNext("first")
			.then(() -> this.source.tryEmitError(new IllegalStateException("cut")))
			.expectErrorMessage("cut")
			.verify(Duration.ofSeconds(5));
		assertThat(this.timeouts).hasValue(0);
	}

	@Test
	void emptySourceWithinTheLimitCompletes() {
		StepVerifier.create(limited()).then(this.source::tryEmitComplete).verifyComplete();
		assertThat(this.timer.last().isDisposed()).isTrue();
		this.virtualTime.advanceTimeBy(LIMIT.multipliedBy(2));
		assertThat(this.timeouts).hasValue(0);
	}

	@Test
	void silentSourceIsCancelledAndTheErrorSignalled() {
		StepVerifier.create(limited())
			.expectSubscription()
			.then(() -> this.virtualTime.advanceTimeBy(LIMIT))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(TimeoutException.class).hasMessage("late"))
			.verify(Duration.ofSeconds(5));
		assertThat(this.cancelled).isTrue();
		assertThat(this.timeouts).hasValue(1);
		assertThat(this.source.tryEmitNext("too late").isSuccess()).isFalse();
	}

	@Test
	void cancelledSubscriberDisarmsTheTimer() {
		Disposable subscription = limited().subscribe();
		assertThat(this.timer.last().isDisposed()).isFalse();
		subscription.dispose();
		assertThat(this.timer.last().isDisposed()).isTrue();
		this.virtualTime.advanceTimeBy(LIMIT.multipliedBy(2));
		assertThat(this.cancelled).isTrue();
		assertThat(this.timeouts).hasValue(0);
	}

	@Test
	void sourceSignallingWhileSubscribedNeedsNoTimer() {
		StepVerifier.create(TimeLimitedFlux.firstWithin(Flux.just("a", "b"), LIMIT, this::timeout, this.timer))
			.expectNext("a", "b")
			.verifyComplete();
		assertThat(this.timer.last()).isNull();
	}

	private Flux<String> limited() {
		return TimeLimitedFlux.firstWithin(this.source.asFlux().doOnCancel(() -> this.cancelled.set(true)), LIMIT,
				this::timeout, this.timer);
	}

	private TimeoutException timeout() {
		this.timeouts.incrementAndGet();
		return new TimeoutException("late");
	}

}
