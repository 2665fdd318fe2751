package dev.llmfallback.routing;

import java.time.Duration;
import java.util.Objects;

/**
 * How the router walks providers.
 *
 * @param fallbackPolicy which failures move a request to the next provider
 * @param deadline the default longest time of a request (for a stream: until its first
 * chunk)
 * @param maxAttempts the most provider calls one request may make, or {@code null} for no
 * cap
 * @param hedging when to start the next provider while one is still answering
 * @param resumeStreams whether a stream cut after its first chunk is continued by the
 * next provider
 */
public record RoutingSettings(FallbackPolicy fallbackPolicy, Duration deadline, Integer maxAttempts, Hedging hedging,
		boolean resumeStreams) {

	public RoutingSettings {
		Objects.requireNonNull(fallbackPolicy, "fallbackPolicy must not be null");
		Objects.requireNonNull(deadline, "deadline must not be null");
		Objects.requireNonNull(hedging, "hedging must not be null");
	}

	/**
	 * Settings without hedging or stream resumption.
	 * @param fallbackPolicy which failures move a request to the next provider
	 * @param deadline the default longest time of a request
	 * @param maxAttempts the most provider calls one request may make, or {@code null}
	 */
	public RoutingSettings(FallbackPolicy fallbackPolicy, Duration deadline, Integer maxAttempts) {
		this(fallbackPolicy, deadline, maxAttempts, Hedging.OFF, false);
	}

	/**
	 * When a request also starts the next provider while the current one has not answered
	 * yet: the first answer (for a stream, the first chunk) wins and the other call is
	 * cancelled.
	 *
	 * @param enabled whether to hedge at all
	 * @param delay how long to wait for the current provider, and the fallback when the
	 * percentile has too few samples
	 * @param percentile when set (0 to 1), wait for this percentile of the provider's
	 * recent answer (or first-chunk) times instead
	 */
	public record Hedging(boolean enabled, Duration delay, Double percentile) {

		/** No hedging. */
		public static final Hedging OFF = new Hedging(false, Duration.ofSeconds(2), null);

	}

}
