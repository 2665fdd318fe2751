package dev.llmfallback.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import dev.llmfallback.benchmarks.Stats.Pair;
import dev.llmfallback.benchmarks.Stats.Percentiles;
import dev.llmfallback.benchmarks.Stats.Spread;

/**
 * Streaming: added time to first token and per chunk, and heap per open stream.
 */
final class StreamingRuns {

	private static final int OPEN_STREAMS = 1000;

	private final Report report;

	private final int rounds;

	private final double scale;

	StreamingRuns(Report report, int rounds, double scale) {
		this.report = report;
		this.rounds = rounds;
		this.scale = scale;
	}

	void timeToFirstToken(Duration mockLatency) {
		try (HttpFixture fixture = new HttpFixture(mockLatency, MockProvider.Mode.OK, 1200)) {
			int warmUp = (int) Math.max(100, 1000 * this.scale);
			Measure.WarmUp warm = Measure.untilCompiled(() -> {
				Measure.streams(fixture::plainStream, warmUp, 32);
				Measure.streams(fixture::routerStream, warmUp, 32);
				Measure.interleaved(fixture::plainStream, fixture::routerStream, warmUp / 20, fixture.mock);
			}, this.scale);
			System.out.println("Streams: " + warm);
			int streams = Math.max(20, (int) (600 * this.scale));
			List<Pair<Measure.Timings>> pairs = LatencyRuns.interleaved(fixture::plainStream, fixture::routerStream,
					fixture, streams, this.rounds);
			this.report.section("Streaming", "SSE of " + MockProvider.STREAM_CHUNKS + " content chunks after "
					+ mockLatency.toMillis() + " ms, sent at once; one stream at a time, plain and router streams "
					+ "alternating, " + this.rounds + " rounds x " + streams + " streams each. Times in µs; "
					+ "\"outside the mock's wait\" as for chats at concurrency 1, the wait being before the first chunk. "
					+ "Warm-up: " + warm + " (rounds of streams 32 at a time, then alternating streams one at a time, "
					+ "until a round compiles under " + Measure.QUIET_COMPILATION_MILLIS + " ms of code).");
			row(pairs, "Time to first token: p50", Measure.Timings::first, Percentiles::p50, null);
			row(pairs, "Time to first token: p99", Measure.Timings::first, Percentiles::p99, null);
			row(pairs, "Time to first token outside the mock's wait: p50", Measure.Timings::firstOutside,
					Percentiles::p50, null);
			row(pairs, "Time to first token outside the mock's wait: p99", Measure.Timings::firstOutside,
					Percentiles::p99, 200.0);
			Spread perChunk = Spread.of(pairs,
					(pair) -> (afterFirst(pair.router()).p50() - afterFirst(pair.plain()).p50())
							/ (MockProvider.STREAM_CHUNKS - 1));
			this.report.row("After the first token, per chunk (p50 of stream time - TTFT, / 49)",
					Spread.of(pairs, (pair) -> Percentiles.of(pair.plain().total()).p50()).median("%.0f")
							+ " whole stream",
					Spread.of(pairs, (pair) -> Percentiles.of(pair.router().total()).p50()).median("%.0f")
							+ " whole stream",
					perChunk.format("%+.2f") + " µs", "added < 20 µs", perChunk.median() < 20);
		}
	}

	private void row(List<Pair<Measure.Timings>> pairs, String label, Function<Measure.Timings, long[]> figure,
			ToDoubleFunction<Percentiles> percentile, Double limit) {
		LatencyRuns.addedRow(this.report, LatencyRuns.percentiles(pairs, figure), label, percentile, limit);
	}

	/**
	 * Each stream's time from its first chunk to its end.
	 */
	private static Percentiles afterFirst(Measure.Timings timings) {
		long[] after = new long[timings.total().length];
		for (int i = 0; i < after.length; i++) {
			after[i] = timings.total()[i] - timings.first()[i];
		}
		return Percentiles.of(after);
	}

	void heapPerOpenStream(Duration mockLatency) {
		try (HttpFixture fixture = new HttpFixture(mockLatency, MockProvider.Mode.HOLD_STREAM, OPEN_STREAMS + 200)) {
			List<Pair<Double>> pairs = Pair.abba(Math.max(2, this.rounds / 2),
					() -> bytesPerStream(fixture, fixture::plainStream, "plain"),
					() -> bytesPerStream(fixture, fixture::routerStream, "primary"));
			Spread plain = Spread.of(pairs, Pair::plain);
			Spread router = Spread.of(pairs, Pair::router);
			Spread added = Spread.of(pairs, (pair) -> pair.router() - pair.plain());
			this.report.row("Heap per open stream, " + OPEN_STREAMS + " open (KB; heap after GC, client and mock)",
					plain.format("%.1f"), router.format("%.1f"),
					added.format("%+.1f") + " KB router - plain; router path total " + router.median("%.1f") + " KB",
					"router < 16 KB", added.median() < 16);
		}
	}

	private double bytesPerStream(HttpFixture fixture, Supplier<Flux<?>> stream, String pool) {
		long before = Measure.heapAfterGc();
		CountDownLatch started = new CountDownLatch(OPEN_STREAMS);
		List<Disposable> open = new ArrayList<>();
		for (int i = 0; i < OPEN_STREAMS; i++) {
			AtomicBoolean first = new AtomicBoolean();
			open.add(stream.get().subscribe((chunk) -> {
				if (first.compareAndSet(false, true)) {
					started.countDown();
				}
			}, (ex) -> System.err.println("open stream failed: " + ex)));
		}
		try {
			if (!started.await(60, TimeUnit.SECONDS)) {
				throw new IllegalStateException("only " + (OPEN_STREAMS - started.getCount()) + " streams started");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		long during = Measure.heapAfterGc();
		open.forEach(Disposable::dispose);
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (fixture.busyConnections(pool) > 0 && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		return (during - before) / 1024.0 / OPEN_STREAMS;
	}

}
