package dev.llmfallback;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends chat requests to the configured LLM providers, failing over and degrading so that
 * every request ends in a response (possibly degraded, and marked so) or one
 * {@link LlmException} carrying every attempt.
 */
public interface LlmRouter {

	/**
	 * Answer a request.
	 * @param request the request
	 * @return the answer, naming the provider, model and degradation level that produced
	 * it
	 */
	Mono<ChatResponse> chat(ChatRequest request);

	/**
	 * Answer a request as a stream of chunks. Failures before the first chunk fall back
	 * silently; a failure after it ends the stream with an {@link LlmException} whose
	 * {@link LlmException#partialText() partial text} holds what was already delivered.
	 * @param request the request
	 * @return the chunks of the answer, each naming its provider, model and degradation
	 * level; the final one also carries the cost and the failed attempts, as
	 * {@link ChatResponse#fromChunks} assembles them
	 */
	Flux<ChatChunk> stream(ChatRequest request);

	/**
	 * Answer a request, blocking the calling thread: for Spring MVC and other blocking
	 * callers. Never call it on a reactive (event loop) thread.
	 * @param request the request
	 * @return the answer
	 * @throws LlmException when no provider and no degraded level could answer
	 */
	default ChatResponse call(ChatRequest request) {
		return chat(request).block();
	}

}
