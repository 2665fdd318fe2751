package dev.llmfallback.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Runs every measurement in one JVM and writes {@code benchmarks/RESULTS.md}; with
 * {@code -Dsoak.duration=PT2M} runs the soak instead and writes its section into the same
 * file.
 */
public final class BenchmarkMain {

	private static final String SOAK_HEADING = "## Soak";

	private BenchmarkMain() {
	}

	/**
	 * Run the benchmarks.
	 * @param args none
	 * @throws Exception when a measurement fails
	 */
	public static void main(String[] args) throws Exception {
		Path results = Path.of(System.getProperty("results.file",
				Files.isDirectory(Path.of("benchmarks")) ? "benchmarks/RESULTS.md" : "RESULTS.md"));
		Duration latency = Duration.parse(System.getProperty("mock.latency", "PT0.02S"));
		String soak = System.getProperty("soak.duration");
		if (soak != null) {
			Duration duration = Duration.parse(soak);
			Duration interval = Duration.parse(System.getProperty("soak.interval", "PT10S"));
			String table = Soak.run(duration, interval, latency);
			String section = SOAK_HEADING + "\n\n" + machine() + "Command: `"
					+ System.getProperty("bench.command",
							"java -Dsoak.duration=" + soak + " -jar benchmarks/target/benchmarks.jar")
					+ "`\n\n" + "Router only, " + latency.toMillis()
					+ " ms mock, 64 callers in closed loops, three chats to one" + " stream; heap sampled every "
					+ interval.toSeconds() + " s after `System.gc()`.\n\n" + table;
			String existing = Files.exists(results) ? Files.readString(results) : "";
			int at = existing.indexOf(SOAK_HEADING);
			Files.writeString(results, ((at >= 0) ? existing.substring(0, at) : existing) + section);
			System.out.println("Soak written to " + results.toAbsolutePath());
			System.exit(0);
		}
		int rounds = Integer.getInteger("bench.rounds", 7);
		double scale = Double.parseDouble(System.getProperty("bench.scale", "1"));
		long start = System.nanoTime();
		Report report = new Report();
		LatencyRuns latencyRuns = new LatencyRuns(report, rounds, scale);
		progress(start, "latency");
		latencyRuns.latency(latency);
		latencyRuns.backToBack();
		report.section("Throughput", String.format(Locale.ROOT,
				"Closed loops for %.1f s per round, %d pairs of plain and router rounds in ABBA order (%d times"
						+ " as many pairs as the latency's, each shorter: a round's CPU per call moves by 10 to 50 %%"
						+ " here, and the median of seven pairs moved across the CPU targets from run to run),",
				LatencyRuns.THROUGHPUT_ROUND_SECONDS * scale, latencyRuns.throughputPairs(),
				LatencyRuns.THROUGHPUT_PAIRS_PER_LATENCY_ROUND)
				+ " after the chats' warm-up and then warm-up"
				+ String.format(Locale.ROOT, " rounds of closed loops (%.1f s a side) until a round compiles under ",
						scale)
				+ Measure.QUIET_COMPILATION_MILLIS + " ms of code: the JIT compiler's threads share the two"
				+ " cores, and their work during a round would count as that side's CPU. With the 20 ms mock the"
				+ " rate is bound by its latency while the plain side leaves the cores idle part of the time"
				+ " (concurrency 64 and 128), and by the 2 cores at concurrency 512, where the router's extra CPU"
				+ " per call lowers the rate in proportion; the instant mock is bound by CPU at any concurrency."
				+ " CPU is the whole process's (client, router and the mock server, which serves both sides alike)"
				+ " divided by calls; allocation likewise, the"
				+ " sum of `ThreadMXBean.getThreadAllocatedBytes` over live threads before and after a round"
				+ " (threads that end during a round are missed, a small error).");
		progress(start, "throughput");
		latencyRuns.throughput(latency, 64, 0.99, false);
		latencyRuns.throughput(latency, 128, 0.99, false);
		double plainCpu = latencyRuns.throughput(latency, 512, null, true);
		latencyRuns.throughput(Duration.ZERO, 64, 0.90, true);
		progress(start, "layers");
		new LayerRuns(report, scale).run(latency);
		new ProfileRuns(report, scale).run(latency);
		progress(start, "failover");
		new FailoverRuns(report, rounds, scale).run(latency);
		progress(start, "streaming");
		StreamingRuns streaming = new StreamingRuns(report, rounds, scale);
		streaming.timeToFirstToken(latency);
		streaming.heapPerOpenStream(latency);
		progress(start, "JMH");
		new JmhRun(report, Integer.getInteger("jmh.forks", 2), Integer.getInteger("jmh.iterations", 3)).run(plainCpu);
		long minutes = Duration.ofNanos(System.nanoTime() - start).toSeconds();
		StringBuilder md = new StringBuilder("# Benchmark results\n\n");
		md.append(machine())
			.append("Command: `")
			.append(System.getProperty("bench.command",
					"mvn -Pbenchmarks -pl benchmarks -am package -DskipTests && java -jar benchmarks/target/benchmarks.jar"))
			.append("`\n\n")
			.append(String.format(Locale.ROOT,
					"Whole run: %d s. Rounds: %d (%d shorter pairs for throughput, CPU and allocation over HTTP),"
							+ " in ABBA order (plain, router, router, plain, ...) after a warm-up, each router round"
							+ " paired with the plain round next to it; figures are medians over rounds with"
							+ " [min .. max] of the rounds.%n",
					minutes, rounds, latencyRuns.throughputPairs()))
			.append("The router is the `LlmRouter` bean an application injects: a non-web Spring Boot application"
					+ " with the starter and every auto-configuration on its class path, as `@SpringBootApplication`"
					+ " has them (`DegradingRouter` around the `FailoverRouter`, the `LlmMetrics` listener, Boot's"
					+ " meter registry and `ObservationRegistry`, which observes the plain and the router's HTTP calls"
					+ " as `http.client.requests` (the router's own `llm.request` and `llm.attempt` observations"
					+ " are made only with a tracer, and there is none), and Resilience4j's own auto-configuration"
					+ " with its"
					+ " event buffers), providers and fallback settings set by `llm.*` properties. The plain"
					+ " WebClient comes from the same application's `WebClient.Builder`, observed as"
					+ " `http.client.requests` like the router's. The mock runs on two event loops of its own,"
					+ " apart from the clients', and times its latency on its connection's loop, apart from the"
					+ " scheduler the router arms its timers on.\n")
			.append("Client, router and mock provider share this JVM and its 2 cores, so every figure includes"
					+ " their contention; the plain WebClient side pays it too.\n\n## Overhead\n")
			.append(report.tables())
			.append("\n## Targets missed\n\n");
		if (report.misses().isEmpty()) {
			md.append("None.\n");
		}
		report.misses().forEach((miss) -> md.append("- ").append(miss).append('\n'));
		md.append("\n<!-- analysis -->\n\n");
		String existing = Files.exists(results) ? Files.readString(results) : "";
		int at = existing.indexOf(SOAK_HEADING);
		Files.writeString(results, md + ((at >= 0) ? existing.substring(at) : ""));
		System.out.println("Results written to " + results.toAbsolutePath());
		System.exit(0);
	}

	private static void progress(long start, String step) {
		System.out.printf(Locale.ROOT, "%n[%d s] %s%n", Duration.ofNanos(System.nanoTime() - start).toSeconds(), step);
	}

	private static String machine() throws IOException {
		var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		return String.format(Locale.ROOT,
				"Machine: %d CPUs (`nproc`), %.1f GB memory, %s %s (%s), max heap %d MB, %s %s. Date: %s.%n%n",
				Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize() / 1e9,
				System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
				System.getProperty("java.vm.vendor"), Runtime.getRuntime().maxMemory() / 1048576,
				System.getProperty("os.name"), System.getProperty("os.version"),
				OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS));
	}

}
