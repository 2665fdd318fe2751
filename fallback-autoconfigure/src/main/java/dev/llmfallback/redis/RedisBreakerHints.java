package dev.llmfallback.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Breaker hints across the fleet. When a breaker of this instance opens by itself, it
 * writes {@code <prefix><breaker name>} =
 * {@code <open-until epoch millis>:<instance id>}, expiring at that time. On each tick
 * every instance reads the hints of its breakers and opens a closed or half-open breaker
 * until the hinted time with {@link CircuitBreaker#transitionToOpenStateUntil(Instant)}.
 * Each instance keeps its own breaker; a transition forced by a hint is never published
 * again, and an instance never honours its own hint.
 */
public class RedisBreakerHints {

	private final CircuitBreakerRegistry registry;

	private final RedisAvailability redis;

	private final String keyPrefix;

	private final String instanceId;

	private final Clock clock;

	private final Set<String> applying = ConcurrentHashMap.newKeySet();

	private final Map<String, Instant> honoured = new ConcurrentHashMap<>();

	private final Map<String, Instant> unpublished = new ConcurrentHashMap<>();

	/**
	 * Watch every breaker of a registry, now and later, and read hints on each tick.
	 * @param registry the breakers
	 * @param redis the guarded Redis
	 * @param keyPrefix the prefix of the hint keys
	 * @param instanceId this instance's id, unique in the fleet
	 * @param clock the clock
	 */
	public RedisBreakerHints(CircuitBreakerRegistry registry, RedisAvailability redis, String keyPrefix,
			String instanceId, Clock clock) {
		this.registry = registry;
		this.redis = redis;
		this.keyPrefix = keyPrefix;
		this.instanceId = instanceId;
		this.clock = clock;
		registry.getAllCircuitBreakers().forEach(this::watch);
		registry.getEventPublisher().onEntryAdded((event) -> watch(event.getAddedEntry()));
		redis.onTick(() -> publishPending().then(poll()));
	}

	private void watch(CircuitBreaker breaker) {
		breaker.getEventPublisher().onStateTransition(this::transitioned);
	}

	private void transitioned(CircuitBreakerOnStateTransitionEvent event) {
		String name = event.getCircuitBreakerName();
		if (event.getStateTransition().getToState() != CircuitBreaker.State.OPEN || this.applying.contains(name)) {
			return;
		}
		CircuitBreaker breaker = this.registry.circuitBreaker(name);
		Duration wait = Duration
			.ofMillis(breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1));
		this.unpublished.put(name, this.clock.instant().plus(wait));
		publishPending().subscribe();
	}

	/**
	 * Publish the hints not published yet, for example because Redis was unreachable when
	 * the breaker opened.
	 * @return completion; never an error
	 */
	public Mono<Void> publishPending() {
		return Flux.fromIterable(Map.copyOf(this.unpublished).entrySet())
			.concatMap((hint) -> publish(hint.getKey(), hint.getValue())
				.doOnNext((done) -> this.unpublished.remove(hint.getKey(), hint.getValue())))
			.then();
	}

	/**
	 * Publish that a breaker is open until a time.
	 * @param name the breaker's name
	 * @param until when it half-opens
	 * @return {@code true} once published, empty when Redis is unreachable
	 */
	public Mono<Boolean> publish(String name, Instant until) {
		Duration ttl = Duration.between(this.clock.instant(), until);
		if (ttl.isNegative() || ttl.isZero()) {
			return Mono.just(true);
		}
		String value = until.toEpochMilli() + ":" + this.instanceId;
		return this.redis.guard(this.redis.redis().opsForValue().set(this.keyPrefix + name, value, ttl));
	}

	/**
	 * Read the hints of every breaker and honour those of other instances.
	 * @return completion; never an error
	 */
	public Mono<Void> poll() {
		return Flux.fromIterable(this.registry.getAllCircuitBreakers())
			.concatMap((breaker) -> this.redis
				.guard(this.redis.redis().opsForValue().get(this.keyPrefix + breaker.getName()))
				.doOnNext((value) -> honour(breaker, value)))
			.then();
	}

	private void honour(CircuitBreaker breaker, String value) {
		int colon = value.indexOf(':');
		if (colon < 0 || value.substring(colon + 1).equals(this.instanceId)) {
			return;
		}
		Instant until;
		try {
			until = Instant.ofEpochMilli(Long.parseLong(value.substring(0, colon)));
		}
		catch (NumberFormatException ex) {
			return;
		}
		CircuitBreaker.State state = breaker.getState();
		boolean honourable = state == CircuitBreaker.State.CLOSED || state == CircuitBreaker.State.HALF_OPEN;
		if (!honourable || !until.isAfter(this.clock.instant()) || until.equals(this.honoured.get(breaker.getName()))) {
			return;
		}
		this.applying.add(breaker.getName());
		try {
			breaker.transitionToOpenStateUntil(until);
			this.honoured.put(breaker.getName(), until);
		}
		finally {
			this.applying.remove(breaker.getName());
		}
	}

}
