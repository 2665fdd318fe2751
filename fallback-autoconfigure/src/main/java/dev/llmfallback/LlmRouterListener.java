package dev.llmfallback;

import java.time.Duration;

/**
 * Hears how each routed request ended, for metrics, logs or audits. Declare beans of this
 * type; they are called on the request's thread and must return quickly. A whole answer,
 * or the failure, reaches its caller first and the listeners just after; a stream's
 * caller has every chunk before the listeners hear of it.
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
	 * The response cache was asked for a request's answer.
	 * @param request the request
	 * @param hit whether it had one
	 */
	default void onCacheLookup(ChatRequest request, boolean hit) {
	}

}
