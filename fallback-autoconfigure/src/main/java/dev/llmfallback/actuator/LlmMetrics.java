package dev.llmfallback.actuator;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import dev.llmfallback.Attempt;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.LlmException;
import dev.llmfallback.LlmRouterListener;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.provider.ProviderType;

/**
 * Micrometer meters of the router. OpenTelemetry's GenAI names where they exist
 * ({@code gen_ai.client.operation.duration}, {@code gen_ai.client.token.usage}); the
 * router's own under {@code llm.*}. Tags stay low-cardinality: provider, model, level,
 * outcome and error kind, never prompt text or ids.
 */
public class LlmMetrics implements LlmRouterListener {

	private static final String NONE = "none";

	private final MeterRegistry registry;

	private final Map<String, ProviderSettings> providers;

	private final List<String> requestTags;

	/**
	 * Create the meters.
	 * @param registry the registry
	 * @param providers the configured providers by name
	 */
	public LlmMetrics(MeterRegistry registry, Map<String, ProviderSettings> providers) {
		this(registry, providers, List.of());
	}

	/**
	 * Create the meters, tagging requests with some of their own tags.
	 * @param registry the registry
	 * @param providers the configured providers by name
	 * @param requestTags keys of request tags added to the request meters
	 */
	public LlmMetrics(MeterRegistry registry, Map<String, ProviderSettings> providers, List<String> requestTags) {
		this.registry = registry;
		this.providers = Map.copyOf(providers);
		this.requestTags = List.copyOf(requestTags);
	}

	@Override
	public void onAnswer(ChatRequest request, ChatResponse response, Duration duration) {
		String level = lower(response.level().name());
		String outcome = response.isDegraded() ? "degraded" : "success";
		Tags tags = Tags
			.of("provider", orNone(response.provider()), "model", orNone(response.model()), "level", level, "outcome",
					outcome)
			.and(requestTags(request));
		Counter.builder("llm.requests")
			.description("Requests answered or failed by the router")
			.tags(tags)
			.register(this.registry)
			.increment();
		Timer.builder("llm.request.duration")
			.description("Time to answer a request, fallbacks included")
			.tags(Tags.of("level", level, "outcome", outcome).and(requestTags(request)))
			.register(this.registry)
			.record(duration);
		response.attempts().forEach(this::fallback);
		ProviderSettings provider = (response.provider() != null) ? this.providers.get(response.provider()) : null;
		if (provider != null) {
			genAi(provider, response, duration);
		}
		response.cost()
			.filter((cost) -> response.provider() != null)
			.ifPresent((cost) -> Counter.builder("llm.cost")
				.description("Spend in US dollars")
				.baseUnit("usd")
				.tags("provider", response.provider(), "model", orNone(response.model()))
				.register(this.registry)
				.increment(cost.doubleValue()));
	}

	@Override
	public void onFailure(ChatRequest request, LlmException error, Duration duration) {
		Counter.builder("llm.requests")
			.description("Requests answered or failed by the router")
			.tags(Tags.of("provider", orNone(error.provider()), "model", NONE, "level", NONE, "outcome", "failure")
				.and(requestTags(request)))
			.register(this.registry)
			.increment();
		Timer.builder("llm.request.duration")
			.description("Time to answer a request, fallbacks included")
			.tags(Tags.of("level", NONE, "outcome", "failure").and(requestTags(request)))
			.register(this.registry)
			.record(duration);
		error.attempts().forEach(this::fallback);
	}

	@Override
	public void onCacheLookup(ChatRequest request, boolean hit) {
		Counter.builder("llm.cache.lookups")
			.description("Lookups in the response cache")
			.tag("result", hit ? "hit" : "miss")
			.register(this.registry)
			.increment();
	}

	private Tags requestTags(ChatRequest request) {
		Tags tags = Tags.empty();
		for (String key : this.requestTags) {
			tags = tags.and(key, request.tags().getOrDefault(key, NONE));
		}
		return tags;
	}

	private void fallback(Attempt attempt) {
		Counter.builder("llm.fallbacks")
			.description("Failed or skipped provider attempts that moved a request on")
			.tags("provider", attempt.provider(), "kind", lower(attempt.kind().name()))
			.register(this.registry)
			.increment();
	}

	private void genAi(ProviderSettings provider, ChatResponse response, Duration duration) {
		Tags tags = Tags.of("gen_ai.operation.name", "chat", "gen_ai.system", system(provider.type()),
				"gen_ai.request.model", provider.model(), "gen_ai.response.model", orNone(response.model()));
		Timer.builder("gen_ai.client.operation.duration")
			.description("GenAI operation duration")
			.tags(tags)
			.register(this.registry)
			.record(duration);
		DistributionSummary.builder("gen_ai.client.token.usage")
			.description("Measures number of input and output tokens used")
			.baseUnit("{token}")
			.tags(tags.and("gen_ai.token.type", "input"))
			.register(this.registry)
			.record(response.usage().inputTokens());
		DistributionSummary.builder("gen_ai.client.token.usage")
			.description("Measures number of input and output tokens used")
			.baseUnit("{token}")
			.tags(tags.and("gen_ai.token.type", "output"))
			.register(this.registry)
			.record(response.usage().outputTokens());
	}

	private static String system(ProviderType type) {
		return switch (type) {
			case ANTHROPIC -> "anthropic";
			case GOOGLE -> "gcp.gemini";
			case AZURE_OPENAI -> "az.ai.openai";
			default -> "openai";
		};
	}

	private static String orNone(String value) {
		return (value != null) ? value : NONE;
	}

	private static String lower(String value) {
		return value.toLowerCase(Locale.ROOT);
	}

}
