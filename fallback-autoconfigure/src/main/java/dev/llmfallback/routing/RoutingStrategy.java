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
	LATENCY

}
