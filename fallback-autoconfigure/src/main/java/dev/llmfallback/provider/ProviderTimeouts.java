package dev.llmfallback.provider;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a provider call may take.
 *
 * @param connect to open a connection
 * @param response for a whole non-streaming answer, and the longest pause between two
 * events of a stream
 * @param firstToken from sending a streaming request to its first event
 */
public record ProviderTimeouts(Duration connect, Duration response, Duration firstToken) {

	public ProviderTimeouts {
		Objects.requireNonNull(connect, "connect timeout must not be null");
		Objects.requireNonNull(response, "response timeout must not be null");
		Objects.requireNonNull(firstToken, "first-token timeout must not be null");
	}

}
