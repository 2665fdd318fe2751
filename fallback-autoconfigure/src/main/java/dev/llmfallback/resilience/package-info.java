/**
 * Resilience4j decorators of each provider: circuit breaker, retry, time limiter and the
 * optional rate limiter and bulkhead, taken from the registries.
 */
package dev.llmfallback.resilience;
