package dev.llmfallback.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import one.profiler.AsyncProfiler;
import one.profiler.Counter;
import reactor.core.publisher.Mono;

import dev.llmfallback.benchmarks.Stats.Pair;
import dev.llmfallback.benchmarks.Stats.Spread;

/**
 * Where the added CPU goes, by library: closed loops at concurrency 512 against the mock,
 * plain and router rounds in ABBA order, each round's CPU sampled by async-profiler. A
 * sample counts for the mock server when its thread is the mock's, for the kernel when
 * the kernel is at work, and otherwise for the innermost frame's library that it knows,
 * so the JDK code a library calls counts for that library.
 */
final class ProfileRuns {

	private static final int CONCURRENCY = 512;

	private static final int PAIRS = 16;

	/** A sample every 200 µs of a thread's CPU: 5,000 a second of a busy core. */
	private static final long INTERVAL_MICROS = 200;

	private static final String MOCK = "the mock provider's threads (the same work for both sides)";

	private static final String KERNEL = "the Linux kernel (system calls, scheduling)";

	private static final String JDK = "the JDK, called from none of these";

	private static final String JVM = "the JVM (garbage collector, JIT compiler)";

	/**
	 * Libraries by the frame prefix that marks their code, the benchmark's before the
	 * router's, which contains it.
	 */
	private static final Map<String, String> LIBRARIES = libraries();

	private final Report report;

	private final double scale;

	ProfileRuns(Report report, double scale) {
		this.report = report;
		this.scale = scale;
	}

	void run(Duration mockLatency) {
		AsyncProfiler profiler = profiler();
		if (profiler == null) {
			return;
		}
		try (HttpFixture fixture = new HttpFixture(mockLatency, MockProvider.Mode.OK, 1200)) {
			Duration duration = Duration.ofMillis((long) (1500 * this.scale));
			Measure.WarmUp warmUp = Measure.untilCompiled(() -> {
				Measure.Throughput.of(fixture::plainChat, CONCURRENCY, duration);
				Measure.Throughput.of(fixture::routerChat, CONCURRENCY, duration);
			}, this.scale);
			System.out.println("Profiles at concurrency " + CONCURRENCY + ": " + warmUp);
			Side plain = new Side();
			Side router = new Side();
			List<Pair<Measure.Throughput>> pairs = Pair.abba(Math.max(2, (int) (PAIRS * this.scale)),
					() -> plain.round(profiler, fixture::plainChat, duration),
					() -> router.round(profiler, fixture::routerChat, duration));
			report(mockLatency, duration, pairs, plain, router);
		}
	}

	private void report(Duration mockLatency, Duration duration, List<Pair<Measure.Throughput>> pairs, Side plain,
			Side router) {
		this.report.section("Where the added CPU goes, by library", "Closed loops at concurrency " + CONCURRENCY
				+ " against the " + mockLatency.toMillis() + " ms mock, " + pairs.size() + " pairs of "
				+ duration.toMillis() / 1000.0
				+ " s rounds in ABBA order, each sampled by async-profiler (CPU time, every " + INTERVAL_MICROS
				+ " µs of a thread's CPU). Each side's process CPU per call is split in proportion to"
				+ " its samples: a sample counts for the mock server when its thread is the mock's, for the kernel"
				+ " when the kernel is at work, and otherwise for the library of the innermost frame that belongs to"
				+ " one, so that JDK code (collections, locks, reflection) counts for the library that called it."
				+ " The profiler's own work, in proportion to each thread's CPU, raises both sides' CPU per call"
				+ " alike. Informational, no target.", "Where", "Plain WebClient (µs per call)", "Router (µs per call)",
				"Router - plain (µs per call)");
		for (String where : rows()) {
			double plainMicros = plain.microsPerCall(where);
			double routerMicros = router.microsPerCall(where);
			this.report.cells(where, format(plainMicros), format(routerMicros), format(routerMicros - plainMicros));
		}
		Spread extra = Spread.of(pairs,
				(pair) -> 100 * (pair.router().cpuMicrosPerCall() / pair.plain().cpuMicrosPerCall() - 1));
		this.report.cells("Process CPU per call (all of the above)", format(plain.cpuMicrosPerCall()),
				format(router.cpuMicrosPerCall()), format(router.cpuMicrosPerCall() - plain.cpuMicrosPerCall())
						+ "; by pair " + extra.format("%+.1f") + " %");
	}

	private static List<String> rows() {
		List<String> rows = new ArrayList<>(LIBRARIES.values());
		rows.addAll(List.of(JDK, KERNEL, JVM, MOCK));
		return rows;
	}

	private static String format(double micros) {
		return String.format(Locale.ROOT, "%.2f", micros);
	}

	/**
	 * The profiler, or {@code null} when it cannot sample on this machine (the section is
	 * left out, with the reason on the console).
	 */
	private static AsyncProfiler profiler() {
		try {
			AsyncProfiler profiler = AsyncProfiler.getInstance();
			profiler.execute(start());
			profiler.execute("stop");
			return profiler;
		}
		catch (Exception | LinkageError ex) {
			System.out.println("No profile of the added CPU: async-profiler cannot sample here (" + ex + ")");
			return null;
		}
	}

	private static String start() {
		return "start,event=cpu,threads,interval=" + INTERVAL_MICROS * 1000;
	}

	/**
	 * Where a sample falls.
	 * @param stack the sample's frames, its thread first, as async-profiler collapses
	 * them
	 * @return the row it counts for
	 */
	private static String where(String stack) {
		String[] frames = stack.split(";");
		if (frames[0].startsWith("[mock-provider")) {
			return MOCK;
		}
		if (frames[frames.length - 1].endsWith("_[k]")) {
			return KERNEL;
		}
		boolean java = false;
		for (int i = frames.length - 1; i > 0; i--) {
			for (Map.Entry<String, String> library : LIBRARIES.entrySet()) {
				if (frames[i].startsWith(library.getKey())) {
					return library.getValue();
				}
			}
			java |= frames[i].indexOf('/') > 0;
		}
		return java ? JDK : JVM;
	}

	private static Map<String, String> libraries() {
		Map<String, String> libraries = new LinkedHashMap<>();
		libraries.put("dev/llmfallback/benchmarks/", "the benchmark's loops and plain client");
		libraries.put("dev/llmfallback/", "the router (`dev.llmfallback`)");
		libraries.put("io/github/resilience4j/", "Resilience4j");
		libraries.put("io/micrometer/", "Micrometer");
		libraries.put("com/fasterxml/jackson/", "Jackson");
		libraries.put("com/github/benmanes/caffeine/", "Caffeine");
		libraries.put("org/springframework/", "Spring (WebClient, codecs)");
		libraries.put("reactor/netty/", "Reactor Netty");
		libraries.put("reactor/core/", "Reactor");
		libraries.put("io/netty/", "Netty");
		return libraries;
	}

	/**
	 * One side's rounds: its samples by where they fall, its calls and CPU.
	 */
	private static final class Side {

		private final Map<String, Long> samples = new LinkedHashMap<>();

		private long totalSamples;

		private long calls;

		private double cpuMicros;

		Measure.Throughput round(AsyncProfiler profiler, Supplier<Mono<?>> call, Duration duration) {
			try {
				profiler.execute(start());
				Measure.Throughput round = Measure.Throughput.of(call, CONCURRENCY, duration);
				profiler.execute("stop");
				add(profiler.dumpCollapsed(Counter.SAMPLES));
				this.calls += round.calls();
				this.cpuMicros += round.cpuMicrosPerCall() * round.calls();
				return round;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private void add(String collapsed) {
			for (String line : collapsed.split("\n")) {
				int space = line.lastIndexOf(' ');
				if (space > 0) {
					long count = Long.parseLong(line.substring(space + 1));
					this.samples.merge(where(line.substring(0, space)), count, Long::sum);
					this.totalSamples += count;
				}
			}
		}

		double cpuMicrosPerCall() {
			return this.cpuMicros / this.calls;
		}

		double microsPerCall(String where) {
			return cpuMicrosPerCall() * this.samples.getOrDefault(where, 0L) / this.totalSamples;
		}

	}

}
