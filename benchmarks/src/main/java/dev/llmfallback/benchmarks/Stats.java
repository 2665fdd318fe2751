package dev.llmfallback.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Percentiles of one round and the median and spread of a figure over rounds.
 */
final class Stats {

	private Stats() {
	}

	/**
	 * Latency percentiles of one round, in microseconds.
	 *
	 * @param p50 the median
	 * @param p99 the 99th percentile
	 * @param p999 the 99.9th percentile
	 * @param samples the number of calls
	 */
	record Percentiles(double p50, double p99, double p999, int samples) {

		static Percentiles of(long[] nanos) {
			long[] sorted = nanos.clone();
			Arrays.sort(sorted);
			return new Percentiles(at(sorted, 0.50), at(sorted, 0.99), at(sorted, 0.999), sorted.length);
		}

		private static double at(long[] sorted, double quantile) {
			int index = Math.max(0, (int) Math.ceil(quantile * sorted.length) - 1);
			return sorted[index] / 1000.0;
		}

	}

	/**
	 * The median of a figure over rounds, with its smallest and largest value.
	 *
	 * @param median the median
	 * @param min the smallest round
	 * @param max the largest round
	 */
	record Spread(double median, double min, double max) {

		static <T> Spread of(List<T> rounds, ToDoubleFunction<T> figure) {
			double[] values = rounds.stream().mapToDouble(figure).sorted().toArray();
			int n = values.length;
			double median = (n % 2 == 1) ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
			return new Spread(median, values[0], values[n - 1]);
		}

		String format(String pattern) {
			return String.format(Locale.ROOT, pattern + " [" + pattern + " .. " + pattern + "]", this.median, this.min,
					this.max);
		}

		String median(String pattern) {
			return String.format(Locale.ROOT, pattern, this.median);
		}

	}

	/**
	 * A plain round and the router round next to it.
	 *
	 * @param <T> the figure measured
	 * @param plain the plain WebClient round
	 * @param router the router round
	 */
	record Pair<T>(T plain, T router) {

		/**
		 * Measure pairs of rounds in ABBA order (plain, router, router, plain, plain,
		 * router, ...), so that a slow drift of the machine weighs on both sides alike.
		 * @param <T> the figure measured
		 * @param rounds how many pairs
		 * @param plain measures a plain round
		 * @param router measures a router round
		 * @return each router round paired with the plain round next to it
		 */
		static <T> List<Pair<T>> abba(int rounds, Supplier<T> plain, Supplier<T> router) {
			List<Pair<T>> pairs = new ArrayList<>();
			for (int round = 0; round < rounds; round++) {
				if (round % 2 == 0) {
					T first = plain.get();
					pairs.add(new Pair<>(first, router.get()));
				}
				else {
					T first = router.get();
					pairs.add(new Pair<>(plain.get(), first));
				}
			}
			return pairs;
		}

	}

}
