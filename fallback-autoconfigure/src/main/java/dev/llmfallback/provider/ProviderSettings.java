package dev.llmfallback.provider;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

import dev.llmfallback.Tier;

/**
 * One configured provider, validated and with every default resolved. Its
 * {@code toString()} never shows the API key.
 *
 * @param name the configured name, unique; also the name of its Resilience4j instances
 * @param type the wire format
 * @param model the model to ask
 * @param priority the order in which providers are tried, lowest first
 * @param tier the capability tier of the model
 * @param baseUrl the endpoint
 * @param apiKey the API key, or {@code null} for a server that needs none
 * @param apiVersion the API version header or parameter where the type has one
 * ({@code anthropic-version}, Azure's {@code api-version}), or {@code null} for the
 * default
 * @param timeouts the timeouts of a call
 * @param contextWindow the model's context window in tokens, or {@code null} when unknown
 * @param maxOutputTokens the output-token limit sent when a request sets none, or
 * {@code null} for the provider's default (Anthropic requires one: 4096 is used)
 * @param headers extra HTTP headers sent with every call
 * @param requestsPerMinute the most calls per minute this instance makes, or {@code null}
 * for no limit
 * @param maxConcurrentCalls the most calls in flight at once, or {@code null} for no
 * limit
 * @param contentPolicyFallback whether requests another provider refused on content
 * policy may fall back to this one
 * @param weight its share of its tier's requests under the weighted strategy, relative to
 * the others' (1 when not configured); 0 to take requests only when the others of its
 * tier fail
 */
public record ProviderSettings(String name, ProviderType type, String model, int priority, Tier tier, URI baseUrl,
		String apiKey, String apiVersion, ProviderTimeouts timeouts, Integer contextWindow, Integer maxOutputTokens,
		Map<String, String> headers, Integer requestsPerMinute, Integer maxConcurrentCalls,
		boolean contentPolicyFallback, int weight) {

	/**
	 * Settings without call limits and not a content-policy fallback.
	 * @param name the configured name
	 * @param type the wire format
	 * @param model the model
	 * @param priority the order of trial
	 * @param tier the capability tier
	 * @param baseUrl the endpoint
	 * @param apiKey the API key, or {@code null}
	 * @param apiVersion the API version, or {@code null}
	 * @param timeouts the timeouts
	 * @param contextWindow the context window, or {@code null}
	 * @param maxOutputTokens the default output limit, or {@code null}
	 * @param headers extra HTTP headers
	 */
	public ProviderSettings(String name, ProviderType type, String model, int priority, Tier tier, URI baseUrl,
			String apiKey, String apiVersion, ProviderTimeouts timeouts, Integer contextWindow, Integer maxOutputTokens,
			Map<String, String> headers) {
		this(name, type, model, priority, tier, baseUrl, apiKey, apiVersion, timeouts, contextWindow, maxOutputTokens,
				headers, null, null, false);
	}

	/**
	 * Settings of weight 1.
	 * @param name the configured name
	 * @param type the wire format
	 * @param model the model
	 * @param priority the order of trial
	 * @param tier the capability tier
	 * @param baseUrl the endpoint
	 * @param apiKey the API key, or {@code null}
	 * @param apiVersion the API version, or {@code null}
	 * @param timeouts the timeouts
	 * @param contextWindow the context window, or {@code null}
	 * @param maxOutputTokens the default output limit, or {@code null}
	 * @param headers extra HTTP headers
	 * @param requestsPerMinute the most calls per minute, or {@code null}
	 * @param maxConcurrentCalls the most calls in flight, or {@code null}
	 * @param contentPolicyFallback whether refused requests may fall back to it
	 */
	public ProviderSettings(String name, ProviderType type, String model, int priority, Tier tier, URI baseUrl,
			String apiKey, String apiVersion, ProviderTimeouts timeouts, Integer contextWindow, Integer maxOutputTokens,
			Map<String, String> headers, Integer requestsPerMinute, Integer maxConcurrentCalls,
			boolean contentPolicyFallback) {
		this(name, type, model, priority, tier, baseUrl, apiKey, apiVersion, timeouts, contextWindow, maxOutputTokens,
				headers, requestsPerMinute, maxConcurrentCalls, contentPolicyFallback, 1);
	}

	public ProviderSettings {
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(type, "type must not be null");
		Objects.requireNonNull(model, "model must not be null");
		Objects.requireNonNull(tier, "tier must not be null");
		Objects.requireNonNull(baseUrl, "baseUrl must not be null");
		Objects.requireNonNull(timeouts, "timeouts must not be null");
		headers = (headers != null) ? Map.copyOf(headers) : Map.of();
		if (weight < 0) {
			throw new IllegalArgumentException("weight must not be negative, was " + weight);
		}
	}

	@Override
	public String toString() {
		return "ProviderSettings[name=" + this.name + ", type=" + this.type.id() + ", model=" + this.model
				+ ", priority=" + this.priority + ", tier=" + this.tier + ", baseUrl=" + this.baseUrl + ", apiKey="
				+ ((this.apiKey != null) ? "******" : "none") + "]";
	}

}
