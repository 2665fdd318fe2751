package dev.llmfallback.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.llmfallback.Attempt;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.provider.ProviderSettings;

/**
 * The failed attempts of one request, in order, and its cap on provider calls. Safe to
 * share between the concurrent attempts of a hedged request.
 */
public final class AttemptLog {

	/** Made at the first failure: most requests have none. */
	private List<Attempt> attempts;

	private final Integer maxCalls;

	private int calls;

	private LlmException last;

	/**
	 * Create the log of a request.
	 * @param maxCalls the most provider calls the request may make, or {@code null} for
	 * no cap
	 */
	public AttemptLog(Integer maxCalls) {
		this.maxCalls = maxCalls;
	}

	/**
	 * Count a provider call about to be made.
	 * @return {@code false} when the request's cap on calls is reached and the call must
	 * not be made
	 */
	public synchronized boolean startCall() {
		if (this.maxCalls != null && this.calls >= this.maxCalls) {
			return false;
		}
		this.calls++;
		return true;
	}

	/**
	 * Record a failed call or a skipped provider.
	 * @param provider the provider
	 * @param error the failure
	 * @param duration how long it took
	 */
	public synchronized void record(ProviderSettings provider, LlmException error, Duration duration) {
		if (this.attempts == null) {
			this.attempts = new ArrayList<>(2);
		}
		this.attempts.add(Attempt.of(provider.name(), provider.model(), error, duration));
		this.last = error;
	}

	/**
	 * The attempts so far.
	 * @return a copy, in order
	 */
	public synchronized List<Attempt> attempts() {
		return (this.attempts != null) ? List.copyOf(this.attempts) : List.of();
	}

	/**
	 * The last failure recorded.
	 * @return the failure, or {@code null}
	 */
	public synchronized LlmException last() {
		return this.last;
	}

	/**
	 * Whether the request may make no more calls.
	 * @return {@code true} when the cap is reached
	 */
	public synchronized boolean capReached() {
		return this.maxCalls != null && this.calls >= this.maxCalls;
	}

	/**
	 * The exception of a request that made every call it was allowed.
	 * @return the exception, carrying the attempts
	 */
	public synchronized LlmException capError() {
		LlmException cause = (this.last != null) ? this.last
				: new LlmException(ErrorKind.LOCAL_LIMIT, null, null, null, "no call allowed", null);
		return LlmException.allFailed(attempts(), new LlmException(cause.kind(), cause.provider(), cause.status(),
				cause.retryAfter(), "request reached its cap of " + this.maxCalls + " provider calls", cause));
	}

}
