package dev.llmfallback.redis;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.DegradationLevel;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.LlmRouter;
import dev.llmfallback.cost.BudgetStatus;
import dev.llmfallback.cost.BudgetTracker;
import dev.llmfallback.resilience.ResilienceRegistries;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two application contexts of one fleet on one real Redis: answers, spend and breaker
 * hints of one are seen by the other.
 */
class FleetTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final Fleet fleet = new Fleet();

	@AfterEach
	void close() throws IOException {
		this.fleet.close();
	}

	@Test
	void anAnswerCachedByOneInstanceIsServedByTheOther() {
		int port = TestRedis.requireShared();
		String[] cache = { "llm.cache.store=redis", "llm.cache.mode=always" };
		this.fleet.instance(port, cache).run((a) -> this.fleet.instance(port, cache).run((b) -> {
			connected(a, b);
			ChatRequest request = ChatRequest.of("What is the capital of France?");
			ChatResponse first = call(a, request);
			assertThat(first.level()).isEqualTo(DegradationLevel.FULL);
			assertThat(first.provider()).isEqualTo("strong");
			RedisAvailability redis = a.getBean(RedisAvailability.class);
			await("the answer written to Redis after it was delivered").atMost(WAIT)
				.until(() -> redis.redis().keys(this.fleet.prefix + "cache:*").count().block(WAIT) == 1);
			ChatResponse second = call(b, request);
			assertThat(second.level()).isEqualTo(DegradationLevel.CACHED);
			assertThat(second.text()).isEqualTo("from strong");
			assertThat(this.fleet.strong.getRequestCount()).isEqualTo(1);
			List<String> keys = redis.redis().keys(this.fleet.prefix + "cache:*").collectList().block(WAIT);
			assertThat(keys).hasSize(1);
			String json = redis.redis().opsForValue().get(keys.get(0)).block(WAIT);
			assertThat(json).startsWith("{\"v\":1,\"text\":\"from strong\"")
				.contains("\"level\":\"FULL\"")
				.doesNotContain("capital");
		}));
	}

	@Test
	void aValueOfAnotherVersionIsAMissAndTheProviderAnswers() {
		int port = TestRedis.requireShared();
		this.fleet.instance(port, "llm.cache.store=redis", "llm.cache.mode=always").run((a) -> {
			connected(a);
			ChatRequest request = ChatRequest.of("A question from a newer instance");
			RedisAvailability redis = a.getBean(RedisAvailability.class);
			String key = this.fleet.prefix + "cache:" + dev.llmfallback.degradation.CacheKeys.of(request);
			redis.redis()
				.opsForValue()
				.set(key, "{\"v\":2,\"text\":\"from the future\",\"level\":\"FULL\",\"finishReason\":\"STOP\"}")
				.block(WAIT);
			ChatResponse response = call(a, request);
			assertThat(response.level()).isEqualTo(DegradationLevel.FULL);
			assertThat(response.text()).isEqualTo("from strong");
		});
	}

	@Test
	void spendOfBothInstancesCountsAgainstOneBudgetAndTheSwitchIsFleetWide() {
		int port = TestRedis.requireShared();
		String[] budget = { "llm.budget.store=redis", "llm.budget.per-day=0.05", "llm.budget.downgrade-at=0.6",
				"llm.budget.downgrade-to=basic" };
		this.fleet.instance(port, budget).run((a) -> this.fleet.instance(port, budget).run((b) -> {
			connected(a, b);
			List<ApplicationContext> instances = List.of(a, b);
			List<String> providers = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				ChatResponse response = call(instances.get(i % 2), ChatRequest.of("question " + i));
				providers.add((response.provider() != null) ? response.provider() : response.level().name());
				BigDecimal expected = new BigDecimal("0.01").multiply(BigDecimal.valueOf(Math.min(i + 1, 5)));
				await().atMost(WAIT)
					.untilAsserted(() -> instances.forEach((instance) -> assertThat(
							instance.getBean(BudgetTracker.class).status().windows().get(0).spent())
						.isEqualByComparingTo(expected)));
			}
			// 0.03 of 0.05 reached after the third answer (A, B, A): the fourth, on B,
			// which spent 0.01 itself, is downgraded; after the fifth nothing may answer
			assertThat(providers).containsExactly("strong", "strong", "strong", "cheap", "cheap", "STATIC");
			assertThat(b.getBean(BudgetTracker.class).status().decision()).isEqualTo(BudgetStatus.Decision.EXHAUSTED);
		}));
	}

	@Test
	void aBreakerOpenedOnOneInstanceOpensTheSameBreakerOnTheOtherUntilTheSameTime() {
		int port = TestRedis.requireShared();
		String[] hints = { "llm.budget.store=redis" };
		this.fleet.instance(port, append(hints, "llm.redis.instance-id=a"))
			.run((a) -> this.fleet.instance(port, append(hints, "llm.redis.instance-id=b")).run((b) -> {
				connected(a, b);
				CircuitBreaker onA = a.getBean(ResilienceRegistries.class).circuitBreakers().circuitBreaker("strong");
				CircuitBreaker onB = b.getBean(ResilienceRegistries.class).circuitBreakers().circuitBreaker("strong");
				assertThat(onB.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
				Instant before = Instant.now();
				onA.transitionToOpenState();
				await().atMost(WAIT).until(() -> onB.getState() == CircuitBreaker.State.OPEN);
				String hint = a.getBean(RedisAvailability.class)
					.redis()
					.opsForValue()
					.get(this.fleet.prefix + "breaker:strong")
					.block(WAIT);
				assertThat(hint).endsWith(":a");
				Instant until = Instant.ofEpochMilli(Long.parseLong(hint.substring(0, hint.indexOf(':'))));
				assertThat(until).isAfter(before);
				// B honours the hint without publishing one of its own, and calls on B
				// are not permitted: the router answers from the cheap provider
				ChatResponse response = call(b, ChatRequest.of("while strong is open"));
				assertThat(response.provider()).isEqualTo("cheap");
				assertThat(this.fleet.strong.getRequestCount()).isZero();
				assertThat(a.getBean(RedisAvailability.class)
					.redis()
					.opsForValue()
					.get(this.fleet.prefix + "breaker:strong")
					.block(WAIT)).isEqualTo(hint);
				assertThat(a.getBean(ResilienceRegistries.class).circuitBreakers().circuitBreaker("cheap").getState())
					.isEqualTo(CircuitBreaker.State.CLOSED);
			}));
	}

	@Test
	void theFleetSharesAProvidersRequestsPerMinute() {
		int port = TestRedis.requireShared();
		String[] limits = { "llm.redis.rate-limits=true", "llm.providers[0].requests-per-minute=2" };
		// the counter is per UTC minute: keep the test away from the minute's end
		await().atMost(Duration.ofSeconds(20)).until(() -> Instant.now().getEpochSecond() % 60 < 45);
		this.fleet.instance(port, limits).run((a) -> this.fleet.instance(port, limits).run((b) -> {
			connected(a, b);
			List<ApplicationContext> instances = List.of(a, b, a, b);
			List<ChatResponse> answers = new ArrayList<>();
			for (int i = 0; i < instances.size(); i++) {
				answers.add(call(instances.get(i), ChatRequest.of("limited " + i)));
			}
			// each instance alone would allow two calls a minute: together they made two
			assertThat(answers).extracting(ChatResponse::provider)
				.containsExactly("strong", "strong", "cheap", "cheap");
			assertThat(this.fleet.strong.getRequestCount()).isEqualTo(2);
			// the provider over the limit is skipped until the minute ends, at most a
			// minute
			assertThat(answers.get(2).attempts()).singleElement().satisfies((attempt) -> {
				assertThat(attempt.kind()).isEqualTo(ErrorKind.LOCAL_LIMIT);
				assertThat(attempt.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
			});
		}));
	}

	@Test
	void theFleetSharesAProvidersTokensPerMinute() {
		int port = TestRedis.requireShared();
		// each answer uses 1000 tokens: the budget of 1500 has room for two calls of the
		// fleet
		String[] limits = { "llm.redis.rate-limits=true", "llm.providers[0].tokens-per-minute=1500" };
		await().atMost(Duration.ofSeconds(20)).until(() -> Instant.now().getEpochSecond() % 60 < 45);
		this.fleet.instance(port, limits).run((a) -> this.fleet.instance(port, limits).run((b) -> {
			connected(a, b);
			List<ApplicationContext> instances = List.of(a, b, a, b);
			List<String> providers = new ArrayList<>();
			for (int i = 0; i < instances.size(); i++) {
				providers.add(call(instances.get(i), ChatRequest.of("tokens " + i)).provider());
				long counted = 1000L * providers.stream().filter("strong"::equals).count();
				await("the answer's tokens counted after it was delivered").atMost(WAIT)
					.until(() -> tokensCounted(a, "strong") == counted);
			}
			assertThat(providers).containsExactly("strong", "strong", "cheap", "cheap");
			assertThat(this.fleet.strong.getRequestCount()).isEqualTo(2);
		}));
	}

	@Test
	void countersLeftWithoutTheirLifetimeGetItOnTheirNextIncrement() {
		int port = TestRedis.requireShared();
		String[] limits = { "llm.redis.rate-limits=true", "llm.providers[0].requests-per-minute=100",
				"llm.providers[0].tokens-per-minute=100000", "llm.budget.store=redis", "llm.budget.per-day=100" };
		await().atMost(Duration.ofSeconds(20)).until(() -> Instant.now().getEpochSecond() % 60 < 45);
		this.fleet.instance(port, limits).run((a) -> {
			connected(a);
			ReactiveStringRedisTemplate redis = a.getBean(RedisAvailability.class).redis();
			long now = System.currentTimeMillis();
			String requests = this.fleet.prefix + "rate:strong:" + now / 60_000;
			String tokens = this.fleet.prefix + "rate:tokens:strong:" + now / 60_000;
			String spend = this.fleet.prefix + "budget:day:" + now / 86_400_000;
			// as an instance that stopped between raising a counter and giving it a
			// lifetime would have left them
			redis.opsForValue().set(requests, "5").block(WAIT);
			redis.opsForValue().set(tokens, "10").block(WAIT);
			redis.opsForValue().set(spend, "0.5").block(WAIT);

			assertThat(call(a, ChatRequest.of("counted")).provider()).isEqualTo("strong");

			assertThat(redis.opsForValue().get(requests).block(WAIT)).isEqualTo("6");
			assertThat(redis.opsForValue().get(tokens).block(WAIT)).isEqualTo("1010");
			await("the spend sent").atMost(WAIT)
				.untilAsserted(() -> assertThat(new BigDecimal(redis.opsForValue().get(spend).block(WAIT)))
					.isEqualByComparingTo("0.51"));
			assertThat(redis.getExpire(requests).block(WAIT)).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(90));
			assertThat(redis.getExpire(tokens).block(WAIT)).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(90));
			assertThat(redis.getExpire(spend).block(WAIT)).isPositive()
				.isLessThanOrEqualTo(Duration.ofDays(1).plusMinutes(1));
		});
	}

	@Test
	void answersDoNotWaitForTheirTokensToBeCounted() throws Exception {
		try (TestRedis.OwnServer redisServer = new TestRedis.OwnServer()) {
			redisServer.start();
			// a command may wait far longer than the writes are held below
			String[] limits = { "llm.redis.rate-limits=true", "llm.providers[0].tokens-per-minute=100000",
					"llm.redis.command-timeout=60s" };
			await().atMost(Duration.ofSeconds(20)).until(() -> Instant.now().getEpochSecond() % 60 < 45);
			this.fleet.instance(redisServer.port(), limits).run((a) -> {
				connected(a);
				String counter = this.fleet.prefix + "rate:tokens:strong:" + System.currentTimeMillis() / 60_000;
				whileRedisHoldsWrites(redisServer, () -> {
					assertThat(call(a, ChatRequest.of("answered while Redis holds writes")).provider())
						.isEqualTo("strong");
					assertThat(redisServer.command("GET", counter)).as("nothing counted yet").isNull();
				});
				await("the chat's tokens counted once Redis takes writes again").atMost(WAIT)
					.until(() -> "1000".equals(redisServer.command("GET", counter)));
				whileRedisHoldsWrites(redisServer, () -> {
					assertThat(stream(a).collectList().block(WAIT)).last()
						.satisfies((chunk) -> assertThat(chunk.usage().totalTokens()).isEqualTo(44));
					assertThat(redisServer.command("GET", counter)).isEqualTo("1000");
				});
				await("the stream's tokens counted once Redis takes writes again").atMost(WAIT)
					.until(() -> "1044".equals(redisServer.command("GET", counter)));
			});
		}
	}

	/**
	 * Run while Redis holds every write (a script counts as one) for up to a minute;
	 * reads go on, except on a connection with a write held before them, such as the
	 * application's own: the test reads on connections of its own.
	 */
	private static void whileRedisHoldsWrites(TestRedis.OwnServer redis, Executable action) throws Throwable {
		assertThat(redis.command("CLIENT", "PAUSE", "60000", "WRITE")).isEqualTo("OK");
		try {
			action.execute();
		}
		finally {
			assertThat(redis.command("CLIENT", "UNPAUSE")).isEqualTo("OK");
		}
	}

	@Test
	void aStreamCountsTheUsageItsProviderReportsAgainstTheFleetsTokens() {
		int port = TestRedis.requireShared();
		String[] limits = { "llm.redis.rate-limits=true", "llm.providers[0].tokens-per-minute=1000" };
		await().atMost(Duration.ofSeconds(20)).until(() -> Instant.now().getEpochSecond() % 60 < 45);
		this.fleet.instance(port, limits).run((a) -> {
			connected(a);
			List<ChatChunk> chunks = stream(a).collectList().block(WAIT);
			assertThat(chunks).last().satisfies((chunk) -> assertThat(chunk.usage().totalTokens()).isEqualTo(44));
			await("the reported usage counted").atMost(WAIT).until(() -> tokensCounted(a, "strong") == 44);
		});
	}

	@Test
	void aStreamCutBeforeItsUsageCountsAnEstimateOfWhatItDelivered() {
		int port = TestRedis.requireShared();
		String events = Fleet.STREAM;
		this.fleet.stream = events.substring(0, events.lastIndexOf("data:", events.indexOf("\"usage\"")));
		assertStreamCountsAnEstimate(port, (chunks) -> chunks.onErrorResume(LlmException.class, (ex) -> {
			assertThat(ex.partialText()).startsWith("I'm unable");
			return Flux.empty();
		}));
	}

	@Test
	void aStreamItsCallerCancelsCountsAnEstimateOfWhatItDelivered() {
		int port = TestRedis.requireShared();
		assertStreamCountsAnEstimate(port, (chunks) -> chunks.take(3));
	}

	/**
	 * A stream of one instance that ends without its usage still counts: with a budget of
	 * one token a minute, the estimate leaves the other instance no room on the provider.
	 */
	private void assertStreamCountsAnEstimate(int port, UnaryOperator<Flux<ChatChunk>> reading) {
		String[] limits = { "llm.redis.rate-limits=true", "llm.providers[0].tokens-per-minute=1" };
		await().atMost(Duration.ofSeconds(20)).until(() -> Instant.now().getEpochSecond() % 60 < 45);
		this.fleet.instance(port, limits).run((a) -> this.fleet.instance(port, limits).run((b) -> {
			connected(a, b);
			List<ChatChunk> read = reading.apply(stream(a)).collectList().block(WAIT);
			assertThat(read).extracting(ChatChunk::usage).containsOnlyNulls();
			String delivered = read.stream().map(ChatChunk::text).collect(Collectors.joining());
			assertThat(delivered).isNotEmpty();
			await("the estimate counted after the stream's end").atMost(WAIT)
				.until(() -> tokensCounted(a, "strong") > 0);
			ChatResponse answer = call(b, ChatRequest.of("after the stream"));
			assertThat(answer.provider()).isEqualTo("cheap");
			assertThat(answer.attempts()).singleElement()
				.satisfies((attempt) -> assertThat(attempt.kind()).isEqualTo(ErrorKind.LOCAL_LIMIT));
		}));
	}

	private static Flux<ChatChunk> stream(ApplicationContext context) {
		return context.getBean(LlmRouter.class).stream(ChatRequest.of("Stream me something"));
	}

	/**
	 * The tokens a provider's fleet-wide counter holds this minute.
	 */
	private long tokensCounted(ApplicationContext context, String provider) {
		RedisAvailability redis = context.getBean(RedisAvailability.class);
		return redis.redis()
			.keys(this.fleet.prefix + "rate:tokens:" + provider + ":*")
			.flatMap((key) -> redis.redis().opsForValue().get(key))
			.map(Long::parseLong)
			.reduce(0L, Long::sum)
			.block(WAIT);
	}

	/**
	 * Wait for the first ping of each instance: the first connection to Redis may take
	 * longer than a command's timeout on a loaded machine.
	 */
	private static void connected(ApplicationContext... instances) {
		for (ApplicationContext instance : instances) {
			RedisAvailability redis = instance.getBean(RedisAvailability.class);
			await().atMost(WAIT).until(() -> redis.tick().then(Mono.fromSupplier(redis::isAvailable)).block(WAIT));
		}
	}

	private static ChatResponse call(ApplicationContext context, ChatRequest request) {
		return context.getBean(LlmRouter.class).chat(request).block(WAIT);
	}

	private static String[] append(String[] values, String value) {
		String[] all = java.util.Arrays.copyOf(values, values.length + 1);
		all[values.length] = value;
		return all;
	}

}
