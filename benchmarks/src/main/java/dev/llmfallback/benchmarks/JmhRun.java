package dev.llmfallback.benchmarks;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link RouterBenchmarks} with the GC profiler and reports time and allocation per
 * call.
 */
final class JmhRun {

	/**
	 * Enough for a fork to reach its compiled code: after two, a fork's first measured
	 * iteration of the bean once ran four times slower and allocated 14 % more than the
	 * next ones.
	 */
	private static final int WARM_UP_ITERATIONS = 6;

	private final Report report;

	private final int forks;

	private final int iterations;

	JmhRun(Report report, int forks, int iterations) {
		this.report = report;
		this.forks = forks;
		this.iterations = iterations;
	}

	/**
	 * Run the benchmarks.
	 * @param plainCpuMicros the process CPU per plain WebClient call measured over HTTP,
	 * to relate the router's own cost to
	 * @throws RunnerException when JMH fails
	 */
	void run(double plainCpuMicros) throws RunnerException {
		Collection<RunResult> results = new Runner(new OptionsBuilder().include(RouterBenchmarks.class.getName())
			.forks(this.forks)
			.warmupIterations(WARM_UP_ITERATIONS)
			.warmupTime(TimeValue.seconds(1))
			.measurementIterations(this.iterations)
			.measurementTime(TimeValue.seconds(1))
			.threads(1)
			.addProfiler(GCProfiler.class)
			.build()).run();
		Map<String, Result<?>> time = new HashMap<>();
		Map<String, Result<?>> alloc = new HashMap<>();
		for (RunResult result : results) {
			String name = result.getParams().getBenchmark().replaceAll(".*\\.", "");
			time.put(name, result.getPrimaryResult());
			result.getSecondaryResults().forEach((key, value) -> {
				if (key.endsWith("gc.alloc.rate.norm")) {
					alloc.put(name, value);
				}
			});
		}
		this.report.section("Router alone (JMH)", "JMH 1.37, " + this.forks + " forks x " + this.iterations
				+ " measurement iterations of 1 s after " + WARM_UP_ITERATIONS
				+ " x 1 s warm-up, 1 thread, `-prof gc`; providers answer"
				+ " in-process (`InMemoryProviderClient`). Score ± JMH's 99.9 % error. The `LlmRouter` bean comes"
				+ " from the application described above, whose `ProviderClientFactory` bean answers in-process,"
				+ " without observations (no tracer, the default) and with them; the bare"
				+ " `FailoverRouter` (no degradation, listeners or metrics) is shown for comparison; `direct`"
				+ " calls the provider without a router. A stream is " + MockProvider.STREAM_CHUNKS
				+ " text chunks and a final one, as the mock provider sends them, read to the end.");
		double direct = time.get("direct").getScore();
		double routed = time.get("routedBean").getScore();
		double skipped = time.get("openBreakerSkippedBean").getScore();
		double directAlloc = alloc.get("direct").getScore();
		double routedAlloc = alloc.get("routedBean").getScore();
		double skippedAlloc = alloc.get("openBreakerSkippedBean").getScore();
		double routerMicros = (routed - direct) / 1000;
		this.report.row("Time per routed call, `LlmRouter` bean (ns/op)", format(time.get("direct")),
				format(time.get("routedBean")), cpuShare(routed - direct, plainCpuMicros), "<= 10 % extra CPU",
				routerMicros / plainCpuMicros <= 0.10);
		this.report.row("Time per routed call, `LlmRouter` bean, `llm.observations.without-tracer=true` (ns/op)",
				format(time.get("direct")), format(time.get("routedBeanWithObservations")),
				cpuShare(time.get("routedBeanWithObservations").getScore() - direct, plainCpuMicros), "", null);
		this.report.row("Time per routed call, `LlmRouter` bean, `llm.routing.strategy=weighted` (ns/op)",
				format(time.get("direct")), format(time.get("routedBeanWeighted")),
				cpuShare(time.get("routedBeanWeighted").getScore() - direct, plainCpuMicros), "", null);
		this.report.row("Time per routed call, bare `FailoverRouter` (ns/op)", format(time.get("direct")),
				format(time.get("routed")), cpuShare(time.get("routed").getScore() - direct, plainCpuMicros), "", null);
		this.report.row("Allocation per routed call, `LlmRouter` bean (B/op)", format(alloc.get("direct")),
				format(alloc.get("routedBean")), String.format(Locale.ROOT, "+%.0f B", routedAlloc - directAlloc),
				"<= 2 KB extra", routedAlloc - directAlloc <= 2048);
		this.report.row("Allocation per routed call, `LlmRouter` bean, `llm.observations.without-tracer=true` (B/op)",
				format(alloc.get("direct")), format(alloc.get("routedBeanWithObservations")),
				String.format(Locale.ROOT, "+%.0f B", alloc.get("routedBeanWithObservations").getScore() - directAlloc),
				"", null);
		this.report.row("Allocation per routed call, `LlmRouter` bean, `llm.routing.strategy=weighted` (B/op)",
				format(alloc.get("direct")), format(alloc.get("routedBeanWeighted")),
				String.format(Locale.ROOT, "+%.0f B", alloc.get("routedBeanWeighted").getScore() - directAlloc), "",
				null);
		this.report.row("Allocation per routed call, bare `FailoverRouter` (B/op)", format(alloc.get("direct")),
				format(alloc.get("routed")),
				String.format(Locale.ROOT, "+%.0f B", alloc.get("routed").getScore() - directAlloc), "", null);
		this.report.row("Open breaker skipped, answer from the second provider, `LlmRouter` bean (ns/op)",
				format(time.get("routedBean")), format(time.get("openBreakerSkippedBean")), skip(routed, skipped),
				"skip < 5 µs", (skipped - routed) < 5000);
		this.report.row("Open breaker skipped, bare `FailoverRouter` (ns/op)", format(time.get("routed")),
				format(time.get("openBreakerSkipped")),
				skip(time.get("routed").getScore(), time.get("openBreakerSkipped").getScore()), "", null);
		this.report.row("Allocation with the skip, `LlmRouter` bean (B/op)", format(alloc.get("routedBean")),
				format(alloc.get("openBreakerSkippedBean")),
				String.format(Locale.ROOT, "+%.0f B for the skip", skippedAlloc - routedAlloc), "", null);
		int chunks = MockProvider.STREAM_CHUNKS + 1;
		double streamed = time.get("routedStreamBean").getScore() - time.get("directStream").getScore();
		this.report.row("Time per routed stream, `LlmRouter` bean (ns/op)", format(time.get("directStream")),
				format(time.get("routedStreamBean")),
				String.format(Locale.ROOT, "+%.0f ns = %.0f ns a chunk", streamed, streamed / chunks), "", null);
		double streamedAlloc = alloc.get("routedStreamBean").getScore() - alloc.get("directStream").getScore();
		this.report.row("Allocation per routed stream, `LlmRouter` bean (B/op)", format(alloc.get("directStream")),
				format(alloc.get("routedStreamBean")),
				String.format(Locale.ROOT, "+%.0f B = %.0f B a chunk", streamedAlloc, streamedAlloc / chunks), "",
				null);
	}

	private static String cpuShare(double addedNanos, double plainCpuMicros) {
		return String.format(Locale.ROOT, "+%.0f ns = %.1f %% of a plain HTTP call's %.1f µs CPU", addedNanos,
				100 * addedNanos / 1000 / plainCpuMicros, plainCpuMicros);
	}

	private static String skip(double routedNanos, double skippedNanos) {
		return String.format(Locale.ROOT, "+%.0f ns for the skip; whole call %.1f µs", skippedNanos - routedNanos,
				skippedNanos / 1000);
	}

	private static String format(Result<?> result) {
		return String.format(Locale.ROOT, "%.0f ± %.0f", result.getScore(), result.getScoreError());
	}

}
