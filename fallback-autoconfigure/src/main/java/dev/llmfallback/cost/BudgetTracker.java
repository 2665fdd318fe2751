package dev.llmfallback.cost;

import java.math.BigDecimal;

/**
 * Counts spend against the budgets. The default keeps counts in process; declare a bean
 * of this type to share them (for example across instances).
 */
public interface BudgetTracker {

	/**
	 * Add the cost of an answer.
	 * @param cost US dollars
	 */
	void record(BigDecimal cost);

	/**
	 * Where spend stands now.
	 * @return the status
	 */
	BudgetStatus status();

}
