/**
 * An OpenAI-compatible HTTP endpoint that serves the {@link dev.llmfallback.LlmRouter} to
 * programs that speak OpenAI's Chat Completions API.
 */
package dev.llmfallback.gateway;
