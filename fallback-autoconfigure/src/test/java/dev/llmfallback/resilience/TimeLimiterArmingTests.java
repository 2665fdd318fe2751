package dev.llmfallback.resilience;

import java.time.Duration;
import java.util.List;

import io.github.resilience4j.common.CompositeCustomizer;
import io.github.resilience4j.common.timelimiter.configuration.TimeLimiterConfigCustomizer;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.Tier;
import dev.llmfallback.provider.ProviderClient;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.routing.ScriptedProviderClient;
import dev.llmfallback.timeout.ArmedTimer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The time limiter arms a timer for each call unless the client bounds its answers by its
 * response timeout (as the wire codecs do) and the limit does not undercut it: its
 * default, a second after the response timeout, could never fire first.
 */
class TimeLimiterArmingTests {

	private static final ResilienceSettings NO_RETRIES = new ResilienceSettings(0, ResilienceSettings.Backoff.NONE,
			Duration.ofMillis(1), 1, Duration.ofMillis(1), 0, Duration.ofSeconds(1), false, 50, Duration.ofSeconds(60),
			1, Duration.ofMinutes(30));

	private final ProviderSettings settings = new ScriptedProviderClient("anthropic", 1, Tier.FULL).settings();

	private final ArmedTimer timer = new ArmedTimer();

	@AfterEach
	void dispose() {
		this.timer.dispose();
	}

	@Test
	void defaultLimitIsNotArmedAroundAClientThatBoundsItsAnswers() {
		ProviderResilience provider = decorate(new SilentProviderClient(this.settings, true),
				Resilience4jProperties.none());
		provider.chat(ChatRequest.of("hello"), new AttemptLog(null)).subscribe().dispose();
		assertThat(this.timer.armed()).isZero();
	}

	@Test
	void defaultLimitIsArmedAroundAClientThatDoesNot() {
		ProviderResilience provider = decorate(new SilentProviderClient(this.settings, false),
				Resilience4jProperties.none());
		provider.chat(ChatRequest.of("hello"), new AttemptLog(null)).subscribe().dispose();
		assertThat(this.timer.armed()).isEqualTo(1);
	}

	@Test
	void shorterLimitIsArmedAndEndsTheCall() {
		TimeLimiterConfigCustomizer shorter = TimeLimiterConfigCustomizer.of("anthropic",
				(builder) -> builder.timeoutDuration(Duration.ofMillis(100)));
		Resilience4jProperties none = Resilience4jProperties.none();
		Resilience4jProperties properties = new Resilience4jProperties(none.circuitBreaker(),
				none.circuitBreakerCustomizer(), none.retry(), none.retryCustomizer(), none.timeLimiter(),
				new CompositeCustomizer<>(List.of(shorter)), none.rateLimiter(), none.rateLimiterCustomizer(),
				none.bulkhead(), none.bulkheadCustomizer());
		ProviderResilience provider = decorate(new SilentProviderClient(this.settings, true), properties);
		StepVerifier.create(provider.chat(ChatRequest.of("hello"), new AttemptLog(null)))
			.expectSubscription()
			.then(() -> this.timer.virtualTime().advanceTimeBy(Duration.ofMillis(100)))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(LlmException.class,
					(error) -> assertThat(error.kind()).isEqualTo(ErrorKind.TIMEOUT)))
			.verify(Duration.ofSeconds(5));
		assertThat(this.timer.armed()).isEqualTo(1);
	}

	private ProviderResilience decorate(ProviderClient client, Resilience4jProperties properties) {
		return new ProviderResilienceFactory(ResilienceRegistries.ofDefaults(), properties, NO_RETRIES,
				ObservationRegistry.NOOP, () -> this.timer)
			.create(client);
	}

}
