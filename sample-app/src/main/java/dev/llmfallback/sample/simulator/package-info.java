/**
 * A simulator of the OpenAI, Anthropic and Gemini APIs on loopback, with switchable
 * faults.
 */
package dev.llmfallback.sample.simulator;
