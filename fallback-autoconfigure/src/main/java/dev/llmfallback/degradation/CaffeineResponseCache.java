package dev.llmfallback.degradation;

import java.time.Duration;
import java.util.function.Consumer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import reactor.core.publisher.Mono;

import dev.llmfallback.ChatResponse;

/**
 * A {@link ResponseCache} in this process, bounded in size and age.
 */
public class CaffeineResponseCache implements ResponseCache {

	private final Cache<String, ChatResponse> cache;

	/**
	 * Create a cache.
	 * @param maximumSize the most answers kept
	 * @param timeToLive how long an answer is kept
	 */
	public CaffeineResponseCache(long maximumSize, Duration timeToLive) {
		// every answer is written: upkeep runs on the writing thread instead of
		// waking the common pool for each write
		this.cache = Caffeine.newBuilder()
			.maximumSize(maximumSize)
			.expireAfterWrite(timeToLive)
			.executor(Runnable::run)
			.recordStats()
			.build();
	}

	@Override
	public Mono<ChatResponse> get(String key) {
		return Mono.fromSupplier(() -> this.cache.getIfPresent(key));
	}

	/**
	 * Keep the answer unless one as good (of a level as high) is kept already: a question
	 * asked again and again is then read, not rewritten on every answer, which would have
	 * every thread wait on the same entry. The kept answer is still no older than the
	 * time to live.
	 */
	@Override
	public Mono<Void> put(String key, ChatResponse response) {
		return Mono.fromRunnable(() -> keep(key, response));
	}

	/**
	 * Store the answer at once, in this process.
	 */
	@Override
	public void store(String key, ChatResponse response, Consumer<Throwable> failed) {
		keep(key, response);
	}

	private void keep(String key, ChatResponse response) {
		ChatResponse kept = this.cache.getIfPresent(key);
		if (kept == null || kept.level().ordinal() > response.level().ordinal()) {
			this.cache.put(key, response);
		}
	}

	/**
	 * The cache's counters.
	 * @return hits, misses and evictions so far
	 */
	public CacheStats stats() {
		return this.cache.stats();
	}

	/**
	 * How many answers are kept.
	 * @return the estimated size
	 */
	public long size() {
		return this.cache.estimatedSize();
	}

}
