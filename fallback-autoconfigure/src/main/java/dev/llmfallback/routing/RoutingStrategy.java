package dev.llmfallback.routing;

/**
 * The order of providers within one tier.
 */
public enum RoutingStrategy {

	/** By configured priority. */
	PRIORITY,

	/** Cheapest first for the request's estimated tokens; unknown prices last. */
	COST,

	/** Lowest recent latency first; providers not measured yet first, to measure them. */
	LATENCY,

	/**
	 * A random order for each request, drawn in proportion to the providers' weights:
	 * each is first in its share of the requests, and the others follow in a draw of
	 * their own. Providers of weight 0 come last, by priority.
	 */
	WEIGHTED,

	/**
	 * Fewest calls in flight from this instance first; providers with as many keep their
	 * priority order.
	 */
	LEAST_BUSY

}
