package dev.llmfallback.redis;

import java.time.Clock;
import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Requests per minute per provider counted for the whole fleet: a fixed window per
 * provider and UTC minute, {@code <prefix><provider>:<minute number>}, raised with INCR
 * and expiring after the minute. While Redis is unreachable every call is allowed here
 * and only the instance's own Resilience4j rate limiter applies.
 */
public class RedisRateLimits {

	private static final Duration KEY_LIFETIME = Duration.ofSeconds(90);

	private final RedisAvailability redis;

	private final String keyPrefix;

	private final Clock clock;

	/**
	 * Create the limits.
	 * @param redis the guarded Redis
	 * @param keyPrefix the prefix of every key
	 * @param clock the clock that starts new minutes
	 */
	public RedisRateLimits(RedisAvailability redis, String keyPrefix, Clock clock) {
		this.redis = redis;
		this.keyPrefix = keyPrefix;
		this.clock = clock;
	}

	/**
	 * Take one call of a provider's limit.
	 * @param provider the provider's name
	 * @param limit the fleet's calls per minute
	 * @return {@code false} once the fleet made {@code limit} calls this minute
	 */
	public Mono<Boolean> tryAcquire(String provider, int limit) {
		String key = this.keyPrefix + provider + ":" + (this.clock.millis() / 60_000);
		Mono<Long> count = this.redis.redis()
			.opsForValue()
			.increment(key)
			.flatMap((value) -> (value == 1) ? this.redis.redis().expire(key, KEY_LIFETIME).thenReturn(value)
					: Mono.just(value));
		return this.redis.guard(count).map((value) -> value <= limit).defaultIfEmpty(true);
	}

}
