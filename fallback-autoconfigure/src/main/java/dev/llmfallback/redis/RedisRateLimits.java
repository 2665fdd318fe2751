package dev.llmfallback.redis;

import java.time.Clock;
import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Requests and tokens per minute per provider counted for the whole fleet: fixed windows
 * per provider and UTC minute, {@code <prefix><provider>:<minute number>} and
 * {@code <prefix>tokens:<provider>:<minute number>}, raised with INCRBY by a script that
 * gives a new counter its lifetime, 90 seconds ({@link RedisCounters}). While Redis is
 * unreachable every call is allowed here and only the instance's own Resilience4j rate
 * limiter applies.
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
		Mono<Long> count = RedisCounters.increment(this.redis.redis(), key, 1, KEY_LIFETIME);
		return this.redis.guard(count).map((value) -> value <= limit).defaultIfEmpty(true);
	}

	/**
	 * Whether a provider's fleet-wide token budget for this minute has room left.
	 * @param provider the provider's name
	 * @param limit the fleet's tokens per minute
	 * @return {@code false} once the fleet used {@code limit} tokens this minute
	 */
	public Mono<Boolean> hasTokens(String provider, int limit) {
		Mono<Boolean> room = this.redis.redis()
			.opsForValue()
			.get(tokensKey(provider))
			.map((value) -> Long.parseLong(value) < limit);
		return this.redis.guard(room).defaultIfEmpty(true);
	}

	/**
	 * Count the tokens of an answer against the provider's fleet-wide budget.
	 * @param provider the provider's name
	 * @param tokens the tokens the answer used
	 * @return completion once counted (or given up, when Redis is unreachable)
	 */
	public Mono<Void> addTokens(String provider, long tokens) {
		if (tokens <= 0) {
			return Mono.empty();
		}
		return this.redis.guard(RedisCounters.increment(this.redis.redis(), tokensKey(provider), tokens, KEY_LIFETIME))
			.then();
	}

	/**
	 * How long until the next minute's limits: the time a provider over its limit is
	 * skipped for at most.
	 * @return the time left in this UTC minute
	 */
	public Duration untilNextMinute() {
		return Duration.ofMillis(60_000 - this.clock.millis() % 60_000);
	}

	private String tokensKey(String provider) {
		return this.keyPrefix + "tokens:" + provider + ":" + (this.clock.millis() / 60_000);
	}

}
