package dev.llmfallback.redis;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Meters of the shared store: {@code llm.redis.available} (1 while Redis answers, else 0)
 * and {@code llm.redis.errors} (Redis commands that failed or timed out, each answered
 * from this process instead).
 */
public class RedisMetrics implements MeterBinder {

	private final RedisAvailability availability;

	/**
	 * Create the meters.
	 * @param availability the guard they read
	 */
	public RedisMetrics(RedisAvailability availability) {
		this.availability = availability;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("llm.redis.available", this.availability, (redis) -> redis.isAvailable() ? 1 : 0)
			.description("Whether the shared Redis store answers")
			.register(registry);
		FunctionCounter.builder("llm.redis.errors", this.availability, RedisAvailability::errors)
			.description("Redis commands that failed or timed out")
			.register(registry);
	}

}
