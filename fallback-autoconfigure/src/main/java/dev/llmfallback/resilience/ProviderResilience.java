package dev.llmfallback.resilience;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.ratelimiter.operator.RateLimiterOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.ResponseFormat;
import dev.llmfallback.provider.ProviderClient;
import dev.llmfallback.provider.ProviderErrors;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.timeout.TimeLimitedMono;

/**
 * One provider's client decorated with its Resilience4j instances. Calls nest as
 * {@code Bulkhead(Retry(RateLimiter(CircuitBreaker(TimeLimiter(call)))))}: each retry is
 * a call the breaker counts (so "opens after 5 failed calls" means calls, not requests),
 * an open breaker or an exhausted local limit skips the provider without waiting, and a
 * time limiter bounds each non-streaming call. Every failed call is recorded in the
 * request's {@link AttemptLog}.
 */
public final class ProviderResilience {

	private static final Log logger = LogFactory.getLog(ProviderResilience.class);

	private final ProviderClient client;

	private final CircuitBreaker circuitBreaker;

	private final BreakerWait breakerWait;

	private final Retry retry;

	private final TimeLimiter timeLimiter;

	private final RateLimiter rateLimiter;

	private final Bulkhead bulkhead;

	private final Duration quotaOpenDuration;

	private final AttemptObservations observations;

	private final Supplier<Scheduler> timeouts;

	private final Duration timeLimit;

	private final Supplier<TimeoutException> timeLimitExceeded;

	private final Runnable succeededWithoutRetry;

	/** Whether the retry judges answers too, which only its whole operator does. */
	private final boolean retriesOnResult;

	/**
	 * Whether the time limit can end a call: not when the client bounds its answers by a
	 * response timeout the limit does not undercut.
	 */
	private final boolean armsTimeLimit;

	ProviderResilience(ProviderClient client, CircuitBreaker circuitBreaker, Retry retry, TimeLimiter timeLimiter,
			RateLimiter rateLimiter, Bulkhead bulkhead, Duration quotaOpenDuration, AttemptObservations observations,
			Supplier<Scheduler> timeouts, BreakerWait breakerWait) {
		this.client = client;
		this.circuitBreaker = circuitBreaker;
		this.breakerWait = breakerWait;
		this.retry = retry;
		this.timeLimiter = timeLimiter;
		this.rateLimiter = rateLimiter;
		this.bulkhead = bulkhead;
		this.quotaOpenDuration = quotaOpenDuration;
		this.observations = observations;
		this.timeouts = timeouts;
		this.timeLimit = timeLimiter.getTimeLimiterConfig().getTimeoutDuration();
		this.timeLimitExceeded = () -> new TimeoutException(
				"time limiter '" + timeLimiter.getName() + "': no answer within " + this.timeLimit.toMillis() + " ms");
		this.retriesOnResult = retry.getRetryConfig().getResultPredicate() != null;
		this.succeededWithoutRetry = () -> retry.asyncContext().onComplete();
		this.armsTimeLimit = !client.boundsChatTime()
				|| this.timeLimit.compareTo(client.settings().timeouts().response()) < 0;
	}

	/**
	 * The provider.
	 * @return its settings
	 */
	public ProviderSettings settings() {
		return this.client.settings();
	}

	/**
	 * The provider's circuit breaker, from the registry.
	 * @return the breaker
	 */
	public CircuitBreaker circuitBreaker() {
		return this.circuitBreaker;
	}

	/**
	 * Whether the breaker lets calls through now: closed, half-open with probes left, or
	 * disabled.
	 * @return {@code false} when a call would be refused
	 */
	public boolean isCallPermitted() {
		CircuitBreaker.State state = this.circuitBreaker.getState();
		return state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN;
	}

	/**
	 * Ask the provider for a whole answer, with retries and its breaker.
	 * @param request the request
	 * @param log the request's attempts
	 * @return the answer, or the last classified failure
	 */
	public Mono<ChatResponse> chat(ChatRequest request, AttemptLog log) {
		Mono<ChatResponse> retried = this.retriesOnResult
				? once(request, log, false).transformDeferred(RetryOperator.of(this.retry)) : retried(request, log);
		return (this.bulkhead != null)
				? retried.transformDeferred(BulkheadOperator.of(this.bulkhead)).onErrorMap((ex) -> skipped(ex, log))
				: retried;
	}

	/**
	 * One try, counted against the request's cap on calls, then its local rate limit.
	 * @param countsSuccess whether its answer counts in the retry's metrics as a success
	 * without retry: the first try's does, one made by the retry's operator counts there
	 */
	private Mono<ChatResponse> once(ChatRequest request, AttemptLog log, boolean countsSuccess) {
		if (this.rateLimiter == null) {
			return Mono
				.defer(() -> log.startCall() ? guarded(request, log, countsSuccess) : Mono.error(log.capError()));
		}
		Mono<ChatResponse> limited = Mono.defer(() -> guarded(request, log, countsSuccess))
			.transformDeferred(RateLimiterOperator.of(this.rateLimiter))
			.onErrorMap((ex) -> skipped(ex, log));
		return Mono.defer(() -> log.startCall() ? limited : Mono.error(log.capError()));
	}

	/**
	 * One call in the provider's circuit breaker and time limiter, as their Reactor
	 * operators would run it, in one operator: an open breaker refuses it at once;
	 * otherwise the call is timed, and its end is classified, recorded in the request's
	 * attempts and counted by both.
	 */
	private Mono<ChatResponse> guarded(ChatRequest request, AttemptLog log, boolean countsSuccess) {
		Mono<ChatResponse> call = inFormat(this.client.chat(request), request.responseFormat());
		if (!this.circuitBreaker.tryAcquirePermission()) {
			return Mono
				.error(skipped(CallNotPermittedException.createCallNotPermittedException(this.circuitBreaker), log));
		}
		CallOutcome outcome = new CallOutcome(log, countsSuccess);
		return this.observations.observe(this.armsTimeLimit
				? TimeLimitedMono.of(call, this.timeLimit, this.timeLimitExceeded, this.timeouts.get(), outcome)
				: TimeLimitedMono.unlimited(call, outcome));
	}

	/**
	 * A call whose answer must have the request's format, or the call itself when it asks
	 * for none; apart, so that the call's path stays as short as the JIT compiler
	 * inlines.
	 */
	private Mono<ChatResponse> inFormat(Mono<ChatResponse> call, ResponseFormat format) {
		return (format != null) ? call.map((answer) -> JsonAnswers.checked(answer, format, settings().name())) : call;
	}

	/**
	 * Ask the provider for a streamed answer, with retries before its first chunk and its
	 * breaker, which records success only when the stream completes. A failure after the
	 * first chunk is never retried: it arrives as a {@link StreamInterruptedException}.
	 * @param request the request
	 * @param log the request's attempts
	 * @return the chunks
	 */
	public Flux<ChatChunk> stream(ChatRequest request, AttemptLog log) {
		Flux<ChatChunk> call = this.observations.observe(Flux.defer(() -> {
			long start = System.nanoTime();
			AtomicBoolean started = new AtomicBoolean();
			return this.client.stream(request).doOnNext((chunk) -> started.lazySet(true)).onErrorMap((ex) -> {
				Throwable error = failed(ex, log, start);
				return (started.get() && error instanceof LlmException llmException)
						? new StreamInterruptedException(llmException) : error;
			});
		}));
		Flux<ChatChunk> broken = call.transformDeferred(CircuitBreakerOperator.of(this.circuitBreaker))
			.onErrorMap((ex) -> afterBreaker(ex, log));
		Flux<ChatChunk> limited = (this.rateLimiter != null)
				? broken.transformDeferred(RateLimiterOperator.of(this.rateLimiter))
					.onErrorMap((ex) -> skipped(ex, log))
				: broken;
		Flux<ChatChunk> tries = Flux.defer(() -> log.startCall() ? limited : Flux.error(log.capError()));
		Flux<ChatChunk> retried = this.retriesOnResult ? tries.transformDeferred(RetryOperator.of(this.retry))
				: retried(tries);
		return (this.bulkhead != null)
				? retried.transformDeferred(BulkheadOperator.of(this.bulkhead)).onErrorMap((ex) -> skipped(ex, log))
				: retried;
	}

	/**
	 * The call with Resilience4j's retry, whose operator sets up a retry loop for each
	 * subscription. Most calls succeed at once and most failures are not retryable, so
	 * the first try runs bare: the loop is set up only after a retryable failure,
	 * starting from it. Every outcome counts in the retry's metrics and events as it
	 * would through the operator.
	 */
	private Mono<ChatResponse> retried(ChatRequest request, AttemptLog log) {
		return once(request, log, true).onErrorResume((failure) -> retryable(failure)
				? Mono.defer(new FailureFirst<>(Mono.error(failure), once(request, log, false)))
					.transformDeferred(RetryOperator.of(this.retry))
				: Mono.error(failure));
	}

	/**
	 * A stream with Resilience4j's retry, its first try bare as for a chat: only a
	 * failure before the first chunk can be retryable.
	 */
	private Flux<ChatChunk> retried(Flux<ChatChunk> tries) {
		return tries.doOnComplete(this.succeededWithoutRetry)
			.onErrorResume((failure) -> retryable(failure) ? Flux.defer(new FailureFirst<>(Flux.error(failure), tries))
				.transformDeferred(RetryOperator.of(this.retry)) : Flux.error(failure));
	}

	/**
	 * Whether the retry takes a first try's failure; one it does not take is counted as
	 * its operator counts it.
	 */
	private boolean retryable(Throwable failure) {
		if (this.retry.getRetryConfig().getExceptionPredicate().test(failure)) {
			return true;
		}
		this.retry.asyncContext().onError(failure);
		return false;
	}

	/**
	 * What the retry's operator subscribes to: first the first try's failure, which it
	 * counts and waits after as after any failed try, then the next tries.
	 *
	 * @param <P> the publisher type
	 */
	private static final class FailureFirst<P> implements Supplier<P> {

		private final P failure;

		private final P again;

		private boolean replayed;

		FailureFirst(P failure, P again) {
			this.failure = failure;
			this.again = again;
		}

		@Override
		public P get() {
			if (this.replayed) {
				return this.again;
			}
			this.replayed = true;
			return this.failure;
		}

	}

	/**
	 * How one call ended, told to its time limiter and circuit breaker: what
	 * Resilience4j's own operators report, with the breaker's permission held from the
	 * call's start. A success is counted once the caller has the answer, off its path,
	 * unless the breaker is not closed: then a half-open breaker's probe must be counted
	 * before the caller can call again, or its next call could be refused.
	 */
	private final class CallOutcome implements TimeLimitedMono.Outcome<ChatResponse> {

		private final AttemptLog log;

		private final boolean countsSuccess;

		private final long start = System.nanoTime();

		private final long breakerStart = ProviderResilience.this.circuitBreaker.getCurrentTimestamp();

		private long breakerDuration;

		private ChatResponse answer;

		private boolean counted;

		CallOutcome(AttemptLog log, boolean countsSuccess) {
			this.log = log;
			this.countsSuccess = countsSuccess;
		}

		@Override
		public void succeeded(ChatResponse response) {
			CircuitBreaker breaker = ProviderResilience.this.circuitBreaker;
			this.breakerDuration = breaker.getCurrentTimestamp() - this.breakerStart;
			this.answer = response;
			if (breaker.getState() != CircuitBreaker.State.CLOSED) {
				countSuccess();
			}
		}

		@Override
		public void delivered() {
			if (!this.counted) {
				countSuccess();
			}
		}

		private void countSuccess() {
			this.counted = true;
			if (this.countsSuccess) {
				ProviderResilience.this.retry.asyncContext().onComplete();
			}
			ProviderResilience.this.timeLimiter.onSuccess();
			CircuitBreaker breaker = ProviderResilience.this.circuitBreaker;
			breaker.onResult(this.breakerDuration, breaker.getTimestampUnit(), this.answer);
		}

		@Override
		public Throwable failed(Throwable error) {
			ProviderResilience.this.timeLimiter.onError(error);
			Throwable classified = ProviderResilience.this.failed(error, this.log, this.start);
			CircuitBreaker breaker = ProviderResilience.this.circuitBreaker;
			breaker.onError(breaker.getCurrentTimestamp() - this.breakerStart, breaker.getTimestampUnit(), classified);
			return afterBreaker(classified, this.log);
		}

		@Override
		public void cancelled() {
			ProviderResilience.this.circuitBreaker.releasePermission();
		}

	}

	/**
	 * A failed call, classified and recorded in the request's attempts.
	 */
	private Throwable failed(Throwable error, AttemptLog log, long start) {
		Throwable classified = classify(error);
		if (classified instanceof LlmException llmException) {
			log.record(settings(), llmException, since(start));
		}
		return classified;
	}

	private Throwable afterBreaker(Throwable error, AttemptLog log) {
		if (error instanceof CallNotPermittedException) {
			return skipped(error, log);
		}
		LlmException cause = (error instanceof StreamInterruptedException interrupted) ? interrupted.getCause()
				: (error instanceof LlmException llmException) ? llmException : null;
		if (cause != null && cause.kind() == ErrorKind.QUOTA_EXCEEDED) {
			this.circuitBreaker.transitionToOpenStateFor(this.quotaOpenDuration);
			this.breakerWait.openFor(this.quotaOpenDuration);
			logger.warn("Provider '" + settings().name() + "' reports an exhausted quota or billing limit ("
					+ cause.detail() + "); its circuit breaker stays open for " + this.quotaOpenDuration
					+ ". Check the provider account.");
		}
		return error;
	}

	/**
	 * A provider passed over, with how long until it may be called again when that is
	 * known: a full bulkhead frees up as soon as any call ends.
	 */
	private Throwable skipped(Throwable error, AttemptLog log) {
		ErrorKind kind;
		Duration retryAfter = null;
		if (error instanceof CallNotPermittedException) {
			kind = ErrorKind.CIRCUIT_OPEN;
			retryAfter = this.breakerWait.remaining();
		}
		else if (error instanceof RequestNotPermitted) {
			kind = ErrorKind.LOCAL_LIMIT;
			retryAfter = nextPermit();
		}
		else if (error instanceof BulkheadFullException) {
			kind = ErrorKind.LOCAL_LIMIT;
		}
		else {
			return error;
		}
		LlmException skip = LlmException.skipped(kind, settings().name(), retryAfter, error.getMessage());
		log.record(settings(), skip, Duration.ZERO);
		return skip;
	}

	/**
	 * How long until the rate limiter grants a permit, which only Resilience4j's default
	 * (atomic) rate limiter tells.
	 */
	private Duration nextPermit() {
		if (this.rateLimiter.getMetrics() instanceof AtomicRateLimiter.AtomicRateLimiterMetrics metrics) {
			long nanos = metrics.getNanosToWait();
			return (nanos > 0) ? Duration.ofNanos(nanos) : null;
		}
		return null;
	}

	private Throwable classify(Throwable error) {
		return (error instanceof StreamInterruptedException) ? error
				: ProviderErrors.fromTransport(settings().name(), error);
	}

	private static Duration since(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

}
