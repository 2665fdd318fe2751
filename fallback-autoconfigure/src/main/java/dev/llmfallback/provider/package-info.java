/**
 * Provider clients: the {@link dev.llmfallback.provider.ProviderClient} contract, the
 * shared HTTP plumbing and error classification, and one sub-package per wire format.
 */
package dev.llmfallback.provider;
