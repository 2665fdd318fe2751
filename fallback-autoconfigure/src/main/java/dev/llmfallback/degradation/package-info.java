/**
 * Degradation below the providers: the response cache and the static message.
 */
package dev.llmfallback.degradation;
