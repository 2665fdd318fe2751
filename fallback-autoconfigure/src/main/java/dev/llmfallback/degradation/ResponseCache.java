package dev.llmfallback.degradation;

import java.util.function.Consumer;

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

	/**
	 * Store an answer without waiting for it to be stored, as the router keeps every
	 * answer once its caller has it. The default subscribes to {@link #put}; a cache that
	 * stores at once may do so here and spare each answer a subscription.
	 * @param key the request's key
	 * @param response the answer
	 * @param failed told of a failure to store, which only the cache sees
	 */
	default void store(String key, ChatResponse response, Consumer<Throwable> failed) {
		put(key, response).subscribe(null, failed);
	}

}
