package dev.llmfallback.actuator;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import dev.llmfallback.Attempt;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.DegradationLevel;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.LlmRouterListener;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.provider.ProviderType;

/**
 * Micrometer meters of the router. OpenTelemetry's GenAI names where they exist
 * ({@code gen_ai.client.operation.duration}, {@code gen_ai.client.token.usage}); the
 * router's own under {@code llm.*}. Tags stay low-cardinality: provider, model, level,
 * outcome ({@code success}, {@code degraded}, {@code failure}, {@code cancelled}) and
 * error kind, never prompt text or ids. Each set of tags is looked up in the registry
 * once, not on every request.
 */
public class LlmMetrics implements LlmRouterListener {

	private static final String NONE = "none";

	private static final String FAILURE = "failure";

	private static final String CANCELLED = "cancelled";

	private final MeterRegistry registry;

	private final Map<String, ProviderSettings> providers;

	private final List<String> requestTags;

	private final Map<AnswerKey, AnswerMeters> answers = new ConcurrentHashMap<>();

	private final Map<AnswerKey, Counter> costs = new ConcurrentHashMap<>();

	private final Map<UnansweredKey, UnansweredMeters> unanswered = new ConcurrentHashMap<>();

	private final Map<FallbackKey, Counter> fallbacks = new ConcurrentHashMap<>();

	private final Map<Boolean, Counter> cacheLookups = new ConcurrentHashMap<>();

	// kept, so that looking up existing meters allocates no function per request
	private final Function<AnswerKey, AnswerMeters> newAnswerMeters = this::answerMeters;

	private final Function<AnswerKey, Counter> newCost = (key) -> cost(key.provider(), key.model());

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
		AnswerKey key = new AnswerKey(response.provider(), response.model(), response.level(), response.isDegraded(),
				requestTagValues(request));
		AnswerMeters meters = this.answers.computeIfAbsent(key, this.newAnswerMeters);
		meters.requests.increment();
		meters.duration.record(duration);
		if (!response.attempts().isEmpty()) {
			response.attempts().forEach(this::fallback);
		}
		if (meters.operation != null) {
			meters.operation.record(duration);
			meters.inputTokens.record(response.usage().inputTokens());
			meters.outputTokens.record(response.usage().outputTokens());
		}
		Optional<BigDecimal> cost = response.cost();
		if (key.provider() != null && cost.isPresent()) {
			this.costs.computeIfAbsent(key, this.newCost).increment(cost.get().doubleValue());
		}
	}

	@Override
	public void onFailure(ChatRequest request, LlmException error, Duration duration) {
		unanswered(new UnansweredKey(error.provider(), FAILURE, requestTagValues(request)), duration);
		error.attempts().forEach(this::fallback);
	}

	@Override
	public void onCancel(ChatRequest request, Duration duration) {
		onCancel(request, List.of(), duration);
	}

	@Override
	public void onCancel(ChatRequest request, List<Attempt> attempts, Duration duration) {
		unanswered(new UnansweredKey(null, CANCELLED, requestTagValues(request)), duration);
		attempts.forEach(this::fallback);
	}

	private void unanswered(UnansweredKey key, Duration duration) {
		UnansweredMeters meters = this.unanswered.computeIfAbsent(key, this::unansweredMeters);
		meters.requests.increment();
		meters.duration.record(duration);
	}

	@Override
	public void onCacheLookup(ChatRequest request, boolean hit) {
		this.cacheLookups
			.computeIfAbsent(hit,
					(found) -> Counter.builder("llm.cache.lookups")
						.description("Lookups in the response cache")
						.tag("result", found ? "hit" : "miss")
						.register(this.registry))
			.increment();
	}

	private List<String> requestTagValues(ChatRequest request) {
		if (this.requestTags.isEmpty()) {
			return List.of();
		}
		List<String> values = new ArrayList<>(this.requestTags.size());
		for (String key : this.requestTags) {
			values.add(request.tags().getOrDefault(key, NONE));
		}
		return values;
	}

	private Tags requestTags(List<String> values) {
		Tags tags = Tags.empty();
		for (int i = 0; i < values.size(); i++) {
			tags = tags.and(this.requestTags.get(i), values.get(i));
		}
		return tags;
	}

	private void fallback(Attempt attempt) {
		this.fallbacks
			.computeIfAbsent(new FallbackKey(attempt.provider(), attempt.kind()),
					(key) -> Counter.builder("llm.fallbacks")
						.description("Failed or skipped provider attempts that moved a request on")
						.tags("provider", key.provider(), "kind", lower(key.kind().name()))
						.register(this.registry))
			.increment();
	}

	private AnswerMeters answerMeters(AnswerKey key) {
		String level = lower(key.level().name());
		String outcome = key.degraded() ? "degraded" : "success";
		Tags requestTags = requestTags(key.requestTags());
		Counter requests = requests(Tags
			.of("provider", orNone(key.provider()), "model", orNone(key.model()), "level", level, "outcome", outcome)
			.and(requestTags));
		Timer duration = duration(Tags.of("level", level, "outcome", outcome).and(requestTags));
		ProviderSettings provider = (key.provider() != null) ? this.providers.get(key.provider()) : null;
		if (provider == null) {
			return new AnswerMeters(requests, duration, null, null, null);
		}
		Tags genAi = Tags.of("gen_ai.operation.name", "chat", "gen_ai.system", system(provider.type()),
				"gen_ai.request.model", provider.model(), "gen_ai.response.model", orNone(key.model()));
		return new AnswerMeters(requests, duration,
				Timer.builder("gen_ai.client.operation.duration")
					.description("GenAI operation duration")
					.tags(genAi)
					.register(this.registry),
				tokens(genAi.and("gen_ai.token.type", "input")), tokens(genAi.and("gen_ai.token.type", "output")));
	}

	private UnansweredMeters unansweredMeters(UnansweredKey key) {
		Tags requestTags = requestTags(key.requestTags());
		return new UnansweredMeters(requests(
				Tags.of("provider", orNone(key.provider()), "model", NONE, "level", NONE, "outcome", key.outcome())
					.and(requestTags)),
				duration(Tags.of("level", NONE, "outcome", key.outcome()).and(requestTags)));
	}

	private Counter requests(Tags tags) {
		return Counter.builder("llm.requests")
			.description("Routed requests, by how they ended: answered, failed or cancelled by their caller")
			.tags(tags)
			.register(this.registry);
	}

	private Timer duration(Tags tags) {
		return Timer.builder("llm.request.duration")
			.description("Time to answer a request, fallbacks included")
			.tags(tags)
			.register(this.registry);
	}

	private DistributionSummary tokens(Tags tags) {
		return DistributionSummary.builder("gen_ai.client.token.usage")
			.description("Measures number of input and output tokens used")
			.baseUnit("{token}")
			.tags(tags)
			.register(this.registry);
	}

	private Counter cost(String provider, String model) {
		return Counter.builder("llm.cost")
			.description("Spend in US dollars")
			.baseUnit("usd")
			.tags("provider", provider, "model", orNone(model))
			.register(this.registry);
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

	/**
	 * What the meters of an answer are chosen by; requests with the same key share their
	 * meters, which are looked up in the registry once.
	 */
	private record AnswerKey(String provider, String model, DegradationLevel level, boolean degraded,
			List<String> requestTags) {

	}

	private record AnswerMeters(Counter requests, Timer duration, Timer operation, DistributionSummary inputTokens,
			DistributionSummary outputTokens) {

	}

	/**
	 * What the meters of a request that ended without an answer are chosen by.
	 */
	private record UnansweredKey(String provider, String outcome, List<String> requestTags) {

	}

	private record UnansweredMeters(Counter requests, Timer duration) {

	}

	private record FallbackKey(String provider, ErrorKind kind) {

	}

}
