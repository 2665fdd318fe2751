package dev.llmfallback.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.llmfallback.Tier;

/**
 * One provider: a model behind an API.
 */
public class LlmProviderProperties {

	/**
	 * Unique name of the provider, used in metrics, logs and as the name of its
	 * Resilience4j instances. Also its wire type when 'type' is not set and the name is
	 * one.
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
	 * Order in which providers are tried, lowest first. Providers without one come after
	 * the others, in list order.
	 */
	private Integer priority;

	/**
	 * Share of its tier's requests with 'llm.routing.strategy=weighted', relative to the
	 * other providers' weights: 3 and 1 send three requests in four to the first. 0 sends
	 * it requests only when the others of its tier fail. Defaults to 1.
	 */
	private Integer weight;

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
	 * version (default v1beta) or Azure's 'api-version' parameter (default 2024-10-21).
	 */
	private String apiVersion;

	/**
	 * Timeout to open a connection. Defaults to 'llm.timeouts.connect'.
	 */
	private Duration connectTimeout;

	/**
	 * Timeout for a whole non-streaming answer and for a pause within a stream. Defaults
	 * to 'llm.timeouts.response'.
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
	 * Output-token limit sent when a request sets none. Anthropic requires one and gets
	 * 4096 when this is not set.
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
	 * Most tokens (input and output) per minute the whole fleet sends to the provider,
	 * counted on Redis; needs 'llm.redis.rate-limits=true'. No limit when not set.
	 */
	private Integer tokensPerMinute;

	/**
	 * Most calls in flight at once to the provider (a Resilience4j bulkhead); no limit
	 * when not set.
	 */
	private Integer maxConcurrentCalls;

	/**
	 * Whether requests that another provider refused on content policy may fall back to
	 * this one.
	 */
	private boolean contentPolicyFallback;

	private final LlmPriceProperties price = new LlmPriceProperties();

	public Integer getRequestsPerMinute() {
		return this.requestsPerMinute;
	}

	public void setRequestsPerMinute(Integer requestsPerMinute) {
		this.requestsPerMinute = requestsPerMinute;
	}

	public Integer getTokensPerMinute() {
		return this.tokensPerMinute;
	}

	public void setTokensPerMinute(Integer tokensPerMinute) {
		this.tokensPerMinute = tokensPerMinute;
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

	public Integer getWeight() {
		return this.weight;
	}

	public void setWeight(Integer weight) {
		this.weight = weight;
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

	public LlmPriceProperties getPrice() {
		return this.price;
	}

}
