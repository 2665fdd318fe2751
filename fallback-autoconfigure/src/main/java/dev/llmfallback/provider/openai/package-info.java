/**
 * The OpenAI Chat Completions wire format, spoken by OpenAI, Azure OpenAI and
 * OpenAI-compatible servers.
 */
package dev.llmfallback.provider.openai;
