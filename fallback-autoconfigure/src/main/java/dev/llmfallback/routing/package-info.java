/**
 * Routing: which providers a request may try, in which order, and when to fall back.
 */
package dev.llmfallback.routing;
