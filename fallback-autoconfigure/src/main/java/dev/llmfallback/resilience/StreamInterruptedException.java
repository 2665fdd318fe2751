package dev.llmfallback.resilience;

import dev.llmfallback.LlmException;

/**
 * A provider's failure after its stream delivered a first chunk: it counts against the
 * breaker but is never retried, since retrying would repeat text the caller already has.
 */
public class StreamInterruptedException extends RuntimeException {

	/**
	 * Wrap a failure that ended a stream part way.
	 * @param cause the failure
	 */
	public StreamInterruptedException(LlmException cause) {
		super(cause.getMessage(), cause, false, false);
	}

	@Override
	public synchronized LlmException getCause() {
		return (LlmException) super.getCause();
	}

}
