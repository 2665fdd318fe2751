package dev.llmfallback.autoconfigure;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmfallback.DegradationLevel;
import dev.llmfallback.Tier;
import dev.llmfallback.degradation.DegradationSettings.CacheMode;
import dev.llmfallback.resilience.ResilienceSettings.Backoff;
import dev.llmfallback.routing.RoutingStrategy;
import org.springframework.boot.context.properties.ConfigurationProperties;

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
	private List<Provider> providers = new ArrayList<>();

	private final Fallback fallback = new Fallback();

	private final Timeouts timeouts = new Timeouts();

	private final Routing routing = new Routing();

	private final Degradation degradation = new Degradation();

	private final Cache cache = new Cache();

	private final Budget budget = new Budget();

	private final Gateway gateway = new Gateway();

	private final Health health = new Health();

	private final Endpoint endpoint = new Endpoint();

	private final Dashboard dashboard = new Dashboard();

	public Dashboard getDashboard() {
		return this.dashboard;
	}

	public Health getHealth() {
		return this.health;
	}

	public Endpoint getEndpoint() {
		return this.endpoint;
	}

	public Gateway getGateway() {
		return this.gateway;
	}

	public Routing getRouting() {
		return this.routing;
	}

	public Degradation getDegradation() {
		return this.degradation;
	}

	public Cache getCache() {
		return this.cache;
	}

	public Budget getBudget() {
		return this.budget;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<Provider> getProviders() {
		return this.providers;
	}

	public void setProviders(List<Provider> providers) {
		this.providers = providers;
	}

	public Fallback getFallback() {
		return this.fallback;
	}

	public Timeouts getTimeouts() {
		return this.timeouts;
	}

	/**
	 * One provider: a model behind an API.
	 */
	public static class Provider {

		/**
		 * Unique name of the provider, used in metrics, logs and as the name of its
		 * Resilience4j instances. Also its wire type when 'type' is not set and the name
		 * is one.
		 */
		private String name;

		/**
		 * Wire type: openai, anthropic, google (or gemini), openai-compatible or
		 * azure-openai. Defaults to the name when the name is a type.
		 */
		private String type;

		/**
		 * Model to ask, such as 'gpt-4o'; the deployment name for azure-openai.
		 */
		private String model;

		/**
		 * Order in which providers are tried, lowest first. Providers without one come
		 * after the others, in list order.
		 */
		private Integer priority;

		/**
		 * Whether the provider is used.
		 */
		private boolean enabled = true;

		/**
		 * Capability tier of the model: full, reduced or basic.
		 */
		private Tier tier = Tier.FULL;

		/**
		 * Base URL of the API. Defaults to the provider's public endpoint; required for
		 * openai-compatible and azure-openai.
		 */
		private String baseUrl;

		/**
		 * API key. Defaults to the type's usual environment variable (OPENAI_API_KEY,
		 * ANTHROPIC_API_KEY, GEMINI_API_KEY or GOOGLE_API_KEY, AZURE_OPENAI_API_KEY).
		 */
		private String apiKey;

		/**
		 * API version: the 'anthropic-version' header (default 2023-06-01), Gemini's path
		 * version (default v1beta) or Azure's 'api-version' parameter (default
		 * 2024-10-21).
		 */
		private String apiVersion;

		/**
		 * Timeout to open a connection. Defaults to 'llm.timeouts.connect'.
		 */
		private Duration connectTimeout;

		/**
		 * Timeout for a whole non-streaming answer and for a pause within a stream.
		 * Defaults to 'llm.timeouts.response'.
		 */
		private Duration responseTimeout;

		/**
		 * Timeout from sending a streaming request to its first event. Defaults to
		 * 'llm.timeouts.first-token'.
		 */
		private Duration firstTokenTimeout;

		/**
		 * Context window of the model in tokens. Unknown when not set.
		 */
		private Integer contextWindow;

		/**
		 * Output-token limit sent when a request sets none. Anthropic requires one and
		 * gets 4096 when this is not set.
		 */
		private Integer maxOutputTokens;

		/**
		 * Extra HTTP headers sent with every call, such as 'OpenAI-Organization'.
		 */
		private Map<String, String> headers = new LinkedHashMap<>();

		/**
		 * Most calls per minute this instance makes to the provider (a Resilience4j rate
		 * limiter); no limit when not set.
		 */
		private Integer requestsPerMinute;

		/**
		 * Most calls in flight at once to the provider (a Resilience4j bulkhead); no
		 * limit when not set.
		 */
		private Integer maxConcurrentCalls;

		/**
		 * Whether requests that another provider refused on content policy may fall back
		 * to this one.
		 */
		private boolean contentPolicyFallback;

		private final Price price = new Price();

		public Integer getRequestsPerMinute() {
			return this.requestsPerMinute;
		}

		public void setRequestsPerMinute(Integer requestsPerMinute) {
			this.requestsPerMinute = requestsPerMinute;
		}

		public Integer getMaxConcurrentCalls() {
			return this.maxConcurrentCalls;
		}

		public void setMaxConcurrentCalls(Integer maxConcurrentCalls) {
			this.maxConcurrentCalls = maxConcurrentCalls;
		}

		public boolean isContentPolicyFallback() {
			return this.contentPolicyFallback;
		}

		public void setContentPolicyFallback(boolean contentPolicyFallback) {
			this.contentPolicyFallback = contentPolicyFallback;
		}

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public String getType() {
			return this.type;
		}

		public void setType(String type) {
			this.type = type;
		}

		public String getModel() {
			return this.model;
		}

		public void setModel(String model) {
			this.model = model;
		}

		public Integer getPriority() {
			return this.priority;
		}

		public void setPriority(Integer priority) {
			this.priority = priority;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Tier getTier() {
			return this.tier;
		}

		public void setTier(Tier tier) {
			this.tier = tier;
		}

		public String getBaseUrl() {
			return this.baseUrl;
		}

		public void setBaseUrl(String baseUrl) {
			this.baseUrl = baseUrl;
		}

		public String getApiKey() {
			return this.apiKey;
		}

		public void setApiKey(String apiKey) {
			this.apiKey = apiKey;
		}

		public String getApiVersion() {
			return this.apiVersion;
		}

		public void setApiVersion(String apiVersion) {
			this.apiVersion = apiVersion;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getResponseTimeout() {
			return this.responseTimeout;
		}

		public void setResponseTimeout(Duration responseTimeout) {
			this.responseTimeout = responseTimeout;
		}

		public Duration getFirstTokenTimeout() {
			return this.firstTokenTimeout;
		}

		public void setFirstTokenTimeout(Duration firstTokenTimeout) {
			this.firstTokenTimeout = firstTokenTimeout;
		}

		public Integer getContextWindow() {
			return this.contextWindow;
		}

		public void setContextWindow(Integer contextWindow) {
			this.contextWindow = contextWindow;
		}

		public Integer getMaxOutputTokens() {
			return this.maxOutputTokens;
		}

		public void setMaxOutputTokens(Integer maxOutputTokens) {
			this.maxOutputTokens = maxOutputTokens;
		}

		public Map<String, String> getHeaders() {
			return this.headers;
		}

		public void setHeaders(Map<String, String> headers) {
			this.headers = headers;
		}

		public Price getPrice() {
			return this.price;
		}

	}

	/**
	 * Price of a model in US dollars per million tokens.
	 */
	public static class Price {

		/**
		 * US dollars per million input tokens.
		 */
		private BigDecimal input;

		/**
		 * US dollars per million output tokens.
		 */
		private BigDecimal output;

		/**
		 * US dollars per million input tokens served from the provider's prompt cache.
		 * Defaults to the input price.
		 */
		private BigDecimal cachedInput;

		public BigDecimal getInput() {
			return this.input;
		}

		public void setInput(BigDecimal input) {
			this.input = input;
		}

		public BigDecimal getOutput() {
			return this.output;
		}

		public void setOutput(BigDecimal output) {
			this.output = output;
		}

		public BigDecimal getCachedInput() {
			return this.cachedInput;
		}

		public void setCachedInput(BigDecimal cachedInput) {
			this.cachedInput = cachedInput;
		}

	}

	/**
	 * When and how to retry a provider and fall back to the next one. These are the
	 * defaults of each provider's Resilience4j instances; any
	 * 'resilience4j.*.instances.<provider-name>' property overrides them.
	 */
	public static class Fallback {

		/**
		 * Errors that move a request to the next provider: HTTP statuses and error kinds
		 * (rate_limited, quota_exceeded, overloaded, server_error, timeout, connection,
		 * context_length, content_policy, authentication, permission, not_found,
		 * bad_request, unsupported_request, malformed_response). Connection failures and
		 * open circuit breakers always fall back.
		 */
		private List<String> onError = new ArrayList<>(List.of("429", "500", "502", "503", "504", "529", "timeout",
				"connection", "overloaded", "quota_exceeded", "malformed_response", "unsupported_request"));

		/**
		 * Retries of a provider, after its first call, before falling back. Only
		 * transient failures are retried: rate limits, overload, server errors,
		 * connection failures, unreadable answers, and timeouts when 'retry-on-timeout'
		 * is set.
		 */
		private int maxRetries = 2;

		/**
		 * Delay between retries: exponential, fixed or none.
		 */
		private Backoff backoff = Backoff.EXPONENTIAL;

		/**
		 * Delay before the first retry; the fixed delay with 'backoff: fixed'.
		 */
		private Duration initialInterval = Duration.ofMillis(500);

		/**
		 * Factor by which each exponential delay grows.
		 */
		private double multiplier = 2.0;

		/**
		 * Longest delay between two retries.
		 */
		private Duration maxInterval = Duration.ofSeconds(8);

		/**
		 * Random spread of each delay, from 0 (none) to 1 (up to twice or down to
		 * nothing).
		 */
		private double jitter = 0.2;

		/**
		 * Longest 'Retry-After' (or rate-limit reset) that is waited for; a provider
		 * asking for longer is left for the next one at once.
		 */
		private Duration maxRetryAfter = Duration.ofSeconds(20);

		/**
		 * Whether a timed-out call is retried on the same provider rather than moving on.
		 */
		private boolean retryOnTimeout = false;

		/**
		 * Failed calls in a row after which a provider's circuit breaker opens.
		 */
		private int failureThreshold = 5;

		/**
		 * Time an open circuit breaker waits before letting probe calls through.
		 */
		private Duration resetTimeout = Duration.ofSeconds(60);

		/**
		 * Probe calls let through by a half-open circuit breaker.
		 */
		private int halfOpenCalls = 1;

		/**
		 * Time a provider's circuit breaker stays open after it reports an exhausted
		 * quota or billing limit (OpenAI 'insufficient_quota', HTTP 402, a daily quota).
		 */
		private Duration quotaOpenDuration = Duration.ofMinutes(30);

		/**
		 * Most provider calls (first calls and retries) one request may make in all; no
		 * limit when not set.
		 */
		private Integer maxAttempts;

		private final Hedging hedging = new Hedging();

		private final Streaming streaming = new Streaming();

		public Hedging getHedging() {
			return this.hedging;
		}

		public Streaming getStreaming() {
			return this.streaming;
		}

		public List<String> getOnError() {
			return this.onError;
		}

		public void setOnError(List<String> onError) {
			this.onError = onError;
		}

		public int getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
		}

		public Backoff getBackoff() {
			return this.backoff;
		}

		public void setBackoff(Backoff backoff) {
			this.backoff = backoff;
		}

		public Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(Duration initialInterval) {
			this.initialInterval = initialInterval;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			this.jitter = jitter;
		}

		public Duration getMaxRetryAfter() {
			return this.maxRetryAfter;
		}

		public void setMaxRetryAfter(Duration maxRetryAfter) {
			this.maxRetryAfter = maxRetryAfter;
		}

		public boolean isRetryOnTimeout() {
			return this.retryOnTimeout;
		}

		public void setRetryOnTimeout(boolean retryOnTimeout) {
			this.retryOnTimeout = retryOnTimeout;
		}

		public int getFailureThreshold() {
			return this.failureThreshold;
		}

		public void setFailureThreshold(int failureThreshold) {
			this.failureThreshold = failureThreshold;
		}

		public Duration getResetTimeout() {
			return this.resetTimeout;
		}

		public void setResetTimeout(Duration resetTimeout) {
			this.resetTimeout = resetTimeout;
		}

		public int getHalfOpenCalls() {
			return this.halfOpenCalls;
		}

		public void setHalfOpenCalls(int halfOpenCalls) {
			this.halfOpenCalls = halfOpenCalls;
		}

		public Duration getQuotaOpenDuration() {
			return this.quotaOpenDuration;
		}

		public void setQuotaOpenDuration(Duration quotaOpenDuration) {
			this.quotaOpenDuration = quotaOpenDuration;
		}

		public Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

	}

	/**
	 * Starting the next provider while the current one is slow.
	 */
	public static class Hedging {

		/**
		 * Whether to start the next provider when the current one has not answered in
		 * time; the first answer (for a stream, the first chunk) wins and the other call
		 * is cancelled.
		 */
		private boolean enabled;

		/**
		 * How long to wait for the current provider before starting the next one.
		 */
		private Duration delay = Duration.ofSeconds(2);

		/**
		 * When set (from 0 to 1), wait for this percentile of the provider's recent
		 * answer (or first-chunk) times instead of the fixed delay, once enough calls
		 * were seen.
		 */
		private Double percentile;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getDelay() {
			return this.delay;
		}

		public void setDelay(Duration delay) {
			this.delay = delay;
		}

		public Double getPercentile() {
			return this.percentile;
		}

		public void setPercentile(Double percentile) {
			this.percentile = percentile;
		}

	}

	/**
	 * Failures of streams that already delivered text.
	 */
	public static class Streaming {

		/**
		 * Whether a stream cut after its first chunk is continued by the next provider
		 * (asked to go on from the text delivered), instead of ending with an error that
		 * carries that text.
		 */
		private boolean resume;

		public boolean isResume() {
			return this.resume;
		}

		public void setResume(boolean resume) {
			this.resume = resume;
		}

	}

	/**
	 * Order of providers within a tier.
	 */
	public static class Routing {

		/**
		 * Order of providers within a tier: priority (as configured), cost (cheapest
		 * first for the request's estimated tokens) or latency (lowest recent latency
		 * first).
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
	 * The degradation chain: full, reduced and basic models, then cached answers, then a
	 * static message.
	 */
	public static class Degradation {

		/**
		 * Levels that may answer: full, reduced, basic (providers of that tier), cached
		 * and static.
		 */
		private Set<DegradationLevel> levels = EnumSet.allOf(DegradationLevel.class);

		/**
		 * Answer given when no provider and no cached answer can serve a request.
		 */
		private String staticMessage = "Service temporarily limited. Please try again in a few minutes.";

		/**
		 * Static answers by the request's minimum tier (full, reduced, basic), overriding
		 * 'static-message'.
		 */
		private Map<Tier, String> staticMessages = new EnumMap<>(Tier.class);

		public Set<DegradationLevel> getLevels() {
			return this.levels;
		}

		public void setLevels(Set<DegradationLevel> levels) {
			this.levels = levels;
		}

		public String getStaticMessage() {
			return this.staticMessage;
		}

		public void setStaticMessage(String staticMessage) {
			this.staticMessage = staticMessage;
		}

		public Map<Tier, String> getStaticMessages() {
			return this.staticMessages;
		}

		public void setStaticMessages(Map<Tier, String> staticMessages) {
			this.staticMessages = staticMessages;
		}

	}

	/**
	 * The cache of answers.
	 */
	public static class Cache {

		/**
		 * Whether successful answers are stored. Tool-call answers, cut answers and
		 * requests marked not cacheable are never stored.
		 */
		private boolean enabled = true;

		/**
		 * When the cache answers: fallback-only (when every provider failed) or always
		 * (before calling any provider).
		 */
		private CacheMode mode = CacheMode.FALLBACK_ONLY;

		/**
		 * How long an answer is kept.
		 */
		private Duration ttl = Duration.ofHours(1);

		/**
		 * Most answers kept in this process.
		 */
		private long maxSize = 10_000;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public CacheMode getMode() {
			return this.mode;
		}

		public void setMode(CacheMode mode) {
			this.mode = mode;
		}

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

		public long getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(long maxSize) {
			this.maxSize = maxSize;
		}

	}

	/**
	 * Spend limits, counted in this process.
	 */
	public static class Budget {

		/**
		 * Most US dollars spent per minute; no limit when not set.
		 */
		private BigDecimal perMinute;

		/**
		 * Most US dollars spent per hour; no limit when not set.
		 */
		private BigDecimal perHour;

		/**
		 * Most US dollars spent per day (UTC); no limit when not set.
		 */
		private BigDecimal perDay;

		/**
		 * Share of a limit (0 to 1) from which only tiers up to 'downgrade-to' are used;
		 * at the whole limit only cached and static answers are given.
		 */
		private double downgradeAt = 0.8;

		/**
		 * Strongest tier used once a budget is nearly spent.
		 */
		private Tier downgradeTo = Tier.BASIC;

		public BigDecimal getPerMinute() {
			return this.perMinute;
		}

		public void setPerMinute(BigDecimal perMinute) {
			this.perMinute = perMinute;
		}

		public BigDecimal getPerHour() {
			return this.perHour;
		}

		public void setPerHour(BigDecimal perHour) {
			this.perHour = perHour;
		}

		public BigDecimal getPerDay() {
			return this.perDay;
		}

		public void setPerDay(BigDecimal perDay) {
			this.perDay = perDay;
		}

		public double getDowngradeAt() {
			return this.downgradeAt;
		}

		public void setDowngradeAt(double downgradeAt) {
			this.downgradeAt = downgradeAt;
		}

		public Tier getDowngradeTo() {
			return this.downgradeTo;
		}

		public void setDowngradeTo(Tier downgradeTo) {
			this.downgradeTo = downgradeTo;
		}

	}

	/**
	 * The OpenAI-compatible endpoint that serves the router to other programs.
	 */
	public static class Gateway {

		/**
		 * Whether to serve the OpenAI-compatible endpoints (POST /v1/chat/completions,
		 * GET /v1/models) in a reactive web application.
		 */
		private boolean enabled;

		/**
		 * Keys a client must send as "Authorization: Bearer <key>". When empty, the
		 * endpoints are open.
		 */
		private List<String> apiKeys = new ArrayList<>();

		/**
		 * Path prefix of the endpoints, such as "/llm" for /llm/v1/chat/completions.
		 */
		private String path = "";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getApiKeys() {
			return this.apiKeys;
		}

		public void setApiKeys(List<String> apiKeys) {
			this.apiKeys = apiKeys;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
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
	 * The live dashboard page.
	 */
	public static class Dashboard {

		/**
		 * Whether to serve the live dashboard page and its server-sent events in a
		 * reactive web application. It shows breaker states, levels, spend and routing
		 * events (never prompt text): protect it like the actuator endpoints.
		 */
		private boolean enabled;

		/**
		 * Path of the dashboard page; its events are served at "<path>/events".
		 */
		private String path = "/llm/dashboard";

		/**
		 * How often the dashboard's event stream sends a fresh snapshot of the router.
		 */
		private Duration refreshInterval = Duration.ofSeconds(2);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public Duration getRefreshInterval() {
			return this.refreshInterval;
		}

		public void setRefreshInterval(Duration refreshInterval) {
			this.refreshInterval = refreshInterval;
		}

	}

	/**
	 * Timeouts of provider calls, each overridable per provider.
	 */
	public static class Timeouts {

		/**
		 * Timeout to open a connection.
		 */
		private Duration connect = Duration.ofSeconds(5);

		/**
		 * Timeout for a whole non-streaming answer and for a pause within a stream.
		 */
		private Duration response = Duration.ofSeconds(45);

		/**
		 * Timeout from sending a streaming request to its first event.
		 */
		private Duration firstToken = Duration.ofSeconds(20);

		/**
		 * Longest time a request may take across retries, backoff and fallbacks (for a
		 * stream: until its first chunk). A request can set a shorter one.
		 */
		private Duration deadline = Duration.ofSeconds(120);

		public Duration getDeadline() {
			return this.deadline;
		}

		public void setDeadline(Duration deadline) {
			this.deadline = deadline;
		}

		public Duration getConnect() {
			return this.connect;
		}

		public void setConnect(Duration connect) {
			this.connect = connect;
		}

		public Duration getResponse() {
			return this.response;
		}

		public void setResponse(Duration response) {
			this.response = response;
		}

		public Duration getFirstToken() {
			return this.firstToken;
		}

		public void setFirstToken(Duration firstToken) {
			this.firstToken = firstToken;
		}

	}

}
