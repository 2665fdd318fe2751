package dev.llmfallback.sample.simulator;

/**
 * A fault a simulated provider plays until it is healed.
 *
 * @param status the HTTP error status to answer with, or 0 to hang without answering
 */
public record Fault(int status) {

	/** Accept the request and never answer. */
	public static final Fault HANG = new Fault(0);

	/**
	 * Whether the provider hangs.
	 * @return {@code true} when it never answers
	 */
	public boolean hangs() {
		return this.status == 0;
	}

}
