package dev.llmfallback;

/**
 * The level that produced an answer, from the strongest models down to a static message.
 */
public enum DegradationLevel {

	/** A model of tier {@link Tier#FULL}. */
	FULL,

	/** A model of tier {@link Tier#REDUCED}. */
	REDUCED,

	/** A model of tier {@link Tier#BASIC}. */
	BASIC,

	/** An answer given before to the same request, without calling a model. */
	CACHED,

	/** The configured static message. */
	STATIC;

	/**
	 * Whether this level is below {@link #FULL}.
	 * @return {@code true} for every level but {@link #FULL}
	 */
	public boolean isDegraded() {
		return this != FULL;
	}

}
