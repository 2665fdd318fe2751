package dev.llmfallback.chaos;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.DegradationLevel;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.LlmRouterListener;
import dev.llmfallback.Tier;
import dev.llmfallback.chaos.ChaosProvider.Fault;
import dev.llmfallback.degradation.CaffeineResponseCache;
import dev.llmfallback.degradation.DegradationSettings;
import dev.llmfallback.degradation.DegradingRouter;
import dev.llmfallback.provider.DefaultProviderClientFactory;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.provider.ProviderTimeouts;
import dev.llmfallback.provider.ProviderType;
import dev.llmfallback.provider.ProviderWebClients;
import dev.llmfallback.resilience.ProviderResilienceFactory;
import dev.llmfallback.resilience.Resilience4jProperties;
import dev.llmfallback.resilience.ResilienceRegistries;
import dev.llmfallback.resilience.ResilienceSettings;
import dev.llmfallback.routing.FailoverRouter;
import dev.llmfallback.routing.FallbackPolicy;
import dev.llmfallback.routing.RoutingSettings;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Thousands of concurrent chats and streams through a real {@link FailoverRouter} over
 * three local providers (OpenAI, Anthropic, Gemini formats) that fail at random: every
 * request ends exactly once, lower tiers are marked, breakers move, no connection leaks
 * and nothing hangs.
 */
class ChaosTests {

	private static final int CHATS = 2000;

	private static final int STREAMS = 1000;

	private static final int GIVEN_UP = 900;

	/** Requests in flight at once: more overloads 2 cores and every call times out. */
	private static final int CONCURRENCY = 64;

	/**
	 * Response and first-token timeout: small, yet above what a loaded shared 2-core
	 * machine adds to a call.
	 */
	private static final Duration TIMEOUT = Duration.ofMillis(800);

	private static final Duration DEADLINE = Duration.ofSeconds(4);

	private static final Map<String, Tier> TIERS = Map.of("openai", Tier.FULL, "anthropic", Tier.REDUCED, "gemini",
			Tier.BASIC);

	private final ChaosProvider openai = new ChaosProvider(ProviderType.OPENAI, 11);

	private final ChaosProvider anthropic = new ChaosProvider(ProviderType.ANTHROPIC, 12);

	private final ChaosProvider gemini = new ChaosProvider(ProviderType.GOOGLE, 13);

	private final ProviderWebClients webClients = new ProviderWebClients(WebClient.builder(), List.of());

	private final ResilienceRegistries registries = ResilienceRegistries.ofDefaults();

	@AfterEach
	void close() {
		this.webClients.close();
		this.openai.close();
		this.anthropic.close();
		this.gemini.close();
	}

	@Test
	void everyRequestEndsOnceMarkedWithItsLevelWithoutLeaksOrHangs() {
		FailoverRouter router = router();
		Map<String, List<CircuitBreaker.StateTransition>> transitions = new ConcurrentHashMap<>();
		TIERS.keySet()
			.forEach((name) -> breaker(name).getEventPublisher()
				.onStateTransition((event) -> transitions.computeIfAbsent(name, (key) -> new CopyOnWriteArrayList<>())
					.add(event.getStateTransition())));
		List<Outcome> outcomes = new ArrayList<>();
		for (int i = 0; i < CHATS + STREAMS; i++) {
			outcomes.add(new Outcome(i >= CHATS));
		}
		ChatRequest request = ChatRequest.builder().user("Tell me a joke").maxTokens(256).build();
		Flux.fromIterable(outcomes)
			.flatMap((outcome) -> outcome.stream ? outcome.run(router.stream(request))
					: outcome.run(router.chat(request).flux()), CONCURRENCY)
			.then()
			.block(Duration.ofSeconds(50));

		for (Outcome outcome : outcomes) {
			outcome.assertEndedOnce();
		}
		List<Outcome> answered = outcomes.stream().filter((outcome) -> outcome.completed.get() == 1).toList();
		assertThat(answered).isNotEmpty();
		assertThat(answered.stream().map(Outcome::provider).distinct()).containsExactlyInAnyOrder("openai", "anthropic",
				"gemini");
		assertThat(answered.stream().map(Outcome::level)).contains(DegradationLevel.REDUCED, DegradationLevel.BASIC);
		answered.forEach((outcome) -> assertThat(outcome.level()).as(outcome.provider())
			.isEqualTo(TIERS.get(outcome.provider()).level()));
		assertThat(outcomes.stream().filter((outcome) -> outcome.failed.get() == 1)).isNotEmpty();

		for (String name : TIERS.keySet()) {
			CircuitBreakerConfig config = breaker(name).getCircuitBreakerConfig();
			assertThat(config.getSlidingWindowSize()).isEqualTo(5);
			assertThat(config.getMinimumNumberOfCalls()).isEqualTo(5);
		}
		// a breaker that opened in the run's last moments moves to half-open on the first
		// call after its wait: one more request at a time until one has
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			router.chat(request)
				.onErrorResume(LlmException.class, (ex) -> Mono.empty())
				.block(DEADLINE.multipliedBy(2));
			assertThat(transitions.values().stream().flatMap(List::stream)).contains(
					CircuitBreaker.StateTransition.CLOSED_TO_OPEN, CircuitBreaker.StateTransition.OPEN_TO_HALF_OPEN);
		});
		assertThat(
				outcomes.stream().flatMap((outcome) -> outcome.attempts().stream()).map(dev.llmfallback.Attempt::kind))
			.contains(ErrorKind.CIRCUIT_OPEN);
		List<ChaosProvider> servers = List.of(this.openai, this.anthropic, this.gemini);
		for (Fault fault : Fault.values()) {
			assertThat(servers.stream().mapToInt((server) -> server.served(fault)).sum()).as(fault.name()).isPositive();
		}

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(this.webClients.poolMetrics()).containsOnlyKeys(TIERS.keySet());
			this.webClients.poolMetrics().forEach((name, pool) -> {
				assertThat(pool.acquiredSize()).as(name + " acquired").isZero();
				assertThat(pool.pendingAcquireSize()).as(name + " pending").isZero();
			});
		});
	}

	/**
	 * Callers that give up at a random moment (a chat or stream cancelled after a random
	 * wait, a stream closed after a few chunks) while the providers fail at random: the
	 * listeners hear of each request exactly once, as answered, failed or cancelled, and
	 * every connection goes back to its pool.
	 */
	@Test
	void requestsTheirCallersGiveUpOnAreToldOnceAndLeakNoConnection() {
		Map<String, List<String>> heard = new ConcurrentHashMap<>();
		LlmRouterListener listener = new LlmRouterListener() {

			@Override
			public void onAnswer(ChatRequest request, ChatResponse response, Duration duration) {
				hear(request, "answer");
			}

			@Override
			public void onFailure(ChatRequest request, LlmException error, Duration duration) {
				hear(request, "failure");
			}

			@Override
			public void onCancel(ChatRequest request, Duration duration) {
				hear(request, "cancel");
			}

			private void hear(ChatRequest request, String how) {
				heard.computeIfAbsent(request.tags().get("n"), (key) -> new CopyOnWriteArrayList<>()).add(how);
			}

		};
		DegradingRouter router = new DegradingRouter(router(), new CaffeineResponseCache(100, Duration.ofMinutes(1)),
				new DegradationSettings(EnumSet.allOf(DegradationLevel.class), "Service limited", Map.of(),
						DegradationSettings.CacheMode.FALLBACK_ONLY, true),
				List.of(listener));
		Random random = new Random(14);
		List<Flux<?>> calls = new ArrayList<>();
		for (int i = 0; i < GIVEN_UP; i++) {
			ChatRequest request = ChatRequest.builder()
				.user("Tell me a joke")
				.maxTokens(256)
				.tag("n", Integer.toString(i))
				.build();
			Duration patience = Duration.ofMillis(random.nextInt(300));
			calls.add(switch (i % 3) {
				case 0 -> router.chat(request).flux().take(patience);
				case 1 -> router.stream(request).take(patience);
				default -> router.stream(request).take(1 + random.nextInt(3));
			});
		}

		Flux.fromIterable(calls)
			.flatMap((call) -> call.onErrorResume((ex) -> Mono.empty()), CONCURRENCY)
			.then()
			.block(Duration.ofSeconds(30));

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(heard).hasSize(GIVEN_UP));
		heard.forEach((n, told) -> assertThat(told).as("request " + n).hasSize(1));
		assertThat(heard.values().stream().map((told) -> told.get(0))).contains("answer", "cancel");
		assertThat(this.webClients.poolMetrics()).isNotEmpty();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> this.webClients.poolMetrics().forEach((name, pool) -> {
				assertThat(pool.acquiredSize()).as(name + " acquired").isZero();
				assertThat(pool.pendingAcquireSize()).as(name + " pending").isZero();
			}));
	}

	private CircuitBreaker breaker(String name) {
		return this.registries.circuitBreakers().circuitBreaker(name);
	}

	private FailoverRouter router() {
		ResilienceSettings resilience = new ResilienceSettings(1, ResilienceSettings.Backoff.FIXED,
				Duration.ofMillis(10), 1.0, Duration.ofMillis(10), 0, Duration.ofMillis(100), false, 5,
				Duration.ofMillis(200), 1, Duration.ofMillis(500));
		ProviderResilienceFactory resilienceFactory = new ProviderResilienceFactory(this.registries,
				Resilience4jProperties.none(), resilience);
		DefaultProviderClientFactory clients = new DefaultProviderClientFactory(this.webClients, new ObjectMapper());
		List<ProviderSettings> providers = List.of(
				settings("openai", ProviderType.OPENAI, "gpt-4o", 1, this.openai.baseUrl()),
				settings("anthropic", ProviderType.ANTHROPIC, "claude-3-haiku-20240307", 2, this.anthropic.baseUrl()),
				settings("gemini", ProviderType.GOOGLE, "gemini-1.5-flash", 3, this.gemini.baseUrl()));
		FallbackPolicy policy = new FallbackPolicy(Set.of(429, 500, 502, 503, 529),
				Set.of(ErrorKind.TIMEOUT, ErrorKind.OVERLOADED, ErrorKind.MALFORMED_RESPONSE, ErrorKind.SERVER_ERROR));
		return new FailoverRouter(providers.stream().map(clients::create).map(resilienceFactory::create).toList(),
				new RoutingSettings(policy, DEADLINE, null));
	}

	private static ProviderSettings settings(String name, ProviderType type, String model, int priority, URI url) {
		return new ProviderSettings(name, type, model, priority, TIERS.get(name), url, "chaos-key-" + name, null,
				new ProviderTimeouts(Duration.ofSeconds(1), TIMEOUT, TIMEOUT), null, null, Map.of());
	}

	/**
	 * The signals one request produced.
	 */
	static final class Outcome {

		final boolean stream;

		final AtomicInteger completed = new AtomicInteger();

		final AtomicInteger failed = new AtomicInteger();

		final AtomicInteger cancelled = new AtomicInteger();

		final List<Object> values = new CopyOnWriteArrayList<>();

		volatile Throwable error;

		Outcome(boolean stream) {
			this.stream = stream;
		}

		Mono<Void> run(Flux<?> call) {
			return call.doOnEach(this::record)
				.doOnCancel(this.cancelled::incrementAndGet)
				.onErrorResume((ex) -> Mono.empty())
				.then();
		}

		private void record(Signal<?> signal) {
			if (signal.isOnNext()) {
				this.values.add(Objects.requireNonNull(signal.get()));
			}
			else if (signal.isOnComplete()) {
				this.completed.incrementAndGet();
			}
			else if (signal.isOnError()) {
				this.failed.incrementAndGet();
				this.error = signal.getThrowable();
			}
		}

		void assertEndedOnce() {
			assertThat(this.completed.get() + this.failed.get()).as("terminal signals").isOne();
			assertThat(this.cancelled.get()).isZero();
			if (this.failed.get() == 1) {
				assertThat(this.error).isInstanceOf(LlmException.class);
				assertThat(((LlmException) this.error).attempts()).isNotEmpty();
			}
			else if (this.stream) {
				assertThat(this.values).isNotEmpty();
				assertThat(((ChatChunk) this.values.get(this.values.size() - 1)).isFinal()).isTrue();
			}
			else {
				assertThat(this.values).hasSize(1);
			}
		}

		List<dev.llmfallback.Attempt> attempts() {
			if (this.error instanceof LlmException ex) {
				return ex.attempts();
			}
			return (!this.stream && this.values.size() == 1) ? ((ChatResponse) this.values.get(0)).attempts()
					: List.of();
		}

		String provider() {
			return this.stream ? first(ChatChunk::provider) : ((ChatResponse) this.values.get(0)).provider();
		}

		DegradationLevel level() {
			if (!this.stream) {
				return ((ChatResponse) this.values.get(0)).level();
			}
			List<DegradationLevel> levels = this.values.stream()
				.map((value) -> ((ChatChunk) value).level())
				.distinct()
				.toList();
			assertThat(levels).hasSize(1);
			return levels.get(0);
		}

		private String first(Function<ChatChunk, String> property) {
			List<String> all = this.values.stream()
				.map((value) -> property.apply((ChatChunk) value))
				.distinct()
				.toList();
			assertThat(all).hasSize(1);
			return all.get(0);
		}

	}

}
