/**
 * Time limits armed on every call: fused Reactor operators and the shared timeout timer
 * they run on, used by the wire codecs (a whole answer's response timeout, a stream's
 * first token), the resilience decorators (the time limiter) and the router (the request
 * deadline).
 */
package dev.llmfallback.timeout;
