package dev.llmfallback.autoconfigure;

import java.time.Duration;

/**
 * Timeouts of provider calls, each overridable per provider.
 */
public class LlmTimeoutsProperties {

	/**
	 * Timeout to open a connection.
	 */
	private Duration connect = Duration.ofSeconds(5);

	/**
	 * Timeout for a whole non-streaming answer and for a pause within a stream.
	 */
	private Duration response = Duration.ofSeconds(45);

	/**
	 * Timeout from sending a streaming request to its first event.
	 */
	private Duration firstToken = Duration.ofSeconds(20);

	/**
	 * Longest time a request may take across retries, backoff and fallbacks (for a
	 * stream: until its first chunk). A request can set a shorter one.
	 */
	private Duration deadline = Duration.ofSeconds(120);

	public Duration getDeadline() {
		return this.deadline;
	}

	public void setDeadline(Duration deadline) {
		this.deadline = deadline;
	}

	public Duration getConnect() {
		return this.connect;
	}

	public void setConnect(Duration connect) {
		this.connect = connect;
	}

	public Duration getResponse() {
		return this.response;
	}

	public void setResponse(Duration response) {
		this.response = response;
	}

	public Duration getFirstToken() {
		return this.firstToken;
	}

	public void setFirstToken(Duration firstToken) {
		this.firstToken = firstToken;
	}

}
