package dev.llmfallback.redis;

import java.math.BigDecimal;
import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Spend in one fixed UTC window (a minute, an hour or a day) counted on Redis under
 * {@code <prefix><name>:<window number>} with INCRBYFLOAT, plus this process's view of
 * it: the fleet's total last read, and what this process spent that Redis has not counted
 * yet (unsent while Redis is unreachable, or in flight).
 */
final class SharedSpendWindow {

	private final String name;

	private final BigDecimal limit;

	private final long windowMillis;

	private final String keyPrefix;

	private long window = -1;

	private BigDecimal shared = BigDecimal.ZERO;

	private BigDecimal unsent = BigDecimal.ZERO;

	private BigDecimal inFlight = BigDecimal.ZERO;

	SharedSpendWindow(String name, BigDecimal limit, Duration length, String keyPrefix) {
		this.name = name;
		this.limit = limit;
		this.windowMillis = length.toMillis();
		this.keyPrefix = keyPrefix;
	}

	String name() {
		return this.name;
	}

	BigDecimal limit() {
		return this.limit;
	}

	synchronized void add(long now, BigDecimal cost) {
		roll(now);
		this.unsent = this.unsent.add(cost);
	}

	synchronized BigDecimal spent(long now) {
		roll(now);
		return this.shared.add(this.unsent).add(this.inFlight);
	}

	/**
	 * Send what Redis has not counted yet; on failure it stays unsent for the next try.
	 */
	Mono<Void> flush(RedisAvailability redis, long now) {
		BigDecimal amount;
		long sending;
		synchronized (this) {
			roll(now);
			if (this.unsent.signum() == 0) {
				return Mono.empty();
			}
			amount = this.unsent;
			sending = this.window;
			this.unsent = BigDecimal.ZERO;
			this.inFlight = this.inFlight.add(amount);
		}
		String key = key(sending);
		Mono<BigDecimal> increment = RedisCounters.increment(redis.redis(), key, amount,
				Duration.ofMillis(this.windowMillis).plusMinutes(1));
		return redis.guard(increment)
			.map((total) -> (Runnable) () -> sent(sending, amount, total))
			.defaultIfEmpty(() -> unsent(sending, amount))
			.doOnNext(Runnable::run)
			.then();
	}

	/**
	 * Read the fleet's total of the current window.
	 */
	Mono<Void> refresh(RedisAvailability redis, long now) {
		long current = now / this.windowMillis;
		return redis.guard(redis.redis().opsForValue().get(key(current)))
			.doOnNext((total) -> read(current, new BigDecimal(total)))
			.then();
	}

	private synchronized void sent(long sentWindow, BigDecimal amount, BigDecimal total) {
		if (sentWindow == this.window) {
			this.inFlight = this.inFlight.subtract(amount);
			this.shared = this.shared.max(total);
		}
	}

	private synchronized void unsent(long sentWindow, BigDecimal amount) {
		if (sentWindow == this.window) {
			this.inFlight = this.inFlight.subtract(amount);
			this.unsent = this.unsent.add(amount);
		}
	}

	private synchronized void read(long readWindow, BigDecimal total) {
		if (readWindow == this.window) {
			this.shared = this.shared.max(total);
		}
	}

	private void roll(long now) {
		long current = now / this.windowMillis;
		if (current != this.window) {
			this.window = current;
			this.shared = BigDecimal.ZERO;
			this.unsent = BigDecimal.ZERO;
			this.inFlight = BigDecimal.ZERO;
		}
	}

	private String key(long windowNumber) {
		return this.keyPrefix + this.name + ":" + windowNumber;
	}

}
