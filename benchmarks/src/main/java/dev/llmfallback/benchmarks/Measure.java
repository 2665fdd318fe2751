package dev.llmfallback.benchmarks;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Drives calls and times them: closed loops at a given concurrency, timed from
 * subscription to answer; process CPU and allocation over a run.
 */
final class Measure {

	/**
	 * Compilation time of a warm-up round after which the JIT counts as quiet.
	 */
	static final long QUIET_COMPILATION_MILLIS = 20;

	private static final Duration LIMIT = Duration.ofMinutes(3);

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private Measure() {
	}

	/**
	 * Time {@code n} calls, at most {@code concurrency} in flight.
	 * @param call a call
	 * @param n how many calls
	 * @param concurrency how many at once
	 * @return each call's time in nanoseconds
	 */
	static long[] latencies(Supplier<Mono<?>> call, int n, int concurrency) {
		List<Long> times = Flux.range(0, n).flatMap((i) -> Mono.defer(() -> {
			long start = System.nanoTime();
			return call.get().then(Mono.fromCallable(() -> System.nanoTime() - start));
		}), concurrency).collectList().block(LIMIT);
		return times.stream().mapToLong(Long::longValue).toArray();
	}

	/**
	 * Time {@code n} streams, at most {@code concurrency} open at once.
	 * @param stream a stream
	 * @param n how many streams
	 * @param concurrency how many at once
	 * @return per stream, the time to its first element and to its completion, in
	 * nanoseconds
	 */
	static long[][] streams(Supplier<Flux<?>> stream, int n, int concurrency) {
		List<long[]> times = Flux.range(0, n).flatMap((i) -> Mono.defer(() -> {
			long start = System.nanoTime();
			AtomicLong first = new AtomicLong();
			return stream.get()
				.doOnNext((element) -> first.compareAndSet(0, System.nanoTime() - start))
				.then(Mono.fromCallable(() -> new long[] { first.get(), System.nanoTime() - start }));
		}), concurrency).collectList().block(LIMIT);
		return times.toArray(long[][]::new);
	}

	/**
	 * Time {@code n} calls of each side one at a time, alternating (plain, router,
	 * router, plain, ...), so that the machine's drift weighs on both alike; each call is
	 * also timed without the mock's wait within it. Every call starts from this thread
	 * and it waits for the end, as a blocking caller does: a call started from the event
	 * loop that ended the one before would hop to its own connection's loop or not, by
	 * where the pools happened to place their connections.
	 * @param plain a plain call
	 * @param router a router call
	 * @param n how many calls of each
	 * @param mock the mock both sides call
	 * @return each side's times
	 */
	static Interleaved interleaved(Supplier<Flux<?>> plain, Supplier<Flux<?>> router, int n, MockProvider mock) {
		Interleaved times = new Interleaved(new Timings(n), new Timings(n));
		for (int i = 0; i < n; i++) {
			if (i % 2 == 0) {
				time(plain, mock, times.plain(), i);
				time(router, mock, times.router(), i);
			}
			else {
				time(router, mock, times.router(), i);
				time(plain, mock, times.plain(), i);
			}
		}
		return times;
	}

	private static void time(Supplier<Flux<?>> call, MockProvider mock, Timings timings, int i) {
		long waitedBefore = mock.waitedNanos();
		long start = System.nanoTime();
		AtomicLong first = new AtomicLong();
		AtomicLong firstWaited = new AtomicLong();
		call.get().doOnNext((element) -> {
			if (first.get() == 0) {
				first.set(System.nanoTime() - start);
				firstWaited.set(mock.waitedNanos() - waitedBefore);
			}
		}).blockLast(LIMIT);
		long end = System.nanoTime();
		long total = end - start;
		timings.untilRead[i] = mock.lastReadNanos() - start;
		timings.afterAnswer[i] = end - mock.lastAnsweredNanos();
		timings.first[i] = first.get();
		timings.firstOutside[i] = first.get() - firstWaited.get();
		timings.total[i] = total;
		timings.totalOutside[i] = total - (mock.waitedNanos() - waitedBefore);
	}

	/**
	 * Both sides' times of {@link #interleaved}.
	 *
	 * @param plain the plain calls
	 * @param router the router calls
	 */
	record Interleaved(Timings plain, Timings router) {

	}

	/**
	 * One side's calls, in nanoseconds: from subscription to the first element (a chat's
	 * answer, a stream's first chunk) and to completion, and each of these less the time
	 * the mock spent waiting out its latency in between; and the time outside the wait in
	 * its two parts, before and after it.
	 *
	 * @param first to the first element
	 * @param total to completion
	 * @param firstOutside to the first element, without the mock's wait
	 * @param totalOutside to completion, without the mock's wait
	 * @param untilRead from subscription until the mock has read the request
	 * @param afterAnswer from the mock starting its answer to completion
	 */
	record Timings(long[] first, long[] total, long[] firstOutside, long[] totalOutside, long[] untilRead,
			long[] afterAnswer) {

		Timings(int n) {
			this(new long[n], new long[n], new long[n], new long[n], new long[n], new long[n]);
		}

	}

	/**
	 * Calls per second, process CPU and allocation per call of closed loops running for a
	 * while.
	 *
	 * @param perSecond completed calls per second
	 * @param cpuMicrosPerCall process CPU time per call, in microseconds
	 * @param bytesPerCall bytes allocated per call by all threads of the process
	 * @param calls how many calls completed
	 */
	record Throughput(double perSecond, double cpuMicrosPerCall, double bytesPerCall, long calls) {

		static Throughput of(Supplier<Mono<?>> call, int concurrency, Duration duration) {
			Map<Long, Long> allocatedStart = allocatedBytes();
			long cpuStart = cpuNanos();
			long start = System.nanoTime();
			long end = start + duration.toNanos();
			Long calls = Flux.range(0, concurrency)
				.flatMap((worker) -> Mono.defer(() -> call.get().then(Mono.just(1)))
					.repeat(() -> System.nanoTime() < end)
					.count(), concurrency)
				.reduce(0L, Long::sum)
				.block(LIMIT);
			double seconds = (System.nanoTime() - start) / 1e9;
			long cpu = cpuNanos() - cpuStart;
			long allocated = allocatedSince(allocatedStart);
			return new Throughput(calls / seconds, cpu / 1000.0 / calls, (double) allocated / calls, calls);
		}

	}

	/**
	 * Bytes allocated so far by each live thread.
	 * @return bytes by thread id
	 */
	static Map<Long, Long> allocatedBytes() {
		long[] ids = THREADS.getAllThreadIds();
		long[] bytes = THREADS.getThreadAllocatedBytes(ids);
		Map<Long, Long> allocated = new HashMap<>();
		for (int i = 0; i < ids.length; i++) {
			if (bytes[i] >= 0) {
				allocated.put(ids[i], bytes[i]);
			}
		}
		return allocated;
	}

	/**
	 * Bytes allocated by all threads since a snapshot. Threads started since count in
	 * full; what threads that ended since allocated is missed (a small error: the client,
	 * router and server work on long-lived event loop and scheduler threads).
	 * @param start the snapshot of {@link #allocatedBytes()}
	 * @return bytes
	 */
	static long allocatedSince(Map<Long, Long> start) {
		long total = 0;
		for (Map.Entry<Long, Long> thread : allocatedBytes().entrySet()) {
			total += thread.getValue() - start.getOrDefault(thread.getKey(), 0L);
		}
		return total;
	}

	/**
	 * Repeat a warm-up round until the JIT compiler is quiet: a round of calls that
	 * compiled less than {@link #QUIET_COMPILATION_MILLIS} of code, or at most 20 rounds
	 * (fewer in a smoke run). Thousands of calls are not enough: the router's own methods
	 * run once per call and reach their optimised form later than the WebClient and Netty
	 * code both sides share. After a fixed warm-up of two rounds of 2,000 calls a side,
	 * hundreds of methods were still compiled during the first measured rounds.
	 * @param round one round of calls
	 * @param scale the scale of the run, which a smoke run sets below 1
	 * @return what each round compiled
	 */
	static WarmUp untilCompiled(Runnable round, double scale) {
		int maxRounds = (int) Math.max(2, 20 * scale);
		CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
		List<Long> compiled = new ArrayList<>();
		while (compiled.size() < maxRounds
				&& (compiled.isEmpty() || compiled.get(compiled.size() - 1) >= QUIET_COMPILATION_MILLIS)) {
			long before = compiler.getTotalCompilationTime();
			round.run();
			compiled.add(compiler.getTotalCompilationTime() - before);
		}
		return new WarmUp(compiled);
	}

	/**
	 * The rounds of a warm-up.
	 *
	 * @param compiledMillis how many milliseconds of code each round compiled
	 */
	record WarmUp(List<Long> compiledMillis) {

		int rounds() {
			return this.compiledMillis.size();
		}

		@Override
		public String toString() {
			return rounds() + " warm-up rounds, compiling " + this.compiledMillis + " ms of code";
		}

	}

	static long cpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	/**
	 * Used heap after full collections.
	 * @return bytes
	 */
	static long heapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 3; i++) {
			memory.gc();
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

}
