package dev.llmfallback.redis;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Counters that expire, raised and given their lifetime in one script: one round trip, no
 * second command sent from the Redis client's event loop, and no counter left without a
 * lifetime by an instance that stopped between the two. A counter found without one (left
 * by such an instance before) gets it too.
 */
final class RedisCounters {

	/** The increment command (INCRBY or INCRBYFLOAT), the amount, the lifetime in ms. */
	private static final String SCRIPT = """
			local value = redis.call(ARGV[1], KEYS[1], ARGV[2])
			if redis.call('PTTL', KEYS[1]) == -1 then
				redis.call('PEXPIRE', KEYS[1], ARGV[3])
			end
			return value""";

	/** INCRBY answers an integer. */
	private static final RedisScript<Long> INCREMENT = RedisScript.of(SCRIPT, Long.class);

	/** INCRBYFLOAT answers the new value as a string. */
	private static final RedisScript<String> INCREMENT_DECIMAL = RedisScript.of(SCRIPT, String.class);

	private RedisCounters() {
	}

	/**
	 * Raise a counter of whole numbers.
	 * @param redis the template
	 * @param key the counter's key
	 * @param by how much to add
	 * @param lifetime how long the counter lives from its first increment
	 * @return the counter's new value
	 */
	static Mono<Long> increment(ReactiveStringRedisTemplate redis, String key, long by, Duration lifetime) {
		return redis
			.execute(INCREMENT, List.of(key), List.of("INCRBY", Long.toString(by), Long.toString(lifetime.toMillis())))
			.next();
	}

	/**
	 * Raise a counter of decimals.
	 * @param redis the template
	 * @param key the counter's key
	 * @param by how much to add
	 * @param lifetime how long the counter lives from its first increment
	 * @return the counter's new value
	 */
	static Mono<BigDecimal> increment(ReactiveStringRedisTemplate redis, String key, BigDecimal by, Duration lifetime) {
		return redis
			.execute(INCREMENT_DECIMAL, List.of(key),
					List.of("INCRBYFLOAT", by.toPlainString(), Long.toString(lifetime.toMillis())))
			.next()
			.map(BigDecimal::new);
	}

}
