package dev.llmfallback.benchmarks;

import java.time.Duration;
import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import dev.llmfallback.ChatResponse;
import dev.llmfallback.benchmarks.Stats.Pair;
import dev.llmfallback.benchmarks.Stats.Percentiles;
import dev.llmfallback.benchmarks.Stats.Spread;
import dev.llmfallback.provider.ProviderWebClients;
import dev.llmfallback.resilience.ResilienceRegistries;
import dev.llmfallback.routing.FailoverRouter;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Failover time: the time to the fallback's answer minus the fallback's own latency (a
 * plain WebClient call to the same fallback mock, in the paired round).
 */
final class FailoverRuns {

	private static final Duration HANG_TIMEOUT = Duration.ofMillis(200);

	private final Report report;

	private final int rounds;

	private final double scale;

	FailoverRuns(Report report, int rounds, double scale) {
		this.report = report;
		this.rounds = rounds;
		this.scale = scale;
	}

	void run(Duration fallbackLatency) {
		try (MockProvider fallback = new MockProvider(fallbackLatency, MockProvider.Mode.OK);
				MockProvider unavailable = new MockProvider(Duration.ZERO, MockProvider.Mode.UNAVAILABLE);
				MockProvider hanging = new MockProvider(Duration.ZERO, MockProvider.Mode.HANG);
				ProviderWebClients webClients = new ProviderWebClients(WebClient.builder(), List.of(), 200)) {
			ResilienceRegistries registries = ResilienceRegistries.ofDefaults();
			Duration timeout = Duration.ofSeconds(30);
			FailoverRouter on503 = Routers.http(webClients, registries, Routers.noRetries(),
					List.of(Routers.openAi("unavailable", 1, unavailable.baseUrl(), timeout),
							Routers.openAi("fallback", 2, fallback.baseUrl(), timeout)));
			FailoverRouter onHang = Routers.http(webClients, registries, Routers.noRetries(),
					List.of(Routers.openAi("hanging", 1, hanging.baseUrl(), HANG_TIMEOUT),
							Routers.openAi("fallback", 2, fallback.baseUrl(), timeout)));
			PlainClient plain = new PlainClient(
					webClients.create(Routers.openAi("plain", 0, fallback.baseUrl(), timeout)));
			CircuitBreaker breaker = registries.circuitBreakers().circuitBreaker("unavailable");
			CircuitBreaker hangBreaker = registries.circuitBreakers().circuitBreaker("hanging");
			this.report.section("Failover time",
					"Primary fails, the fallback (a " + fallbackLatency.toMillis() + " ms mock) answers; no retries. "
							+ "Added = router time - plain WebClient time to the fallback, same round. Times in µs.");
			int calls = Math.max(10, (int) (60 * this.scale));
			measure("503, breaker closed", calls, 1, () -> breaker.reset(), on503, plain, 0, null);
			measure("503, breaker open", calls, 1, breaker::transitionToForcedOpenState, on503, plain, 0, 1000.0);
			measure("hang, " + HANG_TIMEOUT.toMillis() + " ms response timeout (added minus the timeout)",
					Math.max(5, calls / 4), 5, hangBreaker::reset, onHang, plain, HANG_TIMEOUT.toNanos() / 1000.0,
					null);
		}
	}

	private void measure(String name, int calls, int concurrency, Runnable prepare, FailoverRouter router,
			PlainClient plain, double subtract, Double limit) {
		prepare.run();
		Measure.latencies(() -> plain.chat(HttpFixture.PROMPT), 30, 1);
		Measure.latencies(() -> router.chat(HttpFixture.REQUEST).map(this::fromFallback), Math.max(5, calls / 2),
				concurrency);
		List<Pair<Percentiles>> pairs = Pair.abba(this.rounds,
				() -> Percentiles.of(Measure.latencies(() -> plain.chat(HttpFixture.PROMPT), calls, 1)), () -> {
					prepare.run();
					return Percentiles.of(Measure
						.latencies(() -> router.chat(HttpFixture.REQUEST).map(this::fromFallback), calls, concurrency));
				});
		Spread p50 = Spread.of(pairs, (pair) -> pair.router().p50() - pair.plain().p50() - subtract);
		Spread p99 = Spread.of(pairs, (pair) -> pair.router().p99() - pair.plain().p99() - subtract);
		String label = name + ", " + this.rounds + " x " + calls + " calls";
		this.report.row(label + ": p50", Spread.of(pairs, (pair) -> pair.plain().p50()).median("%.0f"),
				Spread.of(pairs, (pair) -> pair.router().p50()).median("%.0f"), p50.format("%+.0f") + " µs",
				(limit != null) ? "added < 1 ms" : "", (limit != null) ? p50.median() < limit : null);
		this.report.row(label + ": p99", Spread.of(pairs, (pair) -> pair.plain().p99()).median("%.0f"),
				Spread.of(pairs, (pair) -> pair.router().p99()).median("%.0f"), p99.format("%+.0f") + " µs", "", null);
	}

	private ChatResponse fromFallback(ChatResponse response) {
		if (!"fallback".equals(response.provider())) {
			throw new IllegalStateException("answered by " + response.provider());
		}
		return response;
	}

}
