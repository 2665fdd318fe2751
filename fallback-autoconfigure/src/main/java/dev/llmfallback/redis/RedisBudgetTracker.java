package dev.llmfallback.redis;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.llmfallback.Tier;
import dev.llmfallback.cost.BudgetSettings;
import dev.llmfallback.cost.BudgetStatus;
import dev.llmfallback.cost.BudgetTracker;

/**
 * Budgets shared by every instance on Redis: spend is added atomically (INCRBYFLOAT on
 * one expiring key per window), so the fleet as a whole respects the limits.
 * {@link #status()} stays synchronous and cheap: it reads a local view, to which this
 * process's spend is added at once and the fleet's total after each record and each tick.
 * While Redis is unreachable the view goes on counting this process's spend, which is
 * sent when Redis returns.
 */
public class RedisBudgetTracker implements BudgetTracker {

	private final BudgetSettings settings;

	private final RedisAvailability redis;

	private final Clock clock;

	private final List<SharedSpendWindow> windows = new ArrayList<>();

	/**
	 * Create a tracker; it catches up on each of the guard's ticks.
	 * @param settings the limits
	 * @param redis the guarded Redis
	 * @param keyPrefix the prefix of every key
	 * @param clock the clock that starts new windows
	 */
	public RedisBudgetTracker(BudgetSettings settings, RedisAvailability redis, String keyPrefix, Clock clock) {
		this.settings = settings;
		this.redis = redis;
		this.clock = clock;
		add("minute", settings.perMinute(), Duration.ofMinutes(1), keyPrefix);
		add("hour", settings.perHour(), Duration.ofHours(1), keyPrefix);
		add("day", settings.perDay(), Duration.ofDays(1), keyPrefix);
		redis.onTick(this::synchronize);
	}

	private void add(String name, BigDecimal limit, Duration length, String keyPrefix) {
		if (limit != null) {
			this.windows.add(new SharedSpendWindow(name, limit, length, keyPrefix));
		}
	}

	@Override
	public void record(BigDecimal cost) {
		if (cost != null && cost.signum() > 0 && !this.windows.isEmpty()) {
			long now = this.clock.millis();
			this.windows.forEach((window) -> window.add(now, cost));
			Flux.fromIterable(this.windows).flatMap((window) -> window.flush(this.redis, now)).subscribe();
		}
	}

	/**
	 * Send unsent spend and read the fleet's totals.
	 * @return completion; never an error
	 */
	public Mono<Void> synchronize() {
		long now = this.clock.millis();
		return Flux.fromIterable(this.windows)
			.concatMap((window) -> window.flush(this.redis, now).then(window.refresh(this.redis, now)))
			.then();
	}

	@Override
	public BudgetStatus status() {
		long now = this.clock.millis();
		List<BudgetStatus.Window> statuses = new ArrayList<>();
		double highest = 0;
		for (SharedSpendWindow window : this.windows) {
			BigDecimal spent = window.spent(now);
			statuses.add(new BudgetStatus.Window(window.name(), window.limit(), spent));
			highest = Math.max(highest,
					(window.limit().signum() > 0) ? spent.doubleValue() / window.limit().doubleValue() : 1);
		}
		if (highest >= 1) {
			return new BudgetStatus(BudgetStatus.Decision.EXHAUSTED, null, statuses);
		}
		if (highest >= this.settings.downgradeAt()) {
			return new BudgetStatus(BudgetStatus.Decision.DOWNGRADED, this.settings.downgradeTo(), statuses);
		}
		return new BudgetStatus(BudgetStatus.Decision.NORMAL, Tier.FULL, statuses);
	}

}
