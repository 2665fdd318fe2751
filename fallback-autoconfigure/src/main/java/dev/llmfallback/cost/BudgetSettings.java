package dev.llmfallback.cost;

import java.math.BigDecimal;
import java.util.Objects;

import dev.llmfallback.Tier;

/**
 * Spend limits and what the router does as they are approached.
 *
 * @param perMinute US dollars per minute, or {@code null} for no limit
 * @param perHour US dollars per hour, or {@code null} for no limit
 * @param perDay US dollars per day (UTC), or {@code null} for no limit
 * @param downgradeAt the share of a limit (0 to 1) from which only tiers up to
 * {@code downgradeTo} are used
 * @param downgradeTo the strongest tier used once a budget is nearly spent
 */
public record BudgetSettings(BigDecimal perMinute, BigDecimal perHour, BigDecimal perDay, double downgradeAt,
		Tier downgradeTo) {

	public BudgetSettings {
		Objects.requireNonNull(downgradeTo, "downgradeTo must not be null");
	}

	/**
	 * No budget.
	 * @return settings without limits
	 */
	public static BudgetSettings unlimited() {
		return new BudgetSettings(null, null, null, 0.8, Tier.BASIC);
	}

}
