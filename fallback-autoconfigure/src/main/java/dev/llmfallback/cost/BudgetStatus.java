package dev.llmfallback.cost;

import java.math.BigDecimal;
import java.util.List;

import dev.llmfallback.Tier;

/**
 * Where spend stands against the budgets, and what the router may use now.
 *
 * @param decision what the budgets allow
 * @param strongestTier the strongest tier that may answer, or {@code null} when no model
 * may
 * @param windows spend in each limited window
 */
public record BudgetStatus(Decision decision, Tier strongestTier, List<Window> windows) {

	public BudgetStatus {
		windows = List.copyOf(windows);
	}

	/**
	 * Whether a model of a tier may answer now.
	 * @param tier the tier
	 * @return {@code false} when the budgets exclude it
	 */
	public boolean allows(Tier tier) {
		return this.strongestTier != null && this.strongestTier.ordinal() <= tier.ordinal();
	}

	/**
	 * What the budgets allow.
	 */
	public enum Decision {

		/** Every tier. */
		NORMAL,

		/** Only tiers up to the configured one: a budget is nearly spent. */
		DOWNGRADED,

		/** No model: a budget is spent; only cached and static answers. */
		EXHAUSTED

	}

	/**
	 * Spend in one budget window.
	 *
	 * @param name {@code minute}, {@code hour} or {@code day}
	 * @param limit the limit in US dollars
	 * @param spent the spend so far in the current window
	 */
	public record Window(String name, BigDecimal limit, BigDecimal spent) {

	}

}
