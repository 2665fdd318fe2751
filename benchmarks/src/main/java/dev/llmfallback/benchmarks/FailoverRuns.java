package dev.llmfallback.benchmarks;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import dev.llmfallback.ChatResponse;
import dev.llmfallback.LlmRouter;
import dev.llmfallback.benchmarks.Stats.Pair;
import dev.llmfallback.benchmarks.Stats.Percentiles;
import dev.llmfallback.benchmarks.Stats.Spread;

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
				RouterContext on503 = new RouterContext(
						properties(RouterContext.openAi(0, "unavailable", unavailable.baseUrl(), HttpFixture.TIMEOUT),
								RouterContext.openAi(1, "fallback", fallback.baseUrl(), HttpFixture.TIMEOUT)));
				RouterContext onHang = new RouterContext(
						properties(RouterContext.openAi(0, "hanging", hanging.baseUrl(), HANG_TIMEOUT),
								RouterContext.openAi(1, "fallback", fallback.baseUrl(), HttpFixture.TIMEOUT)))) {
			PlainClient plain = new PlainClient(
					on503.webClients().create(Routers.openAi("plain", 0, fallback.baseUrl(), HttpFixture.TIMEOUT)));
			CircuitBreaker breaker = on503.breaker("unavailable");
			CircuitBreaker hangBreaker = onHang.breaker("hanging");
			this.report.section("Failover time",
					"Primary fails, the fallback (a " + fallbackLatency.toMillis()
							+ " ms mock) answers; no retries (`llm.fallback.max-retries=0`, `backoff=none`,"
							+ " `failure-threshold=1000`). Added = router time - plain WebClient time to the fallback,"
							+ " same round. Times in µs.");
			int calls = Math.max(10, (int) (60 * this.scale));
			measure("503, breaker closed", calls, 1, () -> breaker.reset(), on503.router(), plain, 0, null, null);
			measure("503, breaker open", calls, 1, breaker::transitionToForcedOpenState, on503.router(), plain, 0,
					1000.0, null);
			measure("hang, " + HANG_TIMEOUT.toMillis() + " ms response timeout (added minus the timeout)",
					Math.max(5, calls / 4), 5, hangBreaker::reset, onHang.router(), plain,
					HANG_TIMEOUT.toNanos() / 1000.0, null, 10_000.0);
		}
	}

	/**
	 * Two providers without retries, so that a failure moves on at once, and with a
	 * breaker that opens only after many failures; the rest as the defaults.
	 */
	private static Map<String, Object> properties(Map<String, Object> primary, Map<String, Object> fallback) {
		Map<String, Object> properties = new LinkedHashMap<>(primary);
		properties.putAll(fallback);
		properties.put("llm.fallback.max-retries", 0);
		properties.put("llm.fallback.backoff", "none");
		properties.put("llm.fallback.failure-threshold", 1000);
		return properties;
	}

	private void measure(String name, int calls, int concurrency, Runnable prepare, LlmRouter router, PlainClient plain,
			double subtract, Double p50Limit, Double p99Limit) {
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
				(p50Limit != null) ? "added < " + millis(p50Limit) : "",
				(p50Limit != null) ? p50.median() < p50Limit : null);
		this.report.row(label + ": p99", Spread.of(pairs, (pair) -> pair.plain().p99()).median("%.0f"),
				Spread.of(pairs, (pair) -> pair.router().p99()).median("%.0f"), p99.format("%+.0f") + " µs",
				(p99Limit != null) ? "added <= " + millis(p99Limit) : "",
				(p99Limit != null) ? p99.median() <= p99Limit : null);
	}

	private static String millis(double micros) {
		return Math.round(micros / 1000) + " ms";
	}

	private ChatResponse fromFallback(ChatResponse response) {
		if (!"fallback".equals(response.provider())) {
			throw new IllegalStateException("answered by " + response.provider());
		}
		return response;
	}

}
