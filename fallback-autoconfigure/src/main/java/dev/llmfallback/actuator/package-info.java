/**
 * What operators watch: metrics, the health contributor and the {@code llm} actuator
 * endpoint.
 */
package dev.llmfallback.actuator;
