package dev.llmfallback.autoconfigure;

import java.math.BigDecimal;

import dev.llmfallback.Tier;

/**
 * Spend limits, counted in this process or shared on Redis.
 */
public class LlmBudgetProperties {

	/**
	 * Where spend is counted: memory (this process) or redis (the whole fleet).
	 */
	private LlmProperties.Store store = LlmProperties.Store.MEMORY;

	/**
	 * Prefix of the Redis keys of spend counters.
	 */
	private String keyPrefix = "llm:budget:";

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

	/**
	 * Most US dollars spent per minute; no limit when not set.
	 */
	private BigDecimal perMinute;

	/**
	 * Most US dollars spent per hour; no limit when not set.
	 */
	private BigDecimal perHour;

	/**
	 * Most US dollars spent per day (UTC); no limit when not set.
	 */
	private BigDecimal perDay;

	/**
	 * Share of a limit (0 to 1) from which only tiers up to 'downgrade-to' are used; at
	 * the whole limit only cached and static answers are given.
	 */
	private double downgradeAt = 0.8;

	/**
	 * Strongest tier used once a budget is nearly spent.
	 */
	private Tier downgradeTo = Tier.BASIC;

	public BigDecimal getPerMinute() {
		return this.perMinute;
	}

	public void setPerMinute(BigDecimal perMinute) {
		this.perMinute = perMinute;
	}

	public BigDecimal getPerHour() {
		return this.perHour;
	}

	public void setPerHour(BigDecimal perHour) {
		this.perHour = perHour;
	}

	public BigDecimal getPerDay() {
		return this.perDay;
	}

	public void setPerDay(BigDecimal perDay) {
		this.perDay = perDay;
	}

	public double getDowngradeAt() {
		return this.downgradeAt;
	}

	public void setDowngradeAt(double downgradeAt) {
		this.downgradeAt = downgradeAt;
	}

	public Tier getDowngradeTo() {
		return this.downgradeTo;
	}

	public void setDowngradeTo(Tier downgradeTo) {
		this.downgradeTo = downgradeTo;
	}

}
