package dev.llmfallback;

import java.time.Duration;
import java.util.List;

/**
 * Hears how each routed request ended (answered, failed or cancelled by its caller), for
 * metrics, logs or audits. Declare beans of this type; they are called on the request's
 * thread and must return quickly. A whole answer, or the failure, reaches its caller
 * first and the listeners just after; a stream's caller has every chunk before the
 * listeners hear of it.
 */
public interface LlmRouterListener {

	/**
	 * A request was answered (for a stream: when it completed, with the assembled
	 * answer).
	 * @param request the request
	 * @param response the answer, with its level, cost and failed attempts
	 * @param duration how long the request took
	 */
	default void onAnswer(ChatRequest request, ChatResponse response, Duration duration) {
	}

	/**
	 * A request ended in an exception.
	 * @param request the request
	 * @param error the exception, with every attempt
	 * @param duration how long the request took
	 */
	default void onFailure(ChatRequest request, LlmException error, Duration duration) {
	}

	/**
	 * The caller cancelled a request before it ended: a stream's client went away, or a
	 * chat was given up on, as by the caller's own timeout. The provider call in flight
	 * is aborted; a chat that had its answer is answered, not cancelled.
	 * @param request the request
	 * @param duration how long the request ran until it was cancelled
	 */
	default void onCancel(ChatRequest request, Duration duration) {
	}

	/**
	 * The caller cancelled a request before it ended, after some attempts had failed or
	 * skipped their provider (a failover under way when a client went away). Calls
	 * {@link #onCancel(ChatRequest, Duration)} unless overridden.
	 * @param request the request
	 * @param attempts the failed attempts and skipped providers before the cancel, in
	 * order; empty when none had failed
	 * @param duration how long the request ran until it was cancelled
	 */
	default void onCancel(ChatRequest request, List<Attempt> attempts, Duration duration) {
		onCancel(request, duration);
	}

	/**
	 * The response cache was asked for a request's answer.
	 * @param request the request
	 * @param hit whether it had one
	 */
	default void onCacheLookup(ChatRequest request, boolean hit) {
	}

}
