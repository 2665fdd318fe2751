/**
 * Time limits armed on every call: a fused Reactor operator and the shared timeout timer
 * it runs on, used by the wire codecs (a whole answer's response timeout), the resilience
 * decorators (the time limiter) and the router (the request deadline).
 */
package dev.llmfallback.timeout;
