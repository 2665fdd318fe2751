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
 */
public record RoutingSettings(FallbackPolicy fallbackPolicy, Duration deadline, Integer maxAttempts) {

	public RoutingSettings {
		Objects.requireNonNull(fallbackPolicy, "fallbackPolicy must not be null");
		Objects.requireNonNull(deadline, "deadline must not be null");
	}

}
