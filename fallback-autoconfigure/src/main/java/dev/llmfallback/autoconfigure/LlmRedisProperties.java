package dev.llmfallback.autoconfigure;

import java.time.Duration;

/**
 * State shared by several instances on Redis, through the application's Spring Data Redis
 * connection ({@code spring.data.redis.*}).
 */
public class LlmRedisProperties {

	/**
	 * Whether each provider's 'requests-per-minute' is a limit of the whole fleet,
	 * counted on Redis.
	 */
	private boolean rateLimits;

	/**
	 * Whether a breaker opening on one instance opens the same breaker on the others
	 * (when Redis is used at all).
	 */
	private boolean breakerHints = true;

	/**
	 * Longest wait for a Redis command before this process's state is used instead.
	 */
	private Duration commandTimeout = Duration.ofMillis(200);

	/**
	 * How often Redis is pinged, shared spend read and breaker hints polled.
	 */
	private Duration refreshInterval = Duration.ofSeconds(1);

	/**
	 * Prefix of the Redis keys of rate limits ('rate:') and breaker hints ('breaker:').
	 */
	private String keyPrefix = "llm:";

	/**
	 * This instance's id in breaker hints; a random one when not set.
	 */
	private String instanceId;

	public boolean isRateLimits() {
		return this.rateLimits;
	}

	public void setRateLimits(boolean rateLimits) {
		this.rateLimits = rateLimits;
	}

	public boolean isBreakerHints() {
		return this.breakerHints;
	}

	public void setBreakerHints(boolean breakerHints) {
		this.breakerHints = breakerHints;
	}

	public Duration getCommandTimeout() {
		return this.commandTimeout;
	}

	public void setCommandTimeout(Duration commandTimeout) {
		this.commandTimeout = commandTimeout;
	}

	public Duration getRefreshInterval() {
		return this.refreshInterval;
	}

	public void setRefreshInterval(Duration refreshInterval) {
		this.refreshInterval = refreshInterval;
	}

	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	public String getInstanceId() {
		return this.instanceId;
	}

	public void setInstanceId(String instanceId) {
		this.instanceId = instanceId;
	}

}
