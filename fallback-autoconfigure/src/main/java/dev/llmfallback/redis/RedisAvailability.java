package dev.llmfallback.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.llmfallback.actuator.LlmHealthDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Whether Redis answers, and the guard every Redis command of the starter goes through: a
 * short timeout, errors swallowed and counted, and no command at all while Redis is known
 * to be unreachable. A tick (every refresh interval) pings Redis (waiting at least a
 * second), notices when it is back and runs the tasks that catch up with shared state.
 * <p>
 * Ticking is a {@link SmartLifecycle} in the last phase, so it stops before the Redis
 * connection factory (phase 0 by default). A tick continues on the Redis client's event
 * loop and asks for a connection; a Lettuce factory that is stopping holds the lock that
 * request needs while it waits on that same loop to close its connection, and the
 * application's shutdown would hang.
 */
public class RedisAvailability implements LlmHealthDetails, SmartLifecycle, AutoCloseable {

	/**
	 * Pings run in the background, so they may wait longer than commands: enough for a
	 * first connection or a reconnection.
	 */
	private static final Duration MINIMUM_PING_TIMEOUT = Duration.ofSeconds(1);

	private final ReactiveStringRedisTemplate redis;

	private final Duration timeout;

	private final Duration pingTimeout;

	private final Duration refreshInterval;

	private final Clock clock;

	private final AtomicReference<Instant> unreachableSince = new AtomicReference<>();

	private final AtomicLong errors = new AtomicLong();

	private final List<Supplier<Mono<?>>> tasks = new CopyOnWriteArrayList<>();

	private final List<String> stores;

	private volatile Disposable ticker;

	/**
	 * Create the guard.
	 * @param redis the template commands are sent through
	 * @param timeout the longest a command may take before it counts as failed
	 * @param refreshInterval how often a tick runs once started
	 * @param stores the names of the stores kept on Redis, shown in health details
	 * @param clock the clock of the {@code since} detail
	 */
	public RedisAvailability(ReactiveStringRedisTemplate redis, Duration timeout, Duration refreshInterval,
			List<String> stores, Clock clock) {
		this.redis = redis;
		this.timeout = timeout;
		this.pingTimeout = (timeout.compareTo(MINIMUM_PING_TIMEOUT) > 0) ? timeout : MINIMUM_PING_TIMEOUT;
		this.refreshInterval = refreshInterval;
		this.stores = List.copyOf(stores);
		this.clock = clock;
	}

	/**
	 * The template, for the stores.
	 * @return the template
	 */
	public ReactiveStringRedisTemplate redis() {
		return this.redis;
	}

	/**
	 * Run a command under the guard.
	 * @param <T> the command's result
	 * @param command the command
	 * @return its result, or empty when Redis is unreachable, slow or failing
	 */
	public <T> Mono<T> guard(Mono<T> command) {
		if (!isAvailable()) {
			return Mono.empty();
		}
		return command.timeout(this.timeout)
			.doOnSuccess((result) -> reachable())
			.onErrorResume((ex) -> Mono.fromRunnable(this::failed));
	}

	/**
	 * Whether the last command or ping succeeded.
	 * @return {@code true} while Redis answers
	 */
	public boolean isAvailable() {
		return this.unreachableSince.get() == null;
	}

	/**
	 * How many Redis commands failed or timed out so far.
	 * @return the count
	 */
	public long errors() {
		return this.errors.get();
	}

	/**
	 * Add work to each tick while Redis answers (after it returns, first).
	 * @param task the work, as a publisher whose errors the guard swallows
	 */
	public void onTick(Supplier<Mono<?>> task) {
		this.tasks.add(task);
	}

	/**
	 * Start pinging and running the tasks every refresh interval.
	 */
	@Override
	public synchronized void start() {
		if (!isRunning()) {
			this.ticker = Flux.interval(this.refreshInterval, this.refreshInterval, Schedulers.parallel())
				.onBackpressureDrop()
				.concatMap((tick) -> tick(), 1)
				.subscribe();
		}
	}

	/**
	 * Stop ticking; a tick under way is cancelled.
	 */
	@Override
	public synchronized void stop() {
		Disposable current = this.ticker;
		if (current != null) {
			current.dispose();
		}
	}

	@Override
	public boolean isRunning() {
		Disposable current = this.ticker;
		return current != null && !current.isDisposed();
	}

	/**
	 * One tick: a ping, then every task. Public so that tests can drive it.
	 * @return completion
	 */
	public Mono<Void> tick() {
		Mono<String> ping = Mono.defer(() -> this.redis.execute((connection) -> connection.ping()).next())
			.timeout(this.pingTimeout)
			.doOnNext((pong) -> reachable())
			.onErrorResume((ex) -> Mono.fromRunnable(this::failed));
		return ping
			.thenMany(Flux.fromIterable(this.tasks)
				.filter((task) -> isAvailable())
				.concatMap((task) -> Mono.defer(task::get).onErrorResume((ex) -> Mono.empty())))
			.then();
	}

	private void reachable() {
		this.unreachableSince.set(null);
	}

	private void failed() {
		this.errors.incrementAndGet();
		this.unreachableSince.compareAndSet(null, this.clock.instant());
	}

	@Override
	public Map<String, Object> healthDetails() {
		Map<String, Object> redis = new LinkedHashMap<>();
		Instant since = this.unreachableSince.get();
		redis.put("status", (since != null) ? "unreachable" : "up");
		if (since != null) {
			redis.put("since", since.toString());
			redis.put("fallback", "in-process");
		}
		redis.put("stores", this.stores);
		redis.put("errors", this.errors.get());
		return Map.of("redis", redis);
	}

	@Override
	public void close() {
		stop();
	}

}
