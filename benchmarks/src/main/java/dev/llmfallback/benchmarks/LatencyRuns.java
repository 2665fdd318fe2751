package dev.llmfallback.benchmarks;

import java.time.Duration;
import java.util.List;

import dev.llmfallback.benchmarks.Stats.Pair;
import dev.llmfallback.benchmarks.Stats.Percentiles;
import dev.llmfallback.benchmarks.Stats.Spread;

/**
 * Added latency at concurrency 1, 64 and 512, and throughput at saturation, in rounds of
 * ABBA order (plain, router, router, plain, ...) after a warm-up.
 */
final class LatencyRuns {

	private final Report report;

	private final int rounds;

	private final double scale;

	LatencyRuns(Report report, int rounds, double scale) {
		this.report = report;
		this.rounds = rounds;
		this.scale = scale;
	}

	void latency(Duration mockLatency) {
		try (HttpFixture fixture = new HttpFixture(mockLatency, MockProvider.Mode.OK, 1200)) {
			warmUp(fixture, this.scale);
			this.report.section("Added latency of `LlmRouter.chat`, " + mockLatency.toMillis() + " ms mock",
					"Closed loops; each round times every call from subscription to answer. Times in µs.");
			concurrency(fixture, 1, calls(300), "< 25 µs", 25, "< 100 µs", 100);
			concurrency(fixture, 64, calls(3000), null, 0, "ratio <= 1.02", 0);
			concurrency(fixture, 512, calls(5000), null, 0, null, 0);
		}
	}

	double throughput(Duration mockLatency, int concurrency, double target) {
		try (HttpFixture fixture = new HttpFixture(mockLatency, MockProvider.Mode.OK, 1200)) {
			warmUp(fixture, this.scale);
			Duration duration = Duration.ofMillis((long) (3000 * this.scale));
			Duration warmUp = Duration.ofMillis((long) (1000 * this.scale));
			Measure.Throughput.of(fixture::plainChat, concurrency, warmUp);
			Measure.Throughput.of(fixture::routerChat, concurrency, warmUp);
			List<Pair<Measure.Throughput>> pairs = Pair.abba(this.rounds,
					() -> Measure.Throughput.of(fixture::plainChat, concurrency, duration),
					() -> Measure.Throughput.of(fixture::routerChat, concurrency, duration));
			Spread plain = Spread.of(pairs, (pair) -> pair.plain().perSecond());
			Spread router = Spread.of(pairs, (pair) -> pair.router().perSecond());
			Spread ratio = Spread.of(pairs, (pair) -> pair.router().perSecond() / pair.plain().perSecond());
			String name = mockLatency.isZero() ? "instant mock" : mockLatency.toMillis() + " ms mock";
			this.report.row("Throughput, " + name + ", concurrency " + concurrency + " (calls/s)", plain.median("%.0f"),
					router.median("%.0f"), ratio.format("%.3f"), ">= " + target, ratio.median() >= target);
			Spread plainCpu = Spread.of(pairs, (pair) -> pair.plain().cpuMicrosPerCall());
			Spread routerCpu = Spread.of(pairs, (pair) -> pair.router().cpuMicrosPerCall());
			Spread extra = Spread.of(pairs,
					(pair) -> 100 * (pair.router().cpuMicrosPerCall() / pair.plain().cpuMicrosPerCall() - 1));
			this.report.row("Process CPU per call, " + name + " (µs, client and mock server)", plainCpu.median("%.1f"),
					routerCpu.median("%.1f"), extra.format("%+.1f") + " %", "<= 10 % extra", extra.median() <= 10);
			Spread addedBytes = Spread.of(pairs, (pair) -> pair.router().bytesPerCall() - pair.plain().bytesPerCall());
			this.report.row("Allocation per call over HTTP (bytes, whole process), " + name,
					Spread.of(pairs, (pair) -> pair.plain().bytesPerCall()).median("%.0f"),
					Spread.of(pairs, (pair) -> pair.router().bytesPerCall()).median("%.0f"),
					addedBytes.format("%+.0f") + " B", "<= 2 KB extra", addedBytes.median() <= 2048);
			return plainCpu.median();
		}
	}

	private int calls(int n) {
		return Math.max(20, (int) (n * this.scale));
	}

	private void concurrency(HttpFixture fixture, int concurrency, int calls, String p50Target, double p50Limit,
			String p99Target, double p99Limit) {
		List<Pair<Percentiles>> pairs = Pair.abba(this.rounds,
				() -> Percentiles.of(Measure.latencies(fixture::plainChat, calls, concurrency)),
				() -> Percentiles.of(Measure.latencies(fixture::routerChat, calls, concurrency)));
		String label = "c=" + concurrency + ", " + this.rounds + " rounds x " + calls + " calls: ";
		Spread p50 = Spread.of(pairs, (pair) -> pair.router().p50() - pair.plain().p50());
		this.report.row(label + "p50", Spread.of(pairs, (pair) -> pair.plain().p50()).median("%.0f"),
				Spread.of(pairs, (pair) -> pair.router().p50()).median("%.0f"), p50.format("%+.1f") + " µs",
				(p50Target != null) ? "added " + p50Target : "", (p50Target != null) ? p50.median() < p50Limit : null);
		Spread p99 = Spread.of(pairs, (pair) -> pair.router().p99() - pair.plain().p99());
		Spread ratio = Spread.of(pairs, (pair) -> pair.router().p99() / pair.plain().p99());
		boolean byRatio = p99Target != null && p99Target.startsWith("ratio");
		Boolean p99Met = (p99Target == null) ? null : (byRatio ? ratio.median() <= 1.02 : p99.median() < p99Limit);
		this.report.row(label + "p99", Spread.of(pairs, (pair) -> pair.plain().p99()).median("%.0f"),
				Spread.of(pairs, (pair) -> pair.router().p99()).median("%.0f"),
				p99.format("%+.1f") + " µs; ratio " + ratio.format("%.3f"),
				(p99Target != null) ? (byRatio ? p99Target : "added " + p99Target) : "", p99Met);
		Spread p999 = Spread.of(pairs, (pair) -> pair.router().p999() - pair.plain().p999());
		this.report.row(label + "p99.9", Spread.of(pairs, (pair) -> pair.plain().p999()).median("%.0f"),
				Spread.of(pairs, (pair) -> pair.router().p999()).median("%.0f"), p999.format("%+.1f") + " µs", "",
				null);
	}

	/**
	 * Warm both sides up: calls at concurrency 64, then one at a time.
	 * @param fixture the fixture
	 * @param scale the scale of the run, which a smoke run sets below 1
	 */
	static void warmUp(HttpFixture fixture, double scale) {
		int calls = (int) Math.max(200, 2000 * scale);
		for (int i = 0; i < 2; i++) {
			Measure.latencies(fixture::plainChat, calls, 64);
			Measure.latencies(fixture::routerChat, calls, 64);
		}
		Measure.latencies(fixture::plainChat, calls / 40, 1);
		Measure.latencies(fixture::routerChat, calls / 40, 1);
	}

}
