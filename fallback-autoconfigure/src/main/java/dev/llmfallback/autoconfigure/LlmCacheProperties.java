package dev.llmfallback.autoconfigure;

import java.time.Duration;

import dev.llmfallback.degradation.DegradationSettings.CacheMode;

/**
 * The cache of answers.
 */
public class LlmCacheProperties {

	/**
	 * Whether successful answers are stored. Tool-call answers, cut answers and requests
	 * marked not cacheable are never stored.
	 */
	private boolean enabled = true;

	/**
	 * When the cache answers: fallback-only (when every provider failed) or always
	 * (before calling any provider).
	 */
	private CacheMode mode = CacheMode.FALLBACK_ONLY;

	/**
	 * How long an answer is kept.
	 */
	private Duration ttl = Duration.ofHours(1);

	/**
	 * Most answers kept in this process.
	 */
	private long maxSize = 10_000;

	/**
	 * Where answers are kept: memory (this process) or redis (shared by every instance,
	 * with this process as fallback).
	 */
	private LlmProperties.Store store = LlmProperties.Store.MEMORY;

	/**
	 * Prefix of the Redis keys of answers.
	 */
	private String keyPrefix = "llm:cache:";

	public LlmProperties.Store getStore() {
		return this.store;
	}

	public void setStore(LlmProperties.Store store) {
		this.store = store;
	}

	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public CacheMode getMode() {
		return this.mode;
	}

	public void setMode(CacheMode mode) {
		this.mode = mode;
	}

	public Duration getTtl() {
		return this.ttl;
	}

	public void setTtl(Duration ttl) {
		this.ttl = ttl;
	}

	public long getMaxSize() {
		return this.maxSize;
	}

	public void setMaxSize(long maxSize) {
		this.maxSize = maxSize;
	}

}
