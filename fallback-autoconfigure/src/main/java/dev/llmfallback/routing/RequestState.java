package dev.llmfallback.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.resilience.AttemptLog;
import dev.llmfallback.resilience.ProviderResilience;

/**
 * What one request has done so far: its attempts, the calls in flight (several when
 * hedged) and, for a stream, the text delivered to the caller.
 */
final class RequestState {

	final AttemptLog log;

	/** The calls in flight: usually one, two or more when hedged. */
	private final List<InFlight> inFlight = new ArrayList<>(2);

	/** A stream's delivered texts, joined only if it fails after them. */
	private List<String> texts;

	private boolean toolCall;

	private boolean firstChunk = true;

	RequestState(AttemptLog log) {
		this.log = log;
	}

	synchronized long started(ProviderResilience provider) {
		long start = System.nanoTime();
		this.inFlight.add(new InFlight(provider.settings(), start));
		return start;
	}

	synchronized void finished(ProviderResilience provider) {
		for (int i = 0; i < this.inFlight.size(); i++) {
			if (this.inFlight.get(i).provider() == provider.settings()) {
				this.inFlight.remove(i);
				return;
			}
		}
	}

	/**
	 * A chunk reaches the caller.
	 * @return whether it is the request's first
	 */
	synchronized boolean delivered(ProviderResilience provider, ChatChunk chunk, LatencyTracker latencies, long start) {
		boolean first = this.firstChunk;
		if (first) {
			this.firstChunk = false;
			latencies.record(provider.settings().name(), System.nanoTime() - start);
		}
		if (!chunk.text().isEmpty()) {
			if (this.texts == null) {
				this.texts = new ArrayList<>();
			}
			this.texts.add(chunk.text());
		}
		this.toolCall |= chunk.toolCall() != null;
		return first;
	}

	synchronized String deliveredText() {
		return (this.texts != null) ? String.join("", this.texts) : "";
	}

	synchronized boolean deliveredToolCall() {
		return this.toolCall;
	}

	/**
	 * The error of a request that no provider could answer, carrying every attempt and,
	 * for a stream, the text already delivered.
	 */
	LlmException failed(LlmException error) {
		if (!error.attempts().isEmpty()) {
			return error;
		}
		String delivered = deliveredText();
		return delivered.isEmpty() ? LlmException.allFailed(this.log.attempts(), error)
				: error.afterPartialAnswer(this.log.attempts(), delivered);
	}

	/**
	 * The error of a hedged request whose every branch failed.
	 */
	LlmException failedHedge(Throwable error) {
		if (error instanceof LlmException llmException && !llmException.attempts().isEmpty()) {
			return llmException;
		}
		LlmException last = (this.log.last() != null) ? this.log.last()
				: new LlmException(ErrorKind.SERVER_ERROR, null, null, null, "every hedged call failed", error);
		return LlmException.allFailed(this.log.attempts(), last);
	}

	LlmException nothingLeft(ChatRequest request) {
		LlmException last = this.log.last();
		if (last != null) {
			return LlmException.allFailed(this.log.attempts(), last);
		}
		return new LlmException(ErrorKind.BAD_REQUEST, null, null, null,
				"no enabled provider has tier " + request.minimumTier() + " or better", null);
	}

	synchronized LlmException deadlinePassed(Duration deadline) {
		for (InFlight call : this.inFlight) {
			this.log.record(call.provider(), new LlmException(ErrorKind.TIMEOUT, call.provider().name(), null, null,
					"cancelled at the request deadline", null), since(call.start()));
		}
		LlmException timeout = new LlmException(ErrorKind.TIMEOUT, null, null, null,
				"request deadline of " + deadline.toMillis() + " ms passed", null);
		return LlmException.allFailed(this.log.attempts(), timeout);
	}

	static Duration since(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

	/**
	 * A call in flight.
	 *
	 * @param provider its provider
	 * @param start when it started, in {@link System#nanoTime()}
	 */
	private record InFlight(ProviderSettings provider, long start) {

	}

}
