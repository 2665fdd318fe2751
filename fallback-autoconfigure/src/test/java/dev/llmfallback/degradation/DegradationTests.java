package dev.llmfallback.degradation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import dev.llmfallback.Attempt;
import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.DegradationLevel;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.LlmRouter;
import dev.llmfallback.LlmRouterListener;
import dev.llmfallback.Tier;
import dev.llmfallback.Usage;
import dev.llmfallback.cost.BudgetSettings;
import dev.llmfallback.cost.InMemoryBudgetTracker;
import dev.llmfallback.cost.Price;
import dev.llmfallback.cost.PriceTable;
import dev.llmfallback.resilience.ProviderResilience;
import dev.llmfallback.resilience.ProviderResilienceFactory;
import dev.llmfallback.resilience.Resilience4jProperties;
import dev.llmfallback.resilience.ResilienceRegistries;
import dev.llmfallback.resilience.ResilienceSettings;
import dev.llmfallback.resilience.SilentProviderClient;
import dev.llmfallback.routing.FailoverRouter;
import dev.llmfallback.routing.FallbackPolicy;
import dev.llmfallback.routing.LatencyTracker;
import dev.llmfallback.routing.RoutePlanner;
import dev.llmfallback.routing.RoutingSettings;
import dev.llmfallback.routing.RoutingStrategy;
import dev.llmfallback.routing.ScriptedProviderClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The degradation chain, prices, budgets and strategies, over in-test providers.
 */
class DegradationTests {

	private static final FallbackPolicy POLICY = new FallbackPolicy(Set.of(429, 500, 503),
			Set.of(ErrorKind.TIMEOUT, ErrorKind.LOCAL_LIMIT));

	private final ScriptedProviderClient full = new ScriptedProviderClient("full", 1, Tier.FULL);

	private final ScriptedProviderClient reduced = new ScriptedProviderClient("reduced", 2, Tier.REDUCED);

	private final ScriptedProviderClient basic = new ScriptedProviderClient("basic", 3, Tier.BASIC);

	private final ResilienceRegistries registries = ResilienceRegistries.ofDefaults();

	private final LatencyTracker latencies = new LatencyTracker();

	private final List<ChatResponse> answers = new ArrayList<>();

	private final LlmRouterListener recorder = new LlmRouterListener() {
		@Override
		public void onAnswer(ChatRequest request, ChatResponse response, Duration duration) {
			DegradationTests.this.answers.add(response);
		}
	};

	@Test
	void cachedAnswerThenStaticMessageWhenEveryTierFails() {
		LlmRouter router = router(BudgetSettings.unlimited(), RoutingStrategy.PRIORITY, Map.of(),
				DegradationSettings.CacheMode.FALLBACK_ONLY);
		ChatResponse first = router.call(ChatRequest.of("What is 2 + 2?"));
		assertThat(first.level()).isEqualTo(DegradationLevel.FULL);

		failEveryTier();
		ChatResponse cached = router.call(ChatRequest.of("What is 2 + 2?"));
		assertThat(cached.level()).isEqualTo(DegradationLevel.CACHED);
		assertThat(cached.text()).isEqualTo(first.text());
		assertThat(cached.cost()).contains(BigDecimal.ZERO);
		assertThat(cached.attempts()).extracting(Attempt::provider).containsExactly("full", "reduced", "basic");

		ChatResponse unseen = router.call(ChatRequest.of("A question never asked"));
		assertThat(unseen.level()).isEqualTo(DegradationLevel.STATIC);
		assertThat(unseen.text()).isEqualTo("Service limited");
		assertThat(unseen.provider()).isNull();
		assertThat(unseen.attempts()).hasSize(3);

		ChatResponse ownMessage = router
			.call(ChatRequest.builder().user("Another new one").staticMessage("Try again later, sorry").build());
		assertThat(ownMessage.text()).isEqualTo("Try again later, sorry");
		assertThat(this.answers).extracting(ChatResponse::level)
			.containsExactly(DegradationLevel.FULL, DegradationLevel.CACHED, DegradationLevel.STATIC,
					DegradationLevel.STATIC);
	}

	@Test
	void aStreamThatFailedOverTellsItsListenersOfTheFailedAttempts() {
		LlmRouter router = router(BudgetSettings.unlimited(), RoutingStrategy.PRIORITY, Map.of(),
				DegradationSettings.CacheMode.FALLBACK_ONLY);
		this.full.failWith(ErrorKind.SERVER_ERROR, 503);

		List<ChatChunk> chunks = router.stream(ChatRequest.of("What is 2 + 2?")).collectList().block();

		assertThat(ChatResponse.fromChunks(chunks).provider()).isEqualTo("reduced");
		assertThat(this.answers).singleElement()
			.satisfies((answer) -> assertThat(answer.attempts()).extracting(Attempt::provider, Attempt::kind)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("full", ErrorKind.SERVER_ERROR)));
	}

	@Test
	void aStaticStreamNamesTheFailedAttemptsOnItsFirstChunkToo() {
		LlmRouter router = router(BudgetSettings.unlimited(), RoutingStrategy.PRIORITY, Map.of(),
				DegradationSettings.CacheMode.FALLBACK_ONLY);
		this.full.failAlways(ErrorKind.SERVER_ERROR, 503);
		this.reduced.failAlways(ErrorKind.SERVER_ERROR, 503);
		this.basic.failAlways(ErrorKind.SERVER_ERROR, 503);

		List<ChatChunk> chunks = router.stream(ChatRequest.of("Anyone there?")).collectList().block();

		assertThat(chunks).hasSize(2)
			.allSatisfy((chunk) -> assertThat(chunk.level()).isEqualTo(DegradationLevel.STATIC));
		assertThat(chunks.get(0).attempts()).extracting(Attempt::provider).containsExactly("full", "reduced", "basic");
		assertThat(chunks.get(1).attempts()).isEqualTo(chunks.get(0).attempts());
	}

	@Test
	void requestsMarkedNotCacheableAreNeitherStoredNorServedFromTheCache() {
		LlmRouter router = router(BudgetSettings.unlimited(), RoutingStrategy.PRIORITY, Map.of(),
				DegradationSettings.CacheMode.FALLBACK_ONLY);
		ChatRequest private_ = ChatRequest.builder().user("secret").cacheAllowed(false).build();
		router.call(private_);
		failEveryTier();
		assertThat(router.call(ChatRequest.of("secret")).level()).isEqualTo(DegradationLevel.STATIC);
	}

	@Test
	void requestFaultsAreNotHiddenBehindADegradedAnswer() {
		LlmRouter router = router(BudgetSettings.unlimited(), RoutingStrategy.PRIORITY, Map.of(),
				DegradationSettings.CacheMode.FALLBACK_ONLY);
		this.full.failWith(ErrorKind.BAD_REQUEST, 400);
		assertThatExceptionOfType(LlmException.class).isThrownBy(() -> router.call(ChatRequest.of("bad")))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.BAD_REQUEST));
	}

	@Test
	void aRequestWhoseMinimumIsReducedNeverReachesABasicProvider() {
		LlmRouter router = router(BudgetSettings.unlimited(), RoutingStrategy.PRIORITY, Map.of(),
				DegradationSettings.CacheMode.FALLBACK_ONLY);
		this.full.failAlways(ErrorKind.SERVER_ERROR, 503);
		this.reduced.failAlways(ErrorKind.SERVER_ERROR, 503);
		ChatResponse response = router.call(ChatRequest.builder().user("hard").minimumTier(Tier.REDUCED).build());
		assertThat(response.level()).isEqualTo(DegradationLevel.STATIC);
		assertThat(this.basic.calls()).isZero();
		ChatResponse easy = router.call(ChatRequest.of("easy"));
		assertThat(easy.level()).isEqualTo(DegradationLevel.BASIC);
		assertThat(easy.provider()).isEqualTo("basic");
	}

	@Test
	void cachedAnswersOfAWeakerTierDoNotServeAStrongerRequest() {
		LlmRouter router = router(BudgetSettings.unlimited(), RoutingStrategy.PRIORITY, Map.of(),
				DegradationSettings.CacheMode.FALLBACK_ONLY);
		this.full.failAlways(ErrorKind.SERVER_ERROR, 503);
		this.reduced.failAlways(ErrorKind.SERVER_ERROR, 503);
		assertThat(router.call(ChatRequest.of("q")).level()).isEqualTo(DegradationLevel.BASIC);
		this.basic.failAlways(ErrorKind.SERVER_ERROR, 503);
		assertThat(router.call(ChatRequest.of("q")).level()).isEqualTo(DegradationLevel.CACHED);
		assertThat(router.call(ChatRequest.builder().user("q").minimumTier(Tier.FULL).build()).level())
			.isEqualTo(DegradationLevel.STATIC);
	}

	@Test
	void alwaysModeAnswersFromTheCacheWithoutCallingAProvider() {
		LlmRouter router = router(BudgetSettings.unlimited(), RoutingStrategy.PRIORITY, Map.of(),
				DegradationSettings.CacheMode.ALWAYS);
		router.call(ChatRequest.of("q"));
		ChatResponse second = router.call(ChatRequest.of("q"));
		assertThat(second.level()).isEqualTo(DegradationLevel.CACHED);
		assertThat(this.full.calls()).isEqualTo(1);
	}

	@Test
	void streamsDegradeToo() {
		LlmRouter router = router(BudgetSettings.unlimited(), RoutingStrategy.PRIORITY, Map.of(),
				DegradationSettings.CacheMode.FALLBACK_ONLY);
		ChatResponse streamed = ChatResponse.fromChunks(router.stream(ChatRequest.of("s")).collectList().block());
		assertThat(streamed.level()).isEqualTo(DegradationLevel.FULL);
		failEveryTier();
		ChatResponse cached = ChatResponse.fromChunks(router.stream(ChatRequest.of("s")).collectList().block());
		assertThat(cached.level()).isEqualTo(DegradationLevel.CACHED);
		assertThat(cached.text()).isEqualTo(streamed.text());
		assertThat(cached.cost()).contains(BigDecimal.ZERO);
		assertThat(cached.attempts()).extracting(Attempt::provider).containsExactly("full", "reduced", "basic");
		ChatResponse unseen = ChatResponse.fromChunks(router.stream(ChatRequest.of("new")).collectList().block());
		assertThat(unseen.level()).isEqualTo(DegradationLevel.STATIC);
		assertThat(unseen.attempts()).hasSize(3);
	}

	@Test
	void costIsTokensTimesPriceAndUnknownPricesStayUnknown() {
		LlmRouter router = router(BudgetSettings.unlimited(), RoutingStrategy.PRIORITY,
				Map.of("full", Price.of("2.00", "10.00", "1.00")), DegradationSettings.CacheMode.FALLBACK_ONLY);
		this.full.usage(new Usage(1000, 500, 400));
		ChatResponse priced = router.call(ChatRequest.of("priced"));
		// 600 x 2.00 + 400 x 1.00 + 500 x 10.00 per million = 0.0066
		assertThat(priced.cost()).hasValueSatisfying((cost) -> assertThat(cost).isEqualByComparingTo("0.0066"));
		this.full.failAlways(ErrorKind.SERVER_ERROR, 503);
		ChatResponse unpriced = router.call(ChatRequest.of("unpriced"));
		assertThat(unpriced.provider()).isEqualTo("reduced");
		assertThat(unpriced.cost()).isEmpty();
	}

	@Test
	void costStrategyPrefersTheCheaperProviderOfATierAndSkipsAnOpenBreaker() {
		ScriptedProviderClient pricey = new ScriptedProviderClient("pricey", 1, Tier.FULL);
		ScriptedProviderClient cheap = new ScriptedProviderClient("cheap", 2, Tier.FULL);
		LlmRouter router = router(List.of(pricey, cheap), BudgetSettings.unlimited(), RoutingStrategy.COST,
				Map.of("pricey", Price.of("5", "15", "5"), "cheap", Price.of("0.1", "0.4", "0.1")),
				DegradationSettings.CacheMode.FALLBACK_ONLY);
		assertThat(router.call(ChatRequest.of("a")).provider()).isEqualTo("cheap");
		this.registries.circuitBreakers().circuitBreaker("cheap").transitionToForcedOpenState();
		ChatResponse response = router.call(ChatRequest.of("b"));
		assertThat(response.provider()).isEqualTo("pricey");
		assertThat(response.attempts()).singleElement()
			.satisfies((attempt) -> assertThat(attempt.kind()).isEqualTo(ErrorKind.CIRCUIT_OPEN));
	}

	@Test
	void latencyStrategyPrefersTheFasterProviderAndSkipsAnOpenBreaker() {
		ScriptedProviderClient slow = new ScriptedProviderClient("slow", 1, Tier.FULL);
		ScriptedProviderClient fast = new ScriptedProviderClient("fast", 2, Tier.FULL);
		LlmRouter router = router(List.of(slow, fast), BudgetSettings.unlimited(), RoutingStrategy.LATENCY, Map.of(),
				DegradationSettings.CacheMode.FALLBACK_ONLY);
		this.latencies.record("slow", Duration.ofMillis(900));
		this.latencies.record("fast", Duration.ofMillis(100));
		assertThat(router.call(ChatRequest.of("a")).provider()).isEqualTo("fast");
		this.registries.circuitBreakers().circuitBreaker("fast").transitionToForcedOpenState();
		assertThat(router.call(ChatRequest.of("b")).provider()).isEqualTo("slow");
	}

	@Test
	void aRequestsCostCapSkipsTheProvidersItCannotAfford() {
		// about 5 input tokens and 100 of output: $0.0105 at $100 a million, $0.000105 at
		// $1
		LlmRouter router = router(
				BudgetSettings.unlimited(), RoutingStrategy.PRIORITY, Map.of("full", Price.of("100", "100", "100"),
						"reduced", Price.of("1", "1", "1"), "basic", Price.of("1", "1", "1")),
				DegradationSettings.CacheMode.FALLBACK_ONLY);
		ChatRequest capped = ChatRequest.builder().user("hi").maxTokens(100).maxCost(new BigDecimal("0.01")).build();
		ChatResponse response = router.call(capped);
		assertThat(response.provider()).isEqualTo("reduced");
		assertThat(response.attempts()).singleElement().satisfies((attempt) -> {
			assertThat(attempt.provider()).isEqualTo("full");
			assertThat(attempt.kind()).isEqualTo(ErrorKind.COST_CAP);
			assertThat(attempt.detail()).startsWith("estimated cost $0.010")
				.endsWith("exceeds the request's cap of $0.01");
		});
		assertThat(this.full.calls()).isZero();
		assertThat(router.call(capped.toBuilder().maxCost(new BigDecimal("0.02")).build()).provider())
			.isEqualTo("full");
	}

	@Test
	void underACapAProviderOfUnknownPriceIsSkipped() {
		LlmRouter router = router(BudgetSettings.unlimited(), RoutingStrategy.PRIORITY,
				Map.of("basic", Price.of("0.1", "0.4", "0.1")), DegradationSettings.CacheMode.FALLBACK_ONLY);
		ChatResponse response = router.call(ChatRequest.builder().user("hi").maxCost(BigDecimal.ONE).build());
		assertThat(response.provider()).isEqualTo("basic");
		assertThat(response.attempts()).extracting(Attempt::provider, Attempt::kind)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("full", ErrorKind.COST_CAP),
					org.assertj.core.groups.Tuple.tuple("reduced", ErrorKind.COST_CAP));
		assertThat(response.attempts().get(0).detail()).isEqualTo("price unknown, and the request caps its cost at $1");
		assertThat(router.call(ChatRequest.of("hi")).provider()).as("no cap, no price needed").isEqualTo("full");
	}

	@Test
	void whenNoProviderFitsTheCapTheStaticAnswerCarriesWhy() {
		LlmRouter router = router(
				BudgetSettings.unlimited(), RoutingStrategy.PRIORITY, Map.of("full", Price.of("1", "1", "1"), "reduced",
						Price.of("1", "1", "1"), "basic", Price.of("1", "1", "1")),
				DegradationSettings.CacheMode.FALLBACK_ONLY);
		ChatResponse response = router.call(ChatRequest.builder().user("hi").maxCost(BigDecimal.ZERO).build());
		assertThat(response.level()).isEqualTo(DegradationLevel.STATIC);
		assertThat(response.attempts()).extracting(Attempt::kind).containsOnly(ErrorKind.COST_CAP).hasSize(3);
		assertThat(this.full.calls() + this.reduced.calls() + this.basic.calls()).isZero();
	}

	@Test
	void dailyBudgetDowngradesTheFourthRequestAndSaysSo() {
		BudgetSettings oneDollarADay = new BudgetSettings(null, null, new BigDecimal("1.00"), 0.8, Tier.BASIC);
		LlmRouter router = router(oneDollarADay, RoutingStrategy.PRIORITY,
				Map.of("full", Price.of("100000", "0", "100000"), "basic", Price.of("0", "0", "0")),
				DegradationSettings.CacheMode.FALLBACK_ONLY);
		this.full.usage(Usage.of(3, 0));
		for (int i = 0; i < 3; i++) {
			ChatResponse response = router.call(ChatRequest.of("request " + i));
			assertThat(response.provider()).isEqualTo("full");
			assertThat(response.cost()).hasValueSatisfying((cost) -> assertThat(cost).isEqualByComparingTo("0.30"));
		}
		ChatResponse fourth = router.call(ChatRequest.of("request 3"));
		assertThat(fourth.provider()).isEqualTo("basic");
		assertThat(fourth.level()).isEqualTo(DegradationLevel.BASIC);
		assertThat(fourth.attempts()).extracting(Attempt::provider, Attempt::kind)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("full", ErrorKind.LOCAL_LIMIT),
					org.assertj.core.groups.Tuple.tuple("reduced", ErrorKind.LOCAL_LIMIT));
		assertThat(fourth.attempts().get(0).detail()).contains("budget");
		assertThat(this.full.calls()).isEqualTo(3);
	}

	@Test
	void exhaustedBudgetServesOnlyCachedOrStaticAnswers() {
		BudgetSettings tiny = new BudgetSettings(null, null, new BigDecimal("0.30"), 0.8, Tier.BASIC);
		LlmRouter router = router(tiny, RoutingStrategy.PRIORITY, Map.of("full", Price.of("100000", "0", "100000")),
				DegradationSettings.CacheMode.FALLBACK_ONLY);
		this.full.usage(Usage.of(3, 0));
		router.call(ChatRequest.of("first"));
		assertThat(router.call(ChatRequest.of("first")).level()).isEqualTo(DegradationLevel.CACHED);
		assertThat(router.call(ChatRequest.of("second")).level()).isEqualTo(DegradationLevel.STATIC);
		assertThat(this.full.calls() + this.reduced.calls() + this.basic.calls()).isEqualTo(1);
	}

	@Test
	void requestTooLargeForAContextWindowSkipsThatProvider() {
		ScriptedProviderClient small = new ScriptedProviderClient("small", 1, Tier.FULL) {
			@Override
			public dev.llmfallback.provider.ProviderSettings settings() {
				dev.llmfallback.provider.ProviderSettings base = super.settings();
				return new dev.llmfallback.provider.ProviderSettings(base.name(), base.type(), base.model(),
						base.priority(), base.tier(), base.baseUrl(), null, null, base.timeouts(), 1000, null,
						Map.of());
			}
		};
		LlmRouter router = router(List.of(small, this.reduced), BudgetSettings.unlimited(), RoutingStrategy.PRIORITY,
				Map.of(), DegradationSettings.CacheMode.FALLBACK_ONLY);
		ChatResponse response = router.call(ChatRequest.of("x".repeat(8000)));
		assertThat(response.provider()).isEqualTo("reduced");
		assertThat(small.calls()).isZero();
		assertThat(response.attempts()).singleElement()
			.satisfies((attempt) -> assertThat(attempt.kind()).isEqualTo(ErrorKind.CONTEXT_LENGTH));
	}

	@Test
	void anAnswerIsDeliveredWithoutWaitingForTheCacheToKeepIt() {
		List<String> written = new ArrayList<>();
		ResponseCache neverDone = writeOnly(
				(response) -> Mono.<Void>never().doOnSubscribe((subscription) -> written.add(response.text())));
		LlmRouter router = router(List.of(this.full), neverDone);
		StepVerifier.create(router.chat(ChatRequest.of("What is 2 + 2?")))
			.assertNext((response) -> assertThat(response.level()).isEqualTo(DegradationLevel.FULL))
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		StepVerifier.create(router.stream(ChatRequest.of("And 3 + 3?")).last())
			.assertNext((chunk) -> assertThat(chunk.isFinal()).isTrue())
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		assertThat(written).hasSize(2);
	}

	@Test
	void listenersHearOfAnAnswerOrAFailureOnceTheCallerHasIt() {
		AtomicBoolean delivered = new AtomicBoolean();
		List<Boolean> deliveredFirst = new ArrayList<>();
		LlmRouterListener listener = new LlmRouterListener() {

			@Override
			public void onAnswer(ChatRequest request, ChatResponse response, Duration duration) {
				deliveredFirst.add(delivered.get());
			}

			@Override
			public void onFailure(ChatRequest request, LlmException error, Duration duration) {
				deliveredFirst.add(delivered.get());
			}

		};
		ProviderResilienceFactory factory = new ProviderResilienceFactory(this.registries,
				Resilience4jProperties.none(), ResilienceSettings.defaults());
		FailoverRouter failover = new FailoverRouter(List.of(factory.create(this.full)),
				new RoutingSettings(POLICY, Duration.ofSeconds(10), null));
		LlmRouter router = new DegradingRouter(failover, new CaffeineResponseCache(100, Duration.ofMinutes(5)),
				new DegradationSettings(EnumSet.of(DegradationLevel.FULL), "Service limited", Map.of(),
						DegradationSettings.CacheMode.FALLBACK_ONLY, true),
				List.of(listener));
		router.chat(ChatRequest.of("What is 2 + 2?")).subscribe((response) -> delivered.set(true));
		delivered.set(false);
		router.stream(ChatRequest.of("What is 4 + 4?")).subscribe(null, null, () -> delivered.set(true));
		delivered.set(false);
		this.full.failAlways(ErrorKind.BAD_REQUEST, 400);
		router.chat(ChatRequest.of("What is 3 + 3?")).subscribe(null, (error) -> delivered.set(true));
		assertThat(deliveredFirst).containsExactly(true, true, true);
	}

	@Test
	void listenersHearOfACancelOnlyWhenNoAnswerCameFirst() {
		List<String> heard = new ArrayList<>();
		LlmRouterListener listener = new LlmRouterListener() {

			@Override
			public void onAnswer(ChatRequest request, ChatResponse response, Duration duration) {
				heard.add("answer " + request.messages().get(0).content());
			}

			@Override
			public void onFailure(ChatRequest request, LlmException error, Duration duration) {
				heard.add("failure " + request.messages().get(0).content());
			}

			@Override
			public void onCancel(ChatRequest request, Duration duration) {
				assertThat(duration).isPositive();
				heard.add("cancel " + request.messages().get(0).content());
			}

		};
		LlmRouter router = fullThenSilent(listener);

		router.chat(ChatRequest.of("answered, then cancelled")).flux().take(1).blockLast(Duration.ofSeconds(5));
		router.stream(ChatRequest.of("read in part")).take(1).blockLast(Duration.ofSeconds(5));
		this.full.failAlways(ErrorKind.SERVER_ERROR, 503);
		router.chat(ChatRequest.of("given up on")).subscribe().dispose();

		assertThat(heard).containsExactly("answer answered, then cancelled", "cancel read in part",
				"cancel given up on");
	}

	@Test
	void aCancelledRequestTellsItsListenersOfTheAttemptsThatFailedBeforeIt() {
		List<String> heard = new ArrayList<>();
		LlmRouterListener listener = new LlmRouterListener() {

			@Override
			public void onCancel(ChatRequest request, List<Attempt> attempts, Duration duration) {
				heard.add(request.messages().get(0).content() + ": "
						+ attempts.stream().map((attempt) -> attempt.provider() + " " + attempt.kind()).toList());
			}

		};
		LlmRouter router = fullThenSilent(listener);

		router.stream(ChatRequest.of("read in part")).take(1).blockLast(Duration.ofSeconds(5));
		this.full.failWith(ErrorKind.SERVER_ERROR, 503);
		router.chat(ChatRequest.of("chat given up on")).subscribe().dispose();
		this.full.failWith(ErrorKind.RATE_LIMITED, 429);
		router.stream(ChatRequest.of("stream given up on")).subscribe().dispose();

		assertThat(heard).containsExactly("read in part: []", "chat given up on: [full SERVER_ERROR]",
				"stream given up on: [full RATE_LIMITED]");
	}

	@Test
	void aCacheThatFailsToKeepAnAnswerDoesNotFailIt() {
		AtomicInteger writes = new AtomicInteger();
		ResponseCache broken = writeOnly((response) -> {
			if (writes.incrementAndGet() == 1) {
				return Mono.error(new IllegalStateException("store unreachable"));
			}
			throw new IllegalStateException("cache closed");
		});
		LlmRouter router = router(List.of(this.full), broken);
		assertThat(router.call(ChatRequest.of("What is 2 + 2?")).level()).isEqualTo(DegradationLevel.FULL);
		assertThat(router.call(ChatRequest.of("What is 3 + 3?")).level()).isEqualTo(DegradationLevel.FULL);
		assertThat(writes).hasValue(2);
	}

	/**
	 * The full provider, then one that never answers, so that a failover can be given up
	 * on while it waits.
	 */
	private LlmRouter fullThenSilent(LlmRouterListener listener) {
		ProviderResilienceFactory factory = new ProviderResilienceFactory(this.registries,
				Resilience4jProperties.none(), ResilienceSettings.defaults());
		FailoverRouter failover = new FailoverRouter(
				List.of(factory.create(this.full),
						factory.create(new SilentProviderClient(this.reduced.settings(), false))),
				new RoutingSettings(POLICY, Duration.ofSeconds(10), null));
		return new DegradingRouter(failover, new CaffeineResponseCache(100, Duration.ofMinutes(5)),
				new DegradationSettings(EnumSet.allOf(DegradationLevel.class), "Service limited", Map.of(),
						DegradationSettings.CacheMode.FALLBACK_ONLY, true),
				List.of(listener));
	}

	/**
	 * A cache that never has an answer and keeps them as told.
	 */
	private static ResponseCache writeOnly(Function<ChatResponse, Mono<Void>> put) {
		return new ResponseCache() {

			@Override
			public Mono<ChatResponse> get(String key) {
				return Mono.empty();
			}

			@Override
			public Mono<Void> put(String key, ChatResponse response) {
				return put.apply(response);
			}

		};
	}

	private void failEveryTier() {
		this.full.failAlways(ErrorKind.SERVER_ERROR, 503);
		this.reduced.failAlways(ErrorKind.SERVER_ERROR, 503);
		this.basic.failAlways(ErrorKind.SERVER_ERROR, 503);
	}

	private LlmRouter router(BudgetSettings budget, RoutingStrategy strategy, Map<String, Price> prices,
			DegradationSettings.CacheMode cacheMode) {
		return router(List.of(this.full, this.reduced, this.basic), budget, strategy, prices, cacheMode);
	}

	private LlmRouter router(List<ScriptedProviderClient> clients, BudgetSettings budget, RoutingStrategy strategy,
			Map<String, Price> prices, DegradationSettings.CacheMode cacheMode) {
		ResilienceSettings noRetries = new ResilienceSettings(0, ResilienceSettings.Backoff.NONE, Duration.ofMillis(1),
				1.0, Duration.ofMillis(1), 0, Duration.ofSeconds(1), false, 100, Duration.ofSeconds(60), 1,
				Duration.ofMinutes(30));
		ProviderResilienceFactory factory = new ProviderResilienceFactory(this.registries,
				Resilience4jProperties.none(), noRetries);
		List<ProviderResilience> providers = clients.stream().map(factory::create).toList();
		RoutePlanner planner = new RoutePlanner(providers, EnumSet.allOf(DegradationLevel.class), strategy,
				new PriceTable(prices, Map.of()), this.latencies, new InMemoryBudgetTracker(budget, Clock.systemUTC()));
		FailoverRouter failover = new FailoverRouter(planner, new RoutingSettings(POLICY, Duration.ofSeconds(10), null),
				this.latencies);
		return router(failover, new CaffeineResponseCache(100, Duration.ofMinutes(5)), cacheMode);
	}

	private LlmRouter router(List<ScriptedProviderClient> clients, ResponseCache cache) {
		ProviderResilienceFactory factory = new ProviderResilienceFactory(this.registries,
				Resilience4jProperties.none(), ResilienceSettings.defaults());
		FailoverRouter failover = new FailoverRouter(clients.stream().map(factory::create).toList(),
				new RoutingSettings(POLICY, Duration.ofSeconds(10), null));
		return router(failover, cache, DegradationSettings.CacheMode.FALLBACK_ONLY);
	}

	private LlmRouter router(FailoverRouter failover, ResponseCache cache, DegradationSettings.CacheMode cacheMode) {
		return new DegradingRouter(failover, cache, new DegradationSettings(EnumSet.allOf(DegradationLevel.class),
				"Service limited", Map.of(), cacheMode, true), List.of(this.recorder));
	}

}
