package dev.llmfallback.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import dev.llmfallback.benchmarks.Stats.Pair;
import dev.llmfallback.benchmarks.Stats.Percentiles;
import dev.llmfallback.benchmarks.Stats.Spread;

/**
 * Added latency at concurrency 1, 64 and 512, and throughput at saturation, in rounds of
 * ABBA order (plain, router, router, plain, ...) after a warm-up.
 */
final class LatencyRuns {

	/**
	 * Throughput pairs per latency round: a round's CPU per call moves by 10 to 50 % on
	 * this machine, so the CPU targets need more, shorter pairs than the percentiles.
	 */
	static final int THROUGHPUT_PAIRS_PER_LATENCY_ROUND = 3;

	/** A throughput round's length in seconds, before the scale. */
	static final double THROUGHPUT_ROUND_SECONDS = 1;

	private final Report report;

	private final int rounds;

	private final int throughputPairs;

	private final double scale;

	LatencyRuns(Report report, int rounds, double scale) {
		this.report = report;
		this.rounds = rounds;
		this.throughputPairs = rounds * THROUGHPUT_PAIRS_PER_LATENCY_ROUND;
		this.scale = scale;
	}

	/**
	 * Pairs of rounds behind each throughput, CPU and allocation row.
	 * @return the count
	 */
	int throughputPairs() {
		return this.throughputPairs;
	}

	void latency(Duration mockLatency) {
		try (HttpFixture fixture = new HttpFixture(mockLatency, MockProvider.Mode.OK, 1200)) {
			Measure.WarmUp warm = warmUp(fixture, this.scale);
			this.report.section("Added latency of `LlmRouter.chat`, " + mockLatency.toMillis() + " ms mock",
					"Closed loops; each round times every call from subscription to answer. Times in µs. "
							+ "At concurrency 1 plain and router calls alternate one by one, each started from the "
							+ "measuring thread, which waits for its end as a blocking caller does; each call is also "
							+ "timed without the mock's wait: the mock counts how long it waited out its latency, "
							+ "from reading a request to its timer firing, and that timer fires late by a varying "
							+ "0.5 to 2 ms, alike for both sides. What remains is the time a caller spends outside "
							+ "the provider (client, router, loopback and the mock's HTTP work), the figure gateways "
							+ "publish as their overhead; the targets at concurrency 1 are read on it. Two rows split it at "
							+ "the mock: the way out, until the mock has read the request, and the way back, from its "
							+ "answer to the caller. The control rows repeat the rounds with the plain call on both "
							+ "sides: what they show added is how far apart two identical sides measure here. "
							+ "The plain call names its path, as `uri(\"/chat/completions\")`, and WebClient expands "
							+ "that template against the base URL on every call; the router's exchange expands its "
							+ "paths once. The rows against a plain call given its whole URI show the router's "
							+ "extra without that difference; no target is read on them. Warm-up: " + warm
							+ " (rounds of calls at concurrency 64, then alternating calls one at a time, until a round"
							+ " compiles under " + Measure.QUIET_COMPILATION_MILLIS + " ms of code).");
			oneAtATime(fixture, calls(600));
			// The p99 of a one-second round (3,000 calls, a young collection or none)
			// moved by up to 7 % between rounds, more than its 2 % target; five seconds
			// hold about as many collections on either side, and stay within about 3 %.
			concurrency(fixture, 64, calls(15000), true);
			concurrency(fixture, 512, calls(5000), false);
		}
	}

	/**
	 * Calls one at a time again, against a mock that answers at once: each call starts as
	 * the last one ends, so no thread waits and no core idles between them. No target is
	 * read here; next to the 20 ms rows, it shows how much of the time at concurrency 1
	 * comes from running after an idle wait, for the plain call as for the router.
	 */
	void backToBack() {
		try (HttpFixture fixture = new HttpFixture(Duration.ZERO, MockProvider.Mode.OK, 1200)) {
			Measure.WarmUp warm = warmUp(fixture, this.scale);
			this.report.section("Added latency of `LlmRouter.chat` at concurrency 1, instant mock",
					"The concurrency 1 rounds again, against a mock that answers at once, so that every call starts"
							+ " as the last one ends and neither the threads nor the cores wait between calls. No"
							+ " target is read here (the targets are set against the 20 ms mock); the rows show"
							+ " what a call costs while the machine stays busy, next to the 20 ms rows, where"
							+ " every call follows a 20 ms wait; the way out and back are split at the mock as there."
							+ " Times in µs. Warm-up: " + warm + ".");
			int calls = calls(5000);
			List<Pair<Measure.Timings>> pairs = interleaved(fixture::plainChat, fixture::routerChat, fixture, calls,
					this.rounds);
			percentileRows(pairs, "c=1 back to back, " + this.rounds + " rounds x " + calls + " calls each: ",
					Measure.Timings::total, null, null);
			wayOutAndBackRows(pairs, "c=1 back to back, ");
		}
	}

	/**
	 * Throughput of closed loops at a concurrency, with the cores the plain side keeps
	 * busy (whether the mock's latency or the machine bounds the rate), and optionally
	 * the process CPU and allocation per call.
	 * @param mockLatency the mock's latency
	 * @param concurrency calls in flight
	 * @param target the lowest router / plain ratio allowed, or {@code null} for none
	 * @param costs whether to add the rows of CPU and allocation per call
	 * @return the plain side's process CPU per call, in microseconds
	 */
	double throughput(Duration mockLatency, int concurrency, Double target, boolean costs) {
		try (HttpFixture fixture = new HttpFixture(mockLatency, MockProvider.Mode.OK, 1200)) {
			warmUp(fixture, this.scale);
			Duration duration = Duration.ofMillis((long) (THROUGHPUT_ROUND_SECONDS * 1000 * this.scale));
			Duration warmUp = Duration.ofMillis((long) (1000 * this.scale));
			Measure.WarmUp loops = Measure.untilCompiled(() -> {
				Measure.Throughput.of(fixture::plainChat, concurrency, warmUp);
				Measure.Throughput.of(fixture::routerChat, concurrency, warmUp);
			}, this.scale);
			System.out.println("Throughput at concurrency " + concurrency + ": " + loops);
			List<Pair<Measure.Throughput>> pairs = Pair.abba(this.throughputPairs,
					() -> Measure.Throughput.of(fixture::plainChat, concurrency, duration),
					() -> Measure.Throughput.of(fixture::routerChat, concurrency, duration));
			Spread plain = Spread.of(pairs, (pair) -> pair.plain().perSecond());
			Spread router = Spread.of(pairs, (pair) -> pair.router().perSecond());
			Spread ratio = Spread.of(pairs, (pair) -> pair.router().perSecond() / pair.plain().perSecond());
			Spread plainCores = Spread.of(pairs,
					(pair) -> pair.plain().perSecond() * pair.plain().cpuMicrosPerCall() / 1e6);
			String name = mockLatency.isZero() ? "instant mock" : mockLatency.toMillis() + " ms mock";
			this.report.row(String.format(Locale.ROOT,
					"Throughput, %s, concurrency %d (calls/s; plain keeps %.2f of %d cores busy; %d warm-up rounds)",
					name, concurrency, plainCores.median(), Runtime.getRuntime().availableProcessors(), loops.rounds()),
					plain.median("%.0f"), router.median("%.0f"), ratio.format("%.3f"),
					(target != null) ? ">= " + target : "", (target != null) ? ratio.median() >= target : null);
			Spread plainCpu = Spread.of(pairs, (pair) -> pair.plain().cpuMicrosPerCall());
			if (costs) {
				Spread routerCpu = Spread.of(pairs, (pair) -> pair.router().cpuMicrosPerCall());
				Spread extra = Spread.of(pairs,
						(pair) -> 100 * (pair.router().cpuMicrosPerCall() / pair.plain().cpuMicrosPerCall() - 1));
				this.report.row(
						"Process CPU per call, " + name + ", concurrency " + concurrency
								+ " (µs, client and mock server)",
						plainCpu.median("%.1f"), routerCpu.median("%.1f"), extra.format("%+.1f") + " %",
						"<= 10 % extra", extra.median() <= 10);
				Spread addedBytes = Spread.of(pairs,
						(pair) -> pair.router().bytesPerCall() - pair.plain().bytesPerCall());
				this.report.row("Allocation per call over HTTP (bytes, whole process), " + name,
						Spread.of(pairs, (pair) -> pair.plain().bytesPerCall()).median("%.0f"),
						Spread.of(pairs, (pair) -> pair.router().bytesPerCall()).median("%.0f"),
						addedBytes.format("%+.0f") + " B", "<= 2 KB extra", addedBytes.median() <= 2048);
				List<Pair<Measure.Throughput>> atUri = Pair.abba(this.throughputPairs,
						() -> Measure.Throughput.of(fixture::plainChatAtUri, concurrency, duration),
						() -> Measure.Throughput.of(fixture::routerChat, concurrency, duration));
				Spread extraAtUri = Spread.of(atUri,
						(pair) -> 100 * (pair.router().cpuMicrosPerCall() / pair.plain().cpuMicrosPerCall() - 1));
				this.report.row(
						"Process CPU per call, " + name + ", concurrency " + concurrency
								+ ", against a plain call given its whole URI (µs, client and mock server)",
						Spread.of(atUri, (pair) -> pair.plain().cpuMicrosPerCall()).median("%.1f"),
						Spread.of(atUri, (pair) -> pair.router().cpuMicrosPerCall()).median("%.1f"),
						extraAtUri.format("%+.1f") + " %", "", null);
			}
			return plainCpu.median();
		}
	}

	private int calls(int n) {
		return Math.max(20, (int) (n * this.scale));
	}

	private void oneAtATime(HttpFixture fixture, int calls) {
		List<Pair<Measure.Timings>> pairs = interleaved(fixture::plainChat, fixture::routerChat, fixture, calls,
				this.rounds);
		String label = "c=1, " + this.rounds + " rounds x " + calls + " calls each, alternating: ";
		percentileRows(pairs, label, Measure.Timings::total, null, null);
		percentileRows(pairs, "c=1, time outside the mock's wait: ", Measure.Timings::totalOutside, 25.0, 100.0);
		wayOutAndBackRows(pairs, "c=1, ");
		controlRows(fixture, calls);
		againstPlainAtUri(fixture, calls);
	}

	/**
	 * The same rounds against a plain call given its whole URI, as the router's exchange
	 * gives it, where the plain call above has WebClient expand its URI template on every
	 * call: what the router adds beyond what that saves it.
	 */
	private void againstPlainAtUri(HttpFixture fixture, int calls) {
		List<Pair<Measure.Timings>> pairs = interleaved(fixture::plainChatAtUri, fixture::routerChat, fixture, calls,
				this.rounds);
		List<Pair<Percentiles>> outside = percentiles(pairs, Measure.Timings::totalOutside);
		String label = "c=1, against a plain call given its whole URI (the plain column), " + this.rounds + " rounds x "
				+ calls + " calls each, time outside the mock's wait: ";
		addedRow(this.report, outside, label + "p50", Percentiles::p50, null);
		addedRow(this.report, outside, label + "p99", Percentiles::p99, null);
		wayOutAndBackRows(pairs, "c=1, against a plain call given its whole URI, ");
	}

	/**
	 * The same rounds with the plain call on both sides, where nothing is added: what
	 * they measure is the resolution of the concurrency 1 figures on this machine.
	 */
	private void controlRows(HttpFixture fixture, int calls) {
		List<Pair<Percentiles>> control = percentiles(
				interleaved(fixture::plainChat, fixture::plainChat, fixture, calls, this.rounds),
				Measure.Timings::totalOutside);
		String label = "c=1, control: the plain call on both sides (the router column is its second side), "
				+ this.rounds + " rounds x " + calls + " calls each, time outside the mock's wait: ";
		addedRow(this.report, control, label + "p50", Percentiles::p50, null);
		addedRow(this.report, control, label + "p99", Percentiles::p99, null);
	}

	/**
	 * The time outside the mock's wait in its two parts, at p50 and with no target: the
	 * way out, until the mock has read the request, and the way back, from the mock's
	 * answer to the caller having it.
	 */
	private void wayOutAndBackRows(List<Pair<Measure.Timings>> pairs, String label) {
		addedRow(this.report, percentiles(pairs, Measure.Timings::untilRead),
				label + "way out, until the mock has read the request: p50", Percentiles::p50, null);
		addedRow(this.report, percentiles(pairs, Measure.Timings::afterAnswer),
				label + "way back, from the mock's answer to the caller: p50", Percentiles::p50, null);
	}

	/**
	 * Rounds of plain and router calls (or streams) made one at a time, alternating.
	 */
	static List<Pair<Measure.Timings>> interleaved(Supplier<Publisher<?>> plain, Supplier<Publisher<?>> router,
			HttpFixture fixture, int calls, int rounds) {
		List<Pair<Measure.Timings>> pairs = new ArrayList<>();
		for (int round = 0; round < rounds; round++) {
			Measure.Interleaved times = Measure.interleaved(() -> Flux.from(plain.get()), () -> Flux.from(router.get()),
					calls, fixture.mock);
			pairs.add(new Pair<>(times.plain(), times.router()));
		}
		return pairs;
	}

	/**
	 * Rows of p50, p99 and p99.9 of one figure of each call, plain and router, with the
	 * added time and its targets, if any.
	 */
	private void percentileRows(List<Pair<Measure.Timings>> pairs, String label,
			Function<Measure.Timings, long[]> figure, Double p50Limit, Double p99Limit) {
		List<Pair<Percentiles>> rounds = percentiles(pairs, figure);
		addedRow(this.report, rounds, label + "p50", Percentiles::p50, p50Limit);
		addedRow(this.report, rounds, label + "p99", Percentiles::p99, p99Limit);
		if (p50Limit == null) {
			addedRow(this.report, rounds, label + "p99.9", Percentiles::p999, null);
		}
	}

	/**
	 * The percentiles of one figure of each call, per round and side.
	 */
	static List<Pair<Percentiles>> percentiles(List<Pair<Measure.Timings>> pairs,
			Function<Measure.Timings, long[]> figure) {
		return pairs.stream()
			.map((pair) -> new Pair<>(Percentiles.of(figure.apply(pair.plain())),
					Percentiles.of(figure.apply(pair.router()))))
			.toList();
	}

	/**
	 * A row of one percentile, plain and router, and the time the router adds, with its
	 * target if it has one.
	 */
	static void addedRow(Report report, List<Pair<Percentiles>> rounds, String label,
			ToDoubleFunction<Percentiles> percentile, Double limit) {
		Spread added = Spread.of(rounds,
				(pair) -> percentile.applyAsDouble(pair.router()) - percentile.applyAsDouble(pair.plain()));
		report.row(label, Spread.of(rounds, (pair) -> percentile.applyAsDouble(pair.plain())).median("%.0f"),
				Spread.of(rounds, (pair) -> percentile.applyAsDouble(pair.router())).median("%.0f"),
				added.format("%+.1f") + " µs", (limit != null) ? String.format("added < %.0f µs", limit) : "",
				(limit != null) ? added.median() < limit : null);
	}

	/**
	 * Rows of p50, p99 (with its ratio, the target at concurrency 64) and p99.9 of calls
	 * at a concurrency.
	 */
	private void concurrency(HttpFixture fixture, int concurrency, int calls, boolean p99RatioTarget) {
		List<Pair<Percentiles>> pairs = Pair.abba(this.rounds,
				() -> Percentiles.of(Measure.latencies(fixture::plainChat, calls, concurrency)),
				() -> Percentiles.of(Measure.latencies(fixture::routerChat, calls, concurrency)));
		String label = "c=" + concurrency + ", " + this.rounds + " rounds x " + calls + " calls: ";
		addedRow(this.report, pairs, label + "p50", Percentiles::p50, null);
		Spread p99 = Spread.of(pairs, (pair) -> pair.router().p99() - pair.plain().p99());
		Spread ratio = Spread.of(pairs, (pair) -> pair.router().p99() / pair.plain().p99());
		this.report.row(label + "p99", Spread.of(pairs, (pair) -> pair.plain().p99()).median("%.0f"),
				Spread.of(pairs, (pair) -> pair.router().p99()).median("%.0f"),
				p99.format("%+.1f") + " µs; ratio " + ratio.format("%.3f"), p99RatioTarget ? "ratio <= 1.02" : "",
				p99RatioTarget ? ratio.median() <= 1.02 : null);
		addedRow(this.report, pairs, label + "p99.9", Percentiles::p999, null);
	}

	/**
	 * Warm both sides up until the JIT compiler is quiet: rounds of calls at concurrency
	 * 64, then one at a time, alternating.
	 * @param fixture the fixture
	 * @param scale the scale of the run, which a smoke run sets below 1
	 * @return what each round compiled
	 */
	static Measure.WarmUp warmUp(HttpFixture fixture, double scale) {
		int calls = (int) Math.max(200, 2000 * scale);
		Measure.WarmUp warm = Measure.untilCompiled(() -> {
			Measure.latencies(fixture::plainChat, calls, 64);
			Measure.latencies(fixture::routerChat, calls, 64);
			Measure.interleaved(() -> fixture.plainChat().flux(), () -> fixture.routerChat().flux(), calls / 40,
					fixture.mock);
		}, scale);
		System.out.println("Chats: " + warm);
		return warm;
	}

}
