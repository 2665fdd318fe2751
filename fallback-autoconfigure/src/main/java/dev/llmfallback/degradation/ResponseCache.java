package dev.llmfallback.degradation;

import reactor.core.publisher.Mono;

import dev.llmfallback.ChatResponse;

/**
 * Answers given before, by request key. The default keeps them in process (Caffeine);
 * declare a bean of this type to keep them elsewhere, for example shared by several
 * instances.
 */
public interface ResponseCache {

	/**
	 * The answer stored under a key.
	 * @param key the request's key, see {@link CacheKeys}
	 * @return the answer, or empty
	 */
	Mono<ChatResponse> get(String key);

	/**
	 * Store an answer.
	 * @param key the request's key
	 * @param response the answer
	 * @return completion once stored
	 */
	Mono<Void> put(String key, ChatResponse response);

}
