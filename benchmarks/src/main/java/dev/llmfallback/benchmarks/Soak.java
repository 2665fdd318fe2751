package dev.llmfallback.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Steady load through the router (three chats to one stream, 64 at once) for a while,
 * printing the heap after GC at intervals, to show that memory does not grow.
 */
final class Soak {

	private Soak() {
	}

	static String run(Duration duration, Duration interval, Duration mockLatency) {
		try (HttpFixture fixture = new HttpFixture(mockLatency, MockProvider.Mode.OK, 1200)) {
			LatencyRuns.warmUp(fixture, 1);
			AtomicBoolean running = new AtomicBoolean(true);
			AtomicLong calls = new AtomicLong();
			AtomicLong failures = new AtomicLong();
			Disposable load = Flux.range(0, 64)
				.flatMap((worker) -> Mono.defer(() -> call(fixture, calls.incrementAndGet())).onErrorResume((ex) -> {
					failures.incrementAndGet();
					return Mono.empty();
				}).repeat(running::get), 64)
				.subscribe();
			StringBuilder table = new StringBuilder(
					"| Elapsed | Calls so far | Failed | Heap used after GC (MB) |\n|---|---|---|---|\n");
			List<Long> heaps = new ArrayList<>();
			long start = System.nanoTime();
			long end = start + duration.toNanos();
			while (System.nanoTime() < end) {
				Mono.delay(interval).block(interval.plusSeconds(5));
				long heap = Measure.heapAfterGc();
				heaps.add(heap);
				String row = String.format(Locale.ROOT, "| %s | %d | %d | %.1f |",
						Duration.ofNanos(System.nanoTime() - start).withNanos(0), calls.get(), failures.get(),
						heap / 1048576.0);
				System.out.println(row);
				table.append(row).append('\n');
			}
			running.set(false);
			Mono.delay(Duration.ofSeconds(2)).block(Duration.ofSeconds(5));
			load.dispose();
			long first = heaps.get(0);
			long last = heaps.get(heaps.size() - 1);
			long max = heaps.stream().mapToLong(Long::longValue).max().orElse(0);
			table.append(String.format(Locale.ROOT,
					"\nHeap after GC: first sample %.1f MB, last %.1f MB, highest %.1f MB; %d calls, %d failed.\n",
					first / 1048576.0, last / 1048576.0, max / 1048576.0, calls.get(), failures.get()));
			return table.toString();
		}
	}

	private static Mono<?> call(HttpFixture fixture, long n) {
		return (n % 4 == 0) ? fixture.routerStream().then() : fixture.routerChat().then();
	}

}
