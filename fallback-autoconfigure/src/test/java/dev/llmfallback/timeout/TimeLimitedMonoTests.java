package dev.llmfallback.timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TimeLimitedMono} behaves as {@code Mono.timeout} with a fallback error: the
 * source's signal within the limit passes and disarms the timer, a late source is
 * cancelled and the error signalled, a cancelled subscriber disarms the timer.
 */
class TimeLimitedMonoTests {

	private static final Duration LIMIT = Duration.ofSeconds(1);

	private final ArmedTimer timer = new ArmedTimer();

	private final VirtualTimeScheduler virtualTime = this.timer.virtualTime();

	private final AtomicInteger timeouts = new AtomicInteger();

	private final AtomicBoolean cancelled = new AtomicBoolean();

	private final Sinks.One<String> source = Sinks.one();

	@AfterEach
	void dispose() {
		this.timer.dispose();
	}

	@Test
	void valueWithinTheLimitPassesAndDisarmsTheTimer() {
		StepVerifier.create(limited())
			.then(() -> this.virtualTime.advanceTimeBy(LIMIT.minusMillis(1)))
			.then(() -> this.source.tryEmitValue("answer"))
			.expectNext("answer")
			.verifyComplete();
		assertThat(this.timer.last().isDisposed()).isTrue();
		this.virtualTime.advanceTimeBy(LIMIT.multipliedBy(2));
		assertThat(this.timeouts).hasValue(0);
		assertThat(this.cancelled).isFalse();
	}

	@Test
	void errorWithinTheLimitPassesThrough() {
		StepVerifier.create(limited())
			.then(() -> this.source.tryEmitError(new IllegalStateException("refused")))
			.expectErrorMessage("refused")
			.verify(Duration.ofSeconds(5));
		assertThat(this.timer.last().isDisposed()).isTrue();
		this.virtualTime.advanceTimeBy(LIMIT.multipliedBy(2));
		assertThat(this.timeouts).hasValue(0);
	}

	@Test
	void lateSourceIsCancelledAndTheErrorSignalled() {
		StepVerifier.create(limited())
			.expectSubscription()
			.then(() -> this.virtualTime.advanceTimeBy(LIMIT))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(TimeoutException.class).hasMessage("late"))
			.verify(Duration.ofSeconds(5));
		assertThat(this.cancelled).isTrue();
		assertThat(this.timeouts).hasValue(1);
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
	void sourceAnsweringWhileSubscribedNeedsNoTimer() {
		StepVerifier.create(TimeLimitedMono.of(Mono.just("at once"), LIMIT, this::timeout, this.timer))
			.expectNext("at once")
			.verifyComplete();
		assertThat(this.timer.last()).isNull();
		this.virtualTime.advanceTimeBy(LIMIT.multipliedBy(2));
		assertThat(this.timeouts).hasValue(0);
	}

	@Test
	void limitIsTimedOnTheSharedWheel() {
		StepVerifier
			.create(TimeLimitedMono.of(this.source.asMono(), Duration.ofMillis(50), this::timeout,
					TimeoutScheduler.shared()))
			.expectError(TimeoutException.class)
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void sourceSeesTheSubscribersContext() {
		Mono<String> source = Mono.deferContextual((context) -> Mono.just(context.getOrDefault("tenant", "none")));
		StepVerifier
			.create(TimeLimitedMono
				.of(source.delayElement(Duration.ofMillis(10), this.virtualTime), LIMIT, this::timeout, this.timer)
				.contextWrite((context) -> context.put("tenant", "acme")))
			.then(() -> this.virtualTime.advanceTimeBy(Duration.ofMillis(10)))
			.expectNext("acme")
			.verifyComplete();
	}

	@Test
	void outcomeHearsTheValueOnceBeforeTheSubscriberAndTheDeliveryAfterIt() {
		List<String> heard = new CopyOnWriteArrayList<>();
		BaseSubscriber<String> subscriber = new BaseSubscriber<>() {

			@Override
			protected void hookOnNext(String value) {
				heard.add("subscriber " + value + ", timer armed "
						+ !TimeLimitedMonoTests.this.timer.last().isDisposed());
			}

			@Override
			protected void hookOnComplete() {
				heard.add("subscriber complete, timer armed " + !TimeLimitedMonoTests.this.timer.last().isDisposed());
			}

		};
		limited(recording(heard)).subscribe(subscriber);
		this.source.tryEmitValue("answer");
		assertThat(heard).containsExactly("succeeded answer", "subscriber answer, timer armed true",
				"subscriber complete, timer armed true", "delivered");
		assertThat(this.timer.last().isDisposed()).isTrue();
	}

	@Test
	void subscriberThatCancelsOnTheValueStillSettlesTheDeliveryOnce() {
		List<String> heard = new CopyOnWriteArrayList<>();
		BaseSubscriber<String> cancelsOnValue = new BaseSubscriber<>() {

			@Override
			protected void hookOnNext(String value) {
				heard.add("subscriber " + value);
				cancel();
			}

		};
		limited(recording(heard)).subscribe(cancelsOnValue);
		this.source.tryEmitValue("answer");
		assertThat(heard).containsExactly("succeeded answer", "subscriber answer", "delivered");
		assertThat(this.timer.last().isDisposed()).isTrue();
	}

	@Test
	void subscriberThatCancelsBetweenTheValueAndTheCompletionSettlesTheDelivery() {
		List<String> heard = new CopyOnWriteArrayList<>();
		AtomicReference<Subscriber<? super String>> valueWithoutCompletion = new AtomicReference<>();
		Mono<String> source = Mono.fromDirect((subscriber) -> {
			subscriber.onSubscribe(Operators.emptySubscription());
			valueWithoutCompletion.set(subscriber);
		});
		BaseSubscriber<String> subscriber = new BaseSubscriber<>() {

			@Override
			protected void hookOnNext(String value) {
				heard.add("subscriber " + value);
			}

		};
		TimeLimitedMono.of(source, LIMIT, this::timeout, this.timer, recording(heard)).subscribe(subscriber);
		valueWithoutCompletion.get().onNext("answer");
		assertThat(heard).containsExactly("succeeded answer", "subscriber answer");
		assertThat(this.timer.last().isDisposed()).as("armed until the completion").isFalse();
		subscriber.cancel();
		assertThat(heard).containsExactly("succeeded answer", "subscriber answer", "delivered");
		assertThat(this.timer.last().isDisposed()).isTrue();
	}

	@Test
	void outcomeHearsAnEmptySourceAsSucceeded() {
		List<String> heard = new CopyOnWriteArrayList<>();
		StepVerifier.create(limited(recording(heard))).then(this.source::tryEmitEmpty).verifyComplete();
		assertThat(heard).containsExactly("succeeded null", "delivered");
	}

	@Test
	void outcomeMapsTheSourcesError() {
		List<String> heard = new CopyOnWriteArrayList<>();
		StepVerifier.create(limited(recording(heard)))
			.then(() -> this.source.tryEmitError(new IllegalStateException("refused")))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessage("classified")
				.hasCauseInstanceOf(IllegalStateException.class))
			.verify(Duration.ofSeconds(5));
		assertThat(heard).containsExactly("failed refused");
	}

	@Test
	void outcomeMapsTheTimeLimitsError() {
		List<String> heard = new CopyOnWriteArrayList<>();
		StepVerifier.create(limited(recording(heard)))
			.expectSubscription()
			.then(() -> this.virtualTime.advanceTimeBy(LIMIT))
			.expectErrorSatisfies(
					(ex) -> assertThat(ex).hasMessage("classified").hasCauseInstanceOf(TimeoutException.class))
			.verify(Duration.ofSeconds(5));
		assertThat(heard).containsExactly("failed late");
		assertThat(this.cancelled).isTrue();
	}

	@Test
	void outcomeHearsACancellationBeforeTheSignalOnly() {
		List<String> heard = new CopyOnWriteArrayList<>();
		limited(recording(heard)).subscribe().dispose();
		assertThat(heard).containsExactly("cancelled");
		heard.clear();
		StepVerifier.create(limited(recording(heard)))
			.then(() -> this.source.tryEmitValue("answer"))
			.expectNext("answer")
			.thenCancel()
			.verify(Duration.ofSeconds(5));
		assertThat(heard).containsExactly("succeeded answer", "delivered");
	}

	private Mono<String> limited(TimeLimitedMono.Outcome<String> outcome) {
		return TimeLimitedMono.of(this.source.asMono().doOnCancel(() -> this.cancelled.set(true)), LIMIT, this::timeout,
				this.timer, outcome);
	}

	private static TimeLimitedMono.Outcome<String> recording(List<String> heard) {
		return new TimeLimitedMono.Outcome<>() {

			@Override
			public void succeeded(String value) {
				heard.add("succeeded " + value);
			}

			@Override
			public Throwable failed(Throwable error) {
				heard.add("failed " + error.getMessage());
				return new IllegalArgumentException("classified", error);
			}

			@Override
			public void cancelled() {
				heard.add("cancelled");
			}

			@Override
			public void delivered() {
				heard.add("delivered");
			}

		};
	}

	private Mono<String> limited() {
		return TimeLimitedMono.of(this.source.asMono().doOnCancel(() -> this.cancelled.set(true)), LIMIT, this::timeout,
				this.timer);
	}

	private TimeoutException timeout() {
		this.timeouts.incrementAndGet();
		return new TimeoutException("late");
	}

}
