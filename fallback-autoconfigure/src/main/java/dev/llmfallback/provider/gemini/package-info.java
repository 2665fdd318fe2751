/**
 * The Google Gemini {@code generateContent} wire format: request and response DTOs, the
 * stream decoder and the {@code google.rpc.Status} error classification.
 */
package dev.llmfallback.provider.gemini;
