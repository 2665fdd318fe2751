package dev.llmfallback;

/**
 * Capability tier of a provider's model, and the lowest tier a request accepts.
 */
public enum Tier {

	/** The strongest models. */
	FULL,

	/** Mid-sized models. */
	REDUCED,

	/** Small, cheap models. */
	BASIC;

	/**
	 * The degradation level at which a model of this tier answers.
	 * @return the level
	 */
	public DegradationLevel level() {
		return switch (this) {
			case FULL -> DegradationLevel.FULL;
			case REDUCED -> DegradationLevel.REDUCED;
			case BASIC -> DegradationLevel.BASIC;
		};
	}

	/**
	 * Whether a model of this tier may answer a request whose lowest accepted tier is the
	 * given one.
	 * @param minimum the lowest tier the request accepts
	 * @return {@code true} when this tier is at least as strong as {@code minimum}
	 */
	public boolean satisfies(Tier minimum) {
		return ordinal() <= minimum.ordinal();
	}

}
