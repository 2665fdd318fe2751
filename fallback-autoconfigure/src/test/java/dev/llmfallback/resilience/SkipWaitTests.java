package dev.llmfallback.resilience;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.llmfallback.Attempt;
import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.Tier;
import dev.llmfallback.provider.ProviderClient;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.routing.ScriptedProviderClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A skipped provider says how long until it may be called again when that is known: an
 * open breaker's time left, a rate limit's next permit. A full bulkhead says nothing: it
 * frees up as soon as any call ends.
 */
class SkipWaitTests {

	private static final ResilienceSettings OPENS_AFTER_TWO = new ResilienceSettings(0, ResilienceSettings.Backoff.NONE,
			Duration.ofMillis(1), 1, Duration.ofMillis(1), 0, Duration.ofSeconds(1), false, 2, Duration.ofSeconds(60),
			1, Duration.ofMinutes(30));

	private final ResilienceRegistries registries = ResilienceRegistries.ofDefaults();

	private final ScriptedProviderClient client = new ScriptedProviderClient("anthropic", 1, Tier.FULL);

	@Test
	void breakerOpenedByFailuresSaysItsResetTimeoutLeft() {
		ProviderResilience provider = decorate(this.client.failAlways(ErrorKind.SERVER_ERROR, 503));
		failure(provider, new AttemptLog(null));
		failure(provider, new AttemptLog(null));
		AttemptLog log = new AttemptLog(null);
		LlmException skip = failure(provider, log);
		assertThat(skip.kind()).isEqualTo(ErrorKind.CIRCUIT_OPEN);
		assertThat(skip.retryAfter()).isGreaterThan(Duration.ofSeconds(59)).isLessThanOrEqualTo(Duration.ofSeconds(60));
		assertThat(log.attempts()).singleElement().extracting(Attempt::retryAfter).isEqualTo(skip.retryAfter());
	}

	@Test
	void streamRefusedByAnOpenBreakerSaysItsTimeLeftToo() {
		ProviderResilience provider = decorate(this.client);
		provider.circuitBreaker().transitionToOpenState();
		LlmException skip = catchThrowableOfType(LlmException.class,
				() -> provider.stream(ChatRequest.of("hello"), new AttemptLog(null)).blockLast(Duration.ofSeconds(10)));
		assertThat(skip.kind()).isEqualTo(ErrorKind.CIRCUIT_OPEN);
		assertThat(skip.retryAfter()).isGreaterThan(Duration.ofSeconds(59)).isLessThanOrEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void breakerOpenedForAnExhaustedQuotaSaysTheQuotaWaitLeft() {
		ProviderResilience provider = decorate(this.client.failWith(ErrorKind.QUOTA_EXCEEDED, 429));
		assertThat(failure(provider, new AttemptLog(null)).kind()).isEqualTo(ErrorKind.QUOTA_EXCEEDED);
		LlmException skip = failure(provider, new AttemptLog(null));
		assertThat(skip.kind()).isEqualTo(ErrorKind.CIRCUIT_OPEN);
		assertThat(skip.retryAfter()).isBetween(Duration.ofMinutes(29), Duration.ofMinutes(30));
	}

	@Test
	void breakerForcedOpenSaysNothing() {
		ProviderResilience provider = decorate(this.client);
		provider.circuitBreaker().transitionToForcedOpenState();
		LlmException skip = failure(provider, new AttemptLog(null));
		assertThat(skip.kind()).isEqualTo(ErrorKind.CIRCUIT_OPEN);
		assertThat(skip.retryAfter()).isNull();
	}

	@Test
	void rateLimitSaysWhenItsNextPermitComes() {
		ProviderResilience provider = decorate(new Limited(limits(1, null), this.client));
		provider.chat(ChatRequest.of("hello"), new AttemptLog(null)).block(Duration.ofSeconds(10));
		LlmException skip = failure(provider, new AttemptLog(null));
		assertThat(skip.kind()).isEqualTo(ErrorKind.LOCAL_LIMIT);
		assertThat(skip.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void fullBulkheadSaysNothing() {
		ProviderResilience provider = decorate(new SilentProviderClient(limits(null, 1), false));
		Disposable held = provider.chat(ChatRequest.of("hello"), new AttemptLog(null)).subscribe();
		try {
			LlmException skip = failure(provider, new AttemptLog(null));
			assertThat(skip.kind()).isEqualTo(ErrorKind.LOCAL_LIMIT);
			assertThat(skip.retryAfter()).isNull();
		}
		finally {
			held.dispose();
		}
	}

	private ProviderSettings limits(Integer requestsPerMinute, Integer maxConcurrentCalls) {
		ProviderSettings settings = this.client.settings();
		return new ProviderSettings(settings.name(), settings.type(), settings.model(), settings.priority(),
				settings.tier(), settings.baseUrl(), settings.apiKey(), settings.apiVersion(), settings.timeouts(),
				settings.contextWindow(), settings.maxOutputTokens(), settings.headers(), requestsPerMinute,
				maxConcurrentCalls, false);
	}

	private static LlmException failure(ProviderResilience provider, AttemptLog log) {
		return catchThrowableOfType(LlmException.class,
				() -> provider.chat(ChatRequest.of("hello"), log).block(Duration.ofSeconds(10)));
	}

	private ProviderResilience decorate(ProviderClient client) {
		return new ProviderResilienceFactory(this.registries, Resilience4jProperties.none(), OPENS_AFTER_TWO)
			.create(client);
	}

	/**
	 * A client answering as another does, under other limits.
	 */
	private record Limited(ProviderSettings settings, ProviderClient answers) implements ProviderClient {

		@Override
		public Mono<ChatResponse> chat(ChatRequest request) {
			return this.answers.chat(request);
		}

		@Override
		public Flux<ChatChunk> stream(ChatRequest request) {
			return this.answers.stream(request);
		}

	}

}
