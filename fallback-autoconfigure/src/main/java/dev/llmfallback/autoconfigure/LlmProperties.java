package dev.llmfallback.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.llmfallback.routing.RoutingStrategy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Configuration of the LLM router, under {@code llm}. Unknown keys stop start-up, and
 * {@link LlmPropertiesMapper} checks every value, so a typo never goes unnoticed.
 */
@ConfigurationProperties(prefix = "llm", ignoreUnknownFields = false)
public class LlmProperties {

	/**
	 * Whether to enable the LLM router.
	 */
	private boolean enabled = true;

	/**
	 * Providers to route between, tried by priority.
	 */
	private List<LlmProviderProperties> providers = new ArrayList<>();

	@NestedConfigurationProperty
	private final LlmFallbackProperties fallback = new LlmFallbackProperties();

	@NestedConfigurationProperty
	private final LlmTimeoutsProperties timeouts = new LlmTimeoutsProperties();

	private final Routing routing = new Routing();

	@NestedConfigurationProperty
	private final LlmDegradationProperties degradation = new LlmDegradationProperties();

	@NestedConfigurationProperty
	private final LlmCacheProperties cache = new LlmCacheProperties();

	@NestedConfigurationProperty
	private final LlmBudgetProperties budget = new LlmBudgetProperties();

	@NestedConfigurationProperty
	private final LlmGatewayProperties gateway = new LlmGatewayProperties();

	@NestedConfigurationProperty
	private final LlmDashboardProperties dashboard = new LlmDashboardProperties();

	@NestedConfigurationProperty
	private final LlmMetricsProperties metrics = new LlmMetricsProperties();

	private final Observations observations = new Observations();

	private final Health health = new Health();

	private final Endpoint endpoint = new Endpoint();

	private final Http http = new Http();

	@NestedConfigurationProperty
	private final LlmRedisProperties redis = new LlmRedisProperties();

	public LlmRedisProperties getRedis() {
		return this.redis;
	}

	public Observations getObservations() {
		return this.observations;
	}

	public Health getHealth() {
		return this.health;
	}

	public Endpoint getEndpoint() {
		return this.endpoint;
	}

	public Http getHttp() {
		return this.http;
	}

	public LlmMetricsProperties getMetrics() {
		return this.metrics;
	}

	public LlmDashboardProperties getDashboard() {
		return this.dashboard;
	}

	public LlmGatewayProperties getGateway() {
		return this.gateway;
	}

	public Routing getRouting() {
		return this.routing;
	}

	public LlmDegradationProperties getDegradation() {
		return this.degradation;
	}

	public LlmCacheProperties getCache() {
		return this.cache;
	}

	public LlmBudgetProperties getBudget() {
		return this.budget;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<LlmProviderProperties> getProviders() {
		return this.providers;
	}

	public void setProviders(List<LlmProviderProperties> providers) {
		this.providers = providers;
	}

	public LlmFallbackProperties getFallback() {
		return this.fallback;
	}

	public LlmTimeoutsProperties getTimeouts() {
		return this.timeouts;
	}

	/**
	 * Order of providers within a tier.
	 */
	public static class Routing {

		/**
		 * Order of providers within a tier: priority (as configured), cost (cheapest
		 * first for the request's estimated tokens), latency (lowest recent latency
		 * first), weighted (a random order for each request, each provider first in
		 * proportion to its 'weight') or least-busy (fewest calls in flight from this
		 * instance first).
		 */
		private RoutingStrategy strategy = RoutingStrategy.PRIORITY;

		public RoutingStrategy getStrategy() {
			return this.strategy;
		}

		public void setStrategy(RoutingStrategy strategy) {
			this.strategy = strategy;
		}

	}

	/**
	 * The router's 'llm.request' and 'llm.attempt' observations.
	 */
	public static class Observations {

		/**
		 * Whether the router makes its observations when the application has no
		 * Micrometer Tracing 'Tracer', for an observation handler of your own. Without a
		 * tracer they would only repeat the router's meters, at several microseconds of
		 * CPU a call. With one, each call and each attempt is a span unless
		 * 'management.observations.enable.llm' is false.
		 */
		private boolean withoutTracer;

		public boolean isWithoutTracer() {
			return this.withoutTracer;
		}

		public void setWithoutTracer(boolean withoutTracer) {
			this.withoutTracer = withoutTracer;
		}

	}

	/**
	 * The 'llm' health contributor.
	 */
	public static class Health {

		/**
		 * Whether the contributor reports DOWN when nothing but the static message can
		 * answer; otherwise it reports DEGRADED, which keeps the HTTP status 200.
		 */
		private boolean downWhenStaticOnly;

		public boolean isDownWhenStaticOnly() {
			return this.downWhenStaticOnly;
		}

		public void setDownWhenStaticOnly(boolean downWhenStaticOnly) {
			this.downWhenStaticOnly = downWhenStaticOnly;
		}

	}

	/**
	 * The HTTP connections to the providers.
	 */
	public static class Http {

		/**
		 * Most connections of each provider's pool; calls beyond it wait for a
		 * connection. Size it above the calls a provider serves at once.
		 */
		private int maxConnections = 500;

		public int getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

	}

	/**
	 * The 'llm' actuator endpoint.
	 */
	public static class Endpoint {

		/**
		 * Whether the endpoint's write operations (force open, close, reset or disable a
		 * provider's circuit breaker) are available. Protect them like any actuator
		 * write.
		 */
		private boolean writeEnabled;

		/**
		 * How many recent routing events are kept and shown.
		 */
		private int events = 100;

		public boolean isWriteEnabled() {
			return this.writeEnabled;
		}

		public void setWriteEnabled(boolean writeEnabled) {
			this.writeEnabled = writeEnabled;
		}

		public int getEvents() {
			return this.events;
		}

		public void setEvents(int events) {
			this.events = events;
		}

	}

	/**
	 * Where the cache or the budget keeps its state.
	 */
	public enum Store {

		/** This process. */
		MEMORY,

		/** Redis, shared by every instance. */
		REDIS

	}

}
