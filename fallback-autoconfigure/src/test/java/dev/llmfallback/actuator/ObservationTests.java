package dev.llmfallback.actuator;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.DegradationLevel;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.Tier;
import dev.llmfallback.degradation.CaffeineResponseCache;
import dev.llmfallback.degradation.DegradationSettings;
import dev.llmfallback.degradation.DegradingRouter;
import dev.llmfallback.provider.ProviderClient;
import dev.llmfallback.resilience.ProviderResilienceFactory;
import dev.llmfallback.resilience.Resilience4jProperties;
import dev.llmfallback.resilience.ResilienceRegistries;
import dev.llmfallback.resilience.ResilienceSettings;
import dev.llmfallback.resilience.SilentProviderClient;
import dev.llmfallback.routing.FailoverRouter;
import dev.llmfallback.routing.FallbackPolicy;
import dev.llmfallback.routing.RoutingSettings;
import dev.llmfallback.routing.ScriptedProviderClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A routed call is one {@code llm.request} observation with a child {@code llm.attempt}
 * per provider call, so traces show a failover.
 */
class ObservationTests {

	private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final ObservationRegistry registry = ObservationRegistry.create();

	ObservationTests() {
		this.registry.observationConfig().observationHandler(new ObservationHandler<>() {
			@Override
			public void onStart(Observation.Context context) {
				ObservationTests.this.events.add("start " + describe(context));
			}

			@Override
			public void onStop(Observation.Context context) {
				ObservationTests.this.events.add("stop " + describe(context));
				ObservationTests.this.stopped.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}
		});
	}

	@Test
	void failoverRecordsOneParentAndTwoAttempts() {
		ScriptedProviderClient anthropic = new ScriptedProviderClient("anthropic", 1, Tier.FULL)
			.failWith(ErrorKind.SERVER_ERROR, 503);
		ScriptedProviderClient openai = new ScriptedProviderClient("openai", 2, Tier.REDUCED);

		ChatResponse response = router(anthropic, openai).call(ChatRequest.of("hello"));

		assertThat(response.provider()).isEqualTo("openai");
		List<Observation.Context> requests = named("llm.request");
		List<Observation.Context> attempts = named("llm.attempt");
		assertThat(requests).singleElement()
			.satisfies((request) -> assertThat(keys(request)).containsEntry("level", "reduced")
				.containsEntry("outcome", "success"));
		assertThat(attempts).hasSize(2)
			.allSatisfy((attempt) -> assertThat(attempt.getParentObservation()).isNotNull()
				.satisfies((parent) -> assertThat(parent.getContextView()).isSameAs(requests.get(0))));
		assertThat(attempts).extracting(ObservationTests::keys)
			.satisfiesExactly(
					(first) -> assertThat(first).containsEntry("provider", "anthropic")
						.containsEntry("model", "anthropic-model")
						.containsEntry("level", "full")
						.containsEntry("outcome", "failure")
						.containsEntry("error.kind", "server_error"),
					(second) -> assertThat(second).containsEntry("provider", "openai")
						.containsEntry("level", "reduced")
						.containsEntry("outcome", "success")
						.containsEntry("error.kind", "none"));
	}

	@Test
	void failedAttemptEndsBeforeTheNextStartsAndTheRequestEndsLast() {
		ScriptedProviderClient anthropic = new ScriptedProviderClient("anthropic", 1, Tier.FULL)
			.failWith(ErrorKind.SERVER_ERROR, 503);
		ScriptedProviderClient openai = new ScriptedProviderClient("openai", 2, Tier.REDUCED);

		router(anthropic, openai).call(ChatRequest.of("hello"));

		assertThat(this.events).containsExactly("start llm.request", "start llm.attempt anthropic",
				"stop llm.attempt anthropic", "start llm.attempt openai", "stop llm.attempt openai",
				"stop llm.request");
	}

	@Test
	void cancelledRequestStopsItsAttemptAsCancelled() {
		ProviderClient silent = new SilentProviderClient(
				new ScriptedProviderClient("anthropic", 1, Tier.FULL).settings(), false);
		Disposable call = router(silent).chat(ChatRequest.of("hello")).subscribe();
		assertThat(this.events).containsExactly("start llm.request", "start llm.attempt anthropic");

		call.dispose();

		assertThat(this.events).containsExactly("start llm.request", "start llm.attempt anthropic",
				"stop llm.attempt anthropic", "stop llm.request");
		assertThat(named("llm.attempt")).singleElement()
			.satisfies((attempt) -> assertThat(keys(attempt)).containsEntry("outcome", "cancelled")
				.containsEntry("error.kind", "none"));
		assertThat(named("llm.request")).singleElement()
			.satisfies((request) -> assertThat(keys(request)).containsEntry("level", "none")
				.containsEntry("outcome", "cancelled")
				.containsEntry("error.kind", "none"));
	}

	@Test
	void cancelledStreamIsObservedAsCancelledAtTheLevelItReached() {
		ScriptedProviderClient openai = new ScriptedProviderClient("openai", 1, Tier.REDUCED);

		assertThat(router(openai).stream(ChatRequest.of("hello")).take(1).collectList().block(Duration.ofSeconds(5)))
			.hasSize(1);

		assertThat(named("llm.request")).singleElement()
			.satisfies((request) -> assertThat(keys(request)).containsEntry("level", "reduced")
				.containsEntry("outcome", "cancelled")
				.containsEntry("error.kind", "none"));
	}

	/**
	 * Prometheus keeps the first set of tag keys it sees for a meter's name and refuses
	 * meters with any other, so a request observation has the same keys however it ends.
	 */
	@Test
	void requestTimersOfEveryOutcomeReachPrometheus() {
		PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		ScriptedProviderClient answering = new ScriptedProviderClient("anthropic", 1, Tier.FULL);
		ScriptedProviderClient refusing = new ScriptedProviderClient("anthropic", 1, Tier.FULL)
			.failAlways(ErrorKind.BAD_REQUEST, 400);
		ProviderClient silent = new SilentProviderClient(answering.settings(), false);

		router(observations, answering).call(ChatRequest.of("hello"));
		StepVerifier.create(router(observations, refusing).chat(ChatRequest.of("hello")))
			.expectError(LlmException.class)
			.verify(Duration.ofSeconds(5));
		router(observations, silent).chat(ChatRequest.of("hello")).subscribe().dispose();

		assertThat(meters.scrape()).contains(
				"llm_request_seconds_count{error=\"none\",error_kind=\"none\",level=\"full\",outcome=\"success\"} 1",
				"llm_request_seconds_count{error=\"LlmException\",error_kind=\"bad_request\",level=\"none\",outcome=\"failure\"} 1",
				"llm_request_seconds_count{error=\"none\",error_kind=\"none\",level=\"none\",outcome=\"cancelled\"} 1");
	}

	@Test
	void streamIsObservedAsOneRequestWithItsLevel() {
		ScriptedProviderClient openai = new ScriptedProviderClient("openai", 1, Tier.REDUCED);

		assertThat(router(openai).stream(ChatRequest.of("hello")).collectList().block(Duration.ofSeconds(5)))
			.isNotEmpty();

		assertThat(named("llm.request")).singleElement()
			.satisfies((request) -> assertThat(keys(request)).containsEntry("level", "reduced")
				.containsEntry("outcome", "success"));
		assertThat(named("llm.attempt")).singleElement()
			.satisfies((attempt) -> assertThat(attempt.getParentObservation()).isNotNull());
	}

	private DegradingRouter router(ProviderClient... providers) {
		return router(this.registry, providers);
	}

	private DegradingRouter router(ObservationRegistry registry, ProviderClient... providers) {
		ProviderResilienceFactory resilience = new ProviderResilienceFactory(ResilienceRegistries.ofDefaults(),
				Resilience4jProperties.none(),
				new ResilienceSettings(0, ResilienceSettings.Backoff.NONE, Duration.ofMillis(1), 1,
						Duration.ofMillis(1), 0, Duration.ofSeconds(1), false, 5, Duration.ofSeconds(60), 1,
						Duration.ofMinutes(30)),
				registry);
		FailoverRouter failover = new FailoverRouter(Stream.of(providers).map(resilience::create).toList(),
				new RoutingSettings(new FallbackPolicy(Set.of(503), Set.of()), Duration.ofSeconds(5), null));
		return new DegradingRouter(failover, new CaffeineResponseCache(10, Duration.ofMinutes(1)),
				new DegradationSettings(Set.of(DegradationLevel.values()), "static", Map.of(),
						DegradationSettings.CacheMode.FALLBACK_ONLY, true),
				List.of(), registry);
	}

	private static String describe(Observation.Context context) {
		String provider = context.getLowCardinalityKeyValues()
			.stream()
			.filter((key) -> key.getKey().equals("provider"))
			.map((key) -> " " + key.getValue())
			.findFirst()
			.orElse("");
		return context.getName() + provider;
	}

	private List<Observation.Context> named(String name) {
		return this.stopped.stream().filter((context) -> name.equals(context.getName())).toList();
	}

	private static Map<String, String> keys(Observation.Context context) {
		return context.getLowCardinalityKeyValues()
			.stream()
			.collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
	}

}
