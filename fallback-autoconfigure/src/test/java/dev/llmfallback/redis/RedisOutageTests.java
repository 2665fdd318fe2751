package dev.llmfallback.redis;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.DegradationLevel;
import dev.llmfallback.LlmRouter;
import dev.llmfallback.actuator.LlmHealthIndicator;
import dev.llmfallback.cost.BudgetTracker;
import org.springframework.boot.actuate.health.Health;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Redis of the test's own, stopped in the middle of the test and started again:
 * requests go on succeeding on in-process state, health and metrics say so, and shared
 * state is used again once Redis is back.
 */
class RedisOutageTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final Fleet fleet = new Fleet();

	@AfterEach
	void close() throws IOException {
		this.fleet.close();
	}

	@Test
	void requestsSucceedWhileRedisIsDownAndSharedStateIsUsedAgainWhenItReturns() throws Exception {
		try (TestRedis.OwnServer redis = new TestRedis.OwnServer()) {
			redis.start();
			this.fleet
				.instance(redis.port(), "llm.cache.store=redis", "llm.budget.store=redis", "llm.budget.per-day=10",
						"llm.cache.mode=always", "management.health.llm.enabled=true")
				.run((context) -> {
					RedisAvailability availability = context.getBean(RedisAvailability.class);
					await().atMost(WAIT)
						.until(() -> availability.tick()
							.then(Mono.fromSupplier(availability::isAvailable))
							.block(WAIT));
					SimpleMeterRegistry meters = new SimpleMeterRegistry();
					context.getBean(RedisMetrics.class).bindTo(meters);
					assertThat(call(context, "before").level()).isEqualTo(DegradationLevel.FULL);
					await().atMost(WAIT).until(() -> sharedSpend(availability) != null);
					assertThat(redisDetails(context)).containsEntry("status", "up");

					redis.stop();
					long started = System.nanoTime();
					ChatResponse during = call(context, "during");
					assertThat(during.level()).isEqualTo(DegradationLevel.FULL);
					assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
					await().atMost(WAIT).untilAsserted(() -> {
						assertThat(redisDetails(context)).containsEntry("status", "unreachable").containsKey("since");
						assertThat(meters.get("llm.redis.available").gauge().value()).isZero();
					});
					assertThat(meters.get("llm.redis.errors").functionCounter().count()).isPositive();
					// spend during the outage is counted here, and the answer cached
					// before it is served from this process without a provider call
					assertThat(spent(context)).isEqualByComparingTo("0.02");
					assertThat(call(context, "before").level()).isEqualTo(DegradationLevel.CACHED);
					assertThat(this.fleet.strong.getRequestCount()).isEqualTo(2);

					redis.start();
					await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
						assertThat(redisDetails(context)).containsEntry("status", "up");
						assertThat(meters.get("llm.redis.available").gauge().value()).isEqualTo(1);
						// the restarted Redis lost everything; the outage's spend was
						// sent
						assertThat(sharedSpend(availability)).isNotNull();
					});
					assertThat(new BigDecimal(sharedSpend(availability)))
						.isGreaterThanOrEqualTo(new BigDecimal("0.01"));
					assertThat(call(context, "after").level()).isEqualTo(DegradationLevel.FULL);
					await().atMost(WAIT)
						.untilAsserted(() -> assertThat(
								availability.redis().keys(this.fleet.prefix + "cache:*").count().block(WAIT))
							.isEqualTo(1));
					// the restarted Redis counts the outage's answer and this one; the
					// answer before the outage died with the old Redis's memory
					await().atMost(WAIT)
						.untilAsserted(() -> assertThat(new BigDecimal(sharedSpend(availability)))
							.isEqualByComparingTo("0.02"));
					assertThat(spent(context)).isEqualByComparingTo("0.02");
				});
		}
	}

	private static ChatResponse call(ApplicationContext context, String prompt) {
		return context.getBean(LlmRouter.class).chat(ChatRequest.of(prompt)).block(WAIT);
	}

	private static BigDecimal spent(ApplicationContext context) {
		return context.getBean(BudgetTracker.class).status().windows().get(0).spent();
	}

	private String sharedSpend(RedisAvailability availability) {
		String key = availability.redis().keys(this.fleet.prefix + "budget:day:*").blockFirst(WAIT);
		return (key != null) ? availability.redis().opsForValue().get(key).block(WAIT) : null;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> redisDetails(ApplicationContext context) {
		Health health = context.getBean(LlmHealthIndicator.class).health();
		return (Map<String, Object>) health.getDetails().get("redis");
	}

}
