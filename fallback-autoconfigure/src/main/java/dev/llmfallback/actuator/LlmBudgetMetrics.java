package dev.llmfallback.actuator;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.llmfallback.cost.BudgetStatus;
import dev.llmfallback.cost.BudgetTracker;

/**
 * Gauges of the spend budgets: spend per window ({@code llm.budget.spend}) and the
 * decision ({@code llm.budget.state}: 0 normal, 1 downgraded, 2 exhausted).
 */
public class LlmBudgetMetrics implements MeterBinder {

	private final BudgetTracker budget;

	/**
	 * Create the gauges.
	 * @param budget the budgets
	 */
	public LlmBudgetMetrics(BudgetTracker budget) {
		this.budget = budget;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("llm.budget.state", this.budget, (tracker) -> tracker.status().decision().ordinal())
			.description("Budget decision: 0 normal, 1 downgraded, 2 exhausted")
			.register(registry);
		for (BudgetStatus.Window window : this.budget.status().windows()) {
			Gauge.builder("llm.budget.spend", this.budget, (tracker) -> spent(tracker, window.name()))
				.description("Spend in the current budget window")
				.baseUnit("usd")
				.tag("window", window.name())
				.register(registry);
			Gauge.builder("llm.budget.limit", window, (limit) -> limit.limit().doubleValue())
				.description("Budget limit of the window")
				.baseUnit("usd")
				.tag("window", window.name())
				.register(registry);
		}
	}

	private static double spent(BudgetTracker tracker, String name) {
		return tracker.status()
			.windows()
			.stream()
			.filter((window) -> window.name().equals(name))
			.mapToDouble((window) -> window.spent().doubleValue())
			.findFirst()
			.orElse(0);
	}

}
