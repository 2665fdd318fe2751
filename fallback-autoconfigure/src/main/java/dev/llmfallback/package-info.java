/**
 * The public API: {@link dev.llmfallback.LlmRouter}, requests, responses and the error
 * taxonomy.
 */
package dev.llmfallback;
