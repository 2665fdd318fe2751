package dev.llmfallback.routing;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import dev.llmfallback.Attempt;
import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.DegradationLevel;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.Tier;
import dev.llmfallback.resilience.ProviderResilienceFactory;
import dev.llmfallback.resilience.Resilience4jProperties;
import dev.llmfallback.resilience.ResilienceRegistries;
import dev.llmfallback.resilience.ResilienceSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FailoverRouterTests {

	private static final FallbackPolicy SEED_POLICY = new FallbackPolicy(Set.of(429, 500, 502, 503),
			Set.of(ErrorKind.TIMEOUT));

	private final ScriptedProviderClient anthropic = new ScriptedProviderClient("anthropic", 1, Tier.FULL);

	private final ScriptedProviderClient openai = new ScriptedProviderClient("openai", 2, Tier.FULL);

	private final ScriptedProviderClient google = new ScriptedProviderClient("google", 3, Tier.BASIC);

	private final FailoverRouter router = router(SEED_POLICY, this.anthropic, this.openai, this.google);

	/** A router without retries, so that each failure scripted is one attempt. */
	static FailoverRouter router(FallbackPolicy policy, ScriptedProviderClient... clients) {
		ResilienceSettings noRetries = new ResilienceSettings(0, ResilienceSettings.Backoff.NONE, Duration.ofMillis(1),
				1.0, Duration.ofMillis(1), 0, Duration.ofSeconds(1), false, 5, Duration.ofSeconds(60), 1,
				Duration.ofMinutes(30));
		ProviderResilienceFactory factory = new ProviderResilienceFactory(ResilienceRegistries.ofDefaults(),
				Resilience4jProperties.none(), noRetries);
		return new FailoverRouter(Arrays.stream(clients).map(factory::create).toList(),
				new RoutingSettings(policy, Duration.ofSeconds(30), null));
	}

	@Test
	void firstProviderAnswersWithoutAttempts() {
		ChatResponse response = this.router.call(ChatRequest.of("hi"));
		assertThat(response.provider()).isEqualTo("anthropic");
		assertThat(response.level()).isEqualTo(DegradationLevel.FULL);
		assertThat(response.attempts()).isEmpty();
		assertThat(this.openai.calls()).isZero();
	}

	@Test
	void listedStatusFallsBackAndRecordsTheAttempt() {
		this.anthropic.failWith(ErrorKind.SERVER_ERROR, 503);
		this.openai.failWith(ErrorKind.TIMEOUT, null);
		ChatResponse response = this.router.call(ChatRequest.of("hi"));
		assertThat(response.provider()).isEqualTo("google");
		assertThat(response.level()).isEqualTo(DegradationLevel.BASIC);
		assertThat(response.attempts()).extracting(Attempt::provider, Attempt::kind, Attempt::status)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("anthropic", ErrorKind.SERVER_ERROR, 503),
					org.assertj.core.groups.Tuple.tuple("openai", ErrorKind.TIMEOUT, null));
	}

	@Test
	void errorNotListedEndsTheRequestWithItsTrail() {
		this.anthropic.failWith(ErrorKind.BAD_REQUEST, 400);
		assertThatExceptionOfType(LlmException.class).isThrownBy(() -> this.router.call(ChatRequest.of("hi")))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
				assertThat(ex.attempts()).extracting(Attempt::provider).containsExactly("anthropic");
			});
		assertThat(this.openai.calls()).isZero();
	}

	@Test
	void requestAProviderCannotTakeMovesToOneThatCanButAnInvalidOneStops() {
		FailoverRouter router = router(new FallbackPolicy(Set.of(), Set.of(ErrorKind.UNSUPPORTED_REQUEST)),
				this.anthropic, this.openai);
		this.anthropic.failWith(ErrorKind.UNSUPPORTED_REQUEST, 400);
		assertThat(router.call(ChatRequest.of("hi")).provider()).isEqualTo("openai");
		this.anthropic.failWith(ErrorKind.BAD_REQUEST, 400);
		assertThatExceptionOfType(LlmException.class).isThrownBy(() -> router.call(ChatRequest.of("hi")))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.BAD_REQUEST));
		assertThat(this.openai.calls()).isEqualTo(1);
	}

	@Test
	void connectionFailureAlwaysFallsBack() {
		FailoverRouter strict = router(new FallbackPolicy(Set.of(), Set.of()), this.anthropic, this.openai);
		this.anthropic.failWith(ErrorKind.CONNECTION, null);
		assertThat(strict.call(ChatRequest.of("hi")).provider()).isEqualTo("openai");
	}

	@Test
	void whenEveryProviderFailsOneExceptionCarriesEveryAttempt() {
		this.anthropic.failWith(ErrorKind.RATE_LIMITED, 429);
		this.openai.failWith(ErrorKind.SERVER_ERROR, 500);
		this.google.failWith(ErrorKind.SERVER_ERROR, 502);
		StepVerifier.create(this.router.chat(ChatRequest.of("hi"))).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(LlmException.class);
			LlmException error = (LlmException) ex;
			assertThat(error.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
			assertThat(error.status()).isEqualTo(502);
			assertThat(error.attempts()).extracting(Attempt::provider).containsExactly("anthropic", "openai", "google");
			assertThat(error.getMessage()).contains("anthropic", "openai", "google");
		}).verify(Duration.ofSeconds(5));
	}

	@Test
	void providersBelowTheRequestedTierAreNotCalled() {
		this.anthropic.failWith(ErrorKind.SERVER_ERROR, 503);
		this.openai.failWith(ErrorKind.SERVER_ERROR, 503);
		ChatRequest request = ChatRequest.builder().user("hard task").minimumTier(Tier.FULL).build();
		assertThatExceptionOfType(LlmException.class).isThrownBy(() -> this.router.call(request))
			.satisfies((ex) -> assertThat(ex.attempts()).extracting(Attempt::provider)
				.containsExactly("anthropic", "openai"));
		assertThat(this.google.calls()).isZero();
	}

	@Test
	void noProviderOfTheRequestedTierIsABadRequest() {
		FailoverRouter basicOnly = router(SEED_POLICY, this.google);
		ChatRequest request = ChatRequest.builder().user("hard task").minimumTier(Tier.REDUCED).build();
		assertThatExceptionOfType(LlmException.class).isThrownBy(() -> basicOnly.call(request))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.BAD_REQUEST));
	}

	@Test
	void streamFallsBackSilentlyBeforeTheFirstChunk() {
		this.anthropic.failWith(ErrorKind.SERVER_ERROR, 503);
		List<ChatChunk> chunks = this.router.stream(ChatRequest.of("hi")).collectList().block();
		ChatResponse assembled = ChatResponse.fromChunks(chunks);
		assertThat(assembled.text()).isEqualTo("answer from openai");
		assertThat(assembled.provider()).isEqualTo("openai");
		assertThat(chunks).allSatisfy((chunk) -> assertThat(chunk.level()).isEqualTo(DegradationLevel.FULL));
	}

	@Test
	void streamAfterAFailoverNamesTheFailedAttemptsOnItsFirstAndFinalChunks() {
		this.anthropic.failWith(ErrorKind.SERVER_ERROR, 503);
		List<ChatChunk> chunks = this.router.stream(ChatRequest.of("hi")).collectList().block();
		assertThat(chunks).hasSize(3);
		assertThat(chunks.get(0).attempts()).singleElement().satisfies((attempt) -> {
			assertThat(attempt.provider()).isEqualTo("anthropic");
			assertThat(attempt.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
		});
		assertThat(chunks.get(1).attempts()).isEmpty();
		assertThat(chunks.get(2).attempts()).isEqualTo(chunks.get(0).attempts());
		assertThat(ChatResponse.fromChunks(chunks).attempts()).isEqualTo(chunks.get(0).attempts());
	}

	@Test
	void streamOfTheFirstProviderCarriesNoAttempts() {
		List<ChatChunk> chunks = this.router.stream(ChatRequest.of("hi")).collectList().block();
		assertThat(chunks).isNotEmpty()
			.allSatisfy((chunk) -> assertThat(chunk.attempts()).isEmpty())
			.allSatisfy((chunk) -> assertThat(chunk.provider()).isEqualTo("anthropic"));
	}

	@Test
	void streamFailingAfterTheFirstChunkCarriesThePartialText() {
		this.anthropic.streamWith(Flux.concat(Flux.just(ChatChunk.ofText("Hello, ")),
				Flux.error(new LlmException(ErrorKind.CONNECTION, "anthropic", null, null, "reset", null))));
		StepVerifier.create(this.router.stream(ChatRequest.of("hi")))
			.assertNext((chunk) -> assertThat(chunk.text()).isEqualTo("Hello, "))
			.expectErrorSatisfies((ex) -> {
				LlmException error = (LlmException) ex;
				assertThat(error.partialText()).isEqualTo("Hello, ");
				assertThat(error.attempts()).extracting(Attempt::provider).containsExactly("anthropic");
			})
			.verify(Duration.ofSeconds(5));
		assertThat(this.openai.calls()).isZero();
	}

	@Test
	void nonLlmExceptionsAreClassified() {
		FailoverRouter router = router(SEED_POLICY, new ScriptedProviderClient("broken", 1, Tier.FULL) {
			@Override
			public reactor.core.publisher.Mono<ChatResponse> chat(ChatRequest request) {
				return reactor.core.publisher.Mono.error(new java.net.ConnectException("refused"));
			}
		}, this.openai);
		ChatResponse response = router.call(ChatRequest.of("hi"));
		assertThat(response.provider()).isEqualTo("openai");
		assertThat(response.attempts()).singleElement()
			.satisfies((attempt) -> assertThat(attempt.kind()).isEqualTo(ErrorKind.CONNECTION));
	}

}
