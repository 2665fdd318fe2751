package dev.llmfallback.redis;

import java.time.Duration;

import reactor.core.publisher.Mono;

import dev.llmfallback.ChatResponse;
import dev.llmfallback.degradation.ResponseCache;

/**
 * A {@link ResponseCache} on Redis, shared by every instance: one string key per request
 * ({@code <prefix><sha-256>}) holding the {@link CachedAnswerFormat JSON form} of the
 * answer, expiring after the time to live. Every answer is also kept in an in-process
 * cache, which answers while Redis is unreachable.
 */
public class RedisResponseCache implements ResponseCache {

	private final RedisAvailability redis;

	private final String keyPrefix;

	private final Duration timeToLive;

	private final CachedAnswerFormat format;

	private final ResponseCache local;

	/**
	 * Create the cache.
	 * @param redis the guarded Redis
	 * @param keyPrefix the prefix of every key
	 * @param timeToLive how long an answer is kept
	 * @param format the JSON form of answers
	 * @param local the in-process cache used while Redis is unreachable
	 */
	public RedisResponseCache(RedisAvailability redis, String keyPrefix, Duration timeToLive, CachedAnswerFormat format,
			ResponseCache local) {
		this.redis = redis;
		this.keyPrefix = keyPrefix;
		this.timeToLive = timeToLive;
		this.format = format;
		this.local = local;
	}

	@Override
	public Mono<ChatResponse> get(String key) {
		if (!this.redis.isAvailable()) {
			return this.local.get(key);
		}
		return this.redis.guard(this.redis.redis().opsForValue().get(this.keyPrefix + key))
			.flatMap((json) -> Mono.justOrEmpty(this.format.read(json)))
			.switchIfEmpty(Mono.defer(() -> this.redis.isAvailable() ? Mono.empty() : this.local.get(key)));
	}

	@Override
	public Mono<Void> put(String key, ChatResponse response) {
		String json = this.format.write(response);
		return this.local.put(key, response)
			.then(this.redis.guard(this.redis.redis().opsForValue().set(this.keyPrefix + key, json, this.timeToLive)))
			.then();
	}

}
