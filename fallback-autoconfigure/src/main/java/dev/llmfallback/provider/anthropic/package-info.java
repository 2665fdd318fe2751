/**
 * The Anthropic Messages wire format: {@code POST /v1/messages}, its server-sent events
 * and its error bodies.
 */
package dev.llmfallback.provider.anthropic;
