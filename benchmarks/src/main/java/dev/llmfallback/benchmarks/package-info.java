/**
 * Measures the router's overhead against a plain WebClient call on a local mock provider.
 */
package dev.llmfallback.benchmarks;
