package dev.llmfallback.routing;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Recent answer times of each provider (time to the whole answer, or to a stream's first
 * chunk), kept in a small ring per provider, for hedging delays, and as an exponentially
 * weighted average, for latency-ordered routing.
 */
public class LatencyTracker {

	private static final int SAMPLES = 128;

	private static final int MIN_SAMPLES = 20;

	private static final double EWMA_WEIGHT = 0.2;

	private final Map<String, Ring> rings = new ConcurrentHashMap<>();

	/**
	 * Record a successful answer.
	 * @param provider the provider's name
	 * @param latency how long it took
	 */
	public void record(String provider, Duration latency) {
		record(provider, latency.toNanos());
	}

	/**
	 * Record an answer time in nanoseconds, as the router does on every answer.
	 * @param provider the provider's name
	 * @param nanos the time from the call's start to its answer (a stream's first chunk)
	 */
	public void record(String provider, long nanos) {
		this.rings.computeIfAbsent(provider, (name) -> new Ring()).add(nanos);
	}

	/**
	 * A percentile of a provider's recent answer times.
	 * @param provider the provider's name
	 * @param percentile from 0 to 1
	 * @return the time, or empty while there are too few samples
	 */
	public Optional<Duration> percentile(String provider, double percentile) {
		Ring ring = this.rings.get(provider);
		return (ring != null) ? ring.percentile(percentile).map(Duration::ofNanos) : Optional.empty();
	}

	/**
	 * The exponentially weighted average of a provider's answer times, recent ones
	 * weighing most.
	 * @param provider the provider's name
	 * @return the average, or empty before the first answer
	 */
	public Optional<Duration> average(String provider) {
		Ring ring = this.rings.get(provider);
		return (ring != null) ? ring.average().map(Duration::ofNanos) : Optional.empty();
	}

	private static final class Ring {

		private double average = -1;

		private final ReentrantLock lock = new ReentrantLock();

		private final long[] values = new long[SAMPLES];

		private int count;

		private int next;

		/**
		 * Keep a sample, unless another thread is keeping one right now: answers arrive
		 * on every event loop at once, and a sample less does not move a percentile or an
		 * average, where waiting for the lock would slow every answer.
		 */
		void add(long value) {
			if (!this.lock.tryLock()) {
				return;
			}
			try {
				this.values[this.next] = value;
				this.next = (this.next + 1) % SAMPLES;
				this.count = Math.min(this.count + 1, SAMPLES);
				this.average = (this.average < 0) ? value : EWMA_WEIGHT * value + (1 - EWMA_WEIGHT) * this.average;
			}
			finally {
				this.lock.unlock();
			}
		}

		Optional<Long> average() {
			this.lock.lock();
			try {
				return (this.average < 0) ? Optional.empty() : Optional.of((long) this.average);
			}
			finally {
				this.lock.unlock();
			}
		}

		Optional<Long> percentile(double percentile) {
			long[] sorted;
			this.lock.lock();
			try {
				if (this.count < MIN_SAMPLES) {
					return Optional.empty();
				}
				sorted = Arrays.copyOf(this.values, this.count);
			}
			finally {
				this.lock.unlock();
			}
			Arrays.sort(sorted);
			int index = (int) Math.min(sorted.length - 1, Math.ceil(percentile * sorted.length) - 1);
			return Optional.of(sorted[Math.max(0, index)]);
		}

	}

}
