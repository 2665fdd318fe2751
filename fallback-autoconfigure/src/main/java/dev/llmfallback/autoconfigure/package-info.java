/**
 * Configuration properties and auto-configuration of the LLM fallback starter.
 */
package dev.llmfallback.autoconfigure;
