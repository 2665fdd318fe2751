package dev.llmfallback.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Drives calls and times them: closed loops at a given concurrency, timed from
 * subscription to answer.
 */
final class Measure {

	private static final Duration LIMIT = Duration.ofMinutes(3);

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
	 * Calls per second and process CPU per call of closed loops running for a while.
	 *
	 * @param perSecond completed calls per second
	 * @param cpuMicrosPerCall process CPU time per call, in microseconds
	 */
	record Throughput(double perSecond, double cpuMicrosPerCall) {

		static Throughput of(Supplier<Mono<?>> call, int concurrency, Duration duration) {
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
			return new Throughput(calls / seconds, (cpuNanos() - cpuStart) / 1000.0 / calls);
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
