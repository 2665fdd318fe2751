package dev.llmfallback.cost;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.llmfallback.Tier;

/**
 * Budgets counted in this process, in fixed UTC windows of a minute, an hour and a day.
 */
public class InMemoryBudgetTracker implements BudgetTracker {

	private final BudgetSettings settings;

	private final Clock clock;

	private final List<Counter> counters = new ArrayList<>();

	private final BudgetStatus unlimited = new BudgetStatus(BudgetStatus.Decision.NORMAL, Tier.FULL, List.of());

	/**
	 * Create a tracker.
	 * @param settings the limits
	 * @param clock the clock that starts new windows
	 */
	public InMemoryBudgetTracker(BudgetSettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
		add("minute", settings.perMinute(), ChronoUnit.MINUTES);
		add("hour", settings.perHour(), ChronoUnit.HOURS);
		add("day", settings.perDay(), ChronoUnit.DAYS);
	}

	private void add(String name, BigDecimal limit, ChronoUnit unit) {
		if (limit != null) {
			this.counters.add(new Counter(name, limit, unit));
		}
	}

	@Override
	public void record(BigDecimal cost) {
		if (cost != null && cost.signum() > 0) {
			long now = this.clock.millis();
			for (Counter counter : this.counters) {
				counter.add(now, cost);
			}
		}
	}

	@Override
	public BudgetStatus status() {
		if (this.counters.isEmpty()) {
			return this.unlimited;
		}
		long now = this.clock.millis();
		List<BudgetStatus.Window> windows = new ArrayList<>();
		double highest = 0;
		for (Counter counter : this.counters) {
			BigDecimal spent = counter.spent(now);
			windows.add(new BudgetStatus.Window(counter.name, counter.limit, spent));
			if (counter.limit.signum() > 0) {
				highest = Math.max(highest, spent.doubleValue() / counter.limit.doubleValue());
			}
			else {
				highest = Math.max(highest, 1);
			}
		}
		return decide(highest, windows);
	}

	/**
	 * The decision for the most-spent budget window.
	 * @param share spend divided by limit in the most-spent window
	 * @param windows every window
	 * @return the status
	 */
	protected BudgetStatus decide(double share, List<BudgetStatus.Window> windows) {
		if (share >= 1) {
			return new BudgetStatus(BudgetStatus.Decision.EXHAUSTED, null, windows);
		}
		if (share >= this.settings.downgradeAt()) {
			return new BudgetStatus(BudgetStatus.Decision.DOWNGRADED, this.settings.downgradeTo(), windows);
		}
		return new BudgetStatus(BudgetStatus.Decision.NORMAL, Tier.FULL, windows);
	}

	private static final class Counter {

		private final String name;

		private final BigDecimal limit;

		private final long windowMillis;

		private final AtomicReference<Spend> spend = new AtomicReference<>(new Spend(0, BigDecimal.ZERO));

		Counter(String name, BigDecimal limit, ChronoUnit unit) {
			this.name = name;
			this.limit = limit;
			this.windowMillis = unit.getDuration().toMillis();
		}

		void add(long now, BigDecimal cost) {
			long window = now / this.windowMillis;
			this.spend.updateAndGet((current) -> (current.window == window)
					? new Spend(window, current.amount.add(cost)) : new Spend(window, cost));
		}

		BigDecimal spent(long now) {
			Spend current = this.spend.get();
			return (current.window == now / this.windowMillis) ? current.amount : BigDecimal.ZERO;
		}

	}

	private record Spend(long window, BigDecimal amount) {

	}

}
