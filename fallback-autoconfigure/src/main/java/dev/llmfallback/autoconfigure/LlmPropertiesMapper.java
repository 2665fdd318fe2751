package dev.llmfallback.autoconfigure;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import dev.llmfallback.ErrorKind;
import dev.llmfallback.Tier;
import dev.llmfallback.cost.BudgetSettings;
import dev.llmfallback.cost.Price;
import dev.llmfallback.degradation.DegradationSettings;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.resilience.ResilienceSettings;
import dev.llmfallback.routing.FallbackPolicy;
import dev.llmfallback.routing.RoutingSettings;
import dev.llmfallback.routing.RoutingStrategy;
import org.springframework.util.StringUtils;

/**
 * Checks {@link LlmProperties} and maps it to {@link LlmSettings}: the one place where
 * the configuration is validated. Every problem is reported with the property that causes
 * it and how to fix it; API keys are never printed.
 */
public class LlmPropertiesMapper {

	private final Function<String, String> environment;

	private final Problems problems = new Problems();

	/**
	 * Create a mapper.
	 * @param environment looks up environment variables (and other properties) by name,
	 * for default API keys
	 */
	public LlmPropertiesMapper(Function<String, String> environment) {
		this.environment = environment;
	}

	/**
	 * Validate and map the properties.
	 * @param properties the bound properties
	 * @return the settings
	 * @throws InvalidLlmPropertiesException listing every problem found
	 */
	public LlmSettings map(LlmProperties properties) {
		this.problems.clear();
		ProviderPropertiesMapper providerMapper = new ProviderPropertiesMapper(this.environment, this.problems);
		List<ProviderSettings> providers = providerMapper.providers(properties);
		LlmFallbackProperties fallback = properties.getFallback();
		FallbackPolicy policy = fallbackPolicy(fallback);
		ResilienceSettings resilience = resilience(fallback);
		this.problems.checkPositive("llm.timeouts.connect", properties.getTimeouts().getConnect());
		this.problems.checkPositive("llm.timeouts.response", properties.getTimeouts().getResponse());
		this.problems.checkPositive("llm.timeouts.first-token", properties.getTimeouts().getFirstToken());
		this.problems.checkPositive("llm.timeouts.deadline", properties.getTimeouts().getDeadline());
		this.problems.checkPositive("llm.fallback.max-attempts", fallback.getMaxAttempts());
		this.problems.checkPositive("llm.http.max-connections", properties.getHttp().getMaxConnections());
		RoutingSettings routing = new RoutingSettings(policy, properties.getTimeouts().getDeadline(),
				fallback.getMaxAttempts(), hedging(fallback.getHedging()), fallback.getStreaming().isResume());
		DegradationSettings degradation = degradation(properties.getDegradation(), properties.getCache());
		Map<String, Price> prices = providerMapper.prices(properties.getProviders());
		BudgetSettings budget = budget(properties.getBudget());
		this.problems.checkPositive("llm.redis.command-timeout", properties.getRedis().getCommandTimeout());
		this.problems.checkPositive("llm.redis.refresh-interval", properties.getRedis().getRefreshInterval());
		this.problems.checkPositive("llm.dashboard.refresh-interval", properties.getDashboard().getRefreshInterval());
		if (properties.getDashboard().getPath() == null || !properties.getDashboard().getPath().startsWith("/")) {
			this.problems
				.add("llm.dashboard.path must start with '/', was '" + properties.getDashboard().getPath() + "'");
		}
		RoutingStrategy strategy = properties.getRouting().getStrategy();
		for (int i = 0; i < properties.getProviders().size(); i++) {
			LlmProviderProperties provider = properties.getProviders().get(i);
			if (provider.getTokensPerMinute() != null && !properties.getRedis().isRateLimits()) {
				this.problems.add("llm.providers[" + i
						+ "].tokens-per-minute is counted for the whole fleet on Redis; set llm.redis.rate-limits=true");
			}
			if (provider.getWeight() != null && strategy != RoutingStrategy.WEIGHTED) {
				this.problems.add("llm.providers[" + i
						+ "].weight is used only by the weighted strategy; set llm.routing.strategy=weighted");
			}
		}
		if (strategy == null) {
			this.problems.add("llm.routing.strategy must be one of priority, cost, latency, weighted, least-busy");
		}
		if (!this.problems.isEmpty()) {
			throw new InvalidLlmPropertiesException(this.problems.list());
		}
		return new LlmSettings(providers, routing, strategy, resilience, degradation, prices, budget);
	}

	private DegradationSettings degradation(LlmDegradationProperties degradation, LlmCacheProperties cache) {
		if (degradation.getLevels() == null || degradation.getLevels().isEmpty()) {
			this.problems
				.add("llm.degradation.levels must name at least one level of full, reduced, basic, cached, static");
		}
		if (!StringUtils.hasText(degradation.getStaticMessage())) {
			this.problems.add("llm.degradation.static-message must not be empty");
		}
		degradation.getStaticMessages().forEach((tier, message) -> {
			if (!StringUtils.hasText(message)) {
				this.problems
					.add("llm.degradation.static-messages." + tier.name().toLowerCase() + " must not be empty");
			}
		});
		this.problems.checkPositive("llm.cache.ttl", cache.getTtl());
		if (cache.getMaxSize() <= 0) {
			this.problems.add("llm.cache.max-size must be positive, was " + cache.getMaxSize());
		}
		if (cache.getMode() == null) {
			this.problems.add("llm.cache.mode must be fallback-only or always");
		}
		return new DegradationSettings((degradation.getLevels() != null) ? degradation.getLevels() : Set.of(),
				Objects.requireNonNullElse(degradation.getStaticMessage(), ""), degradation.getStaticMessages(),
				Objects.requireNonNullElse(cache.getMode(), DegradationSettings.CacheMode.FALLBACK_ONLY),
				cache.isEnabled());
	}

	private BudgetSettings budget(LlmBudgetProperties budget) {
		this.problems.checkPositive("llm.budget.per-minute", budget.getPerMinute());
		this.problems.checkPositive("llm.budget.per-hour", budget.getPerHour());
		this.problems.checkPositive("llm.budget.per-day", budget.getPerDay());
		if (budget.getDowngradeAt() <= 0 || budget.getDowngradeAt() > 1) {
			this.problems.add("llm.budget.downgrade-at must be above 0 and at most 1, was " + budget.getDowngradeAt());
		}
		if (budget.getDowngradeTo() == null) {
			this.problems.add("llm.budget.downgrade-to must be one of full, reduced, basic");
		}
		return new BudgetSettings(budget.getPerMinute(), budget.getPerHour(), budget.getPerDay(),
				budget.getDowngradeAt(), Objects.requireNonNullElse(budget.getDowngradeTo(), Tier.BASIC));
	}

	private RoutingSettings.Hedging hedging(LlmFallbackProperties.Hedging hedging) {
		this.problems.checkPositive("llm.fallback.hedging.delay", hedging.getDelay());
		Double percentile = hedging.getPercentile();
		if (percentile != null && (percentile <= 0 || percentile > 1)) {
			this.problems.add("llm.fallback.hedging.percentile must be above 0 and at most 1, was " + percentile);
		}
		return new RoutingSettings.Hedging(hedging.isEnabled(), hedging.getDelay(), percentile);
	}

	private ResilienceSettings resilience(LlmFallbackProperties fallback) {
		if (fallback.getMaxRetries() < 0) {
			this.problems.add("llm.fallback.max-retries must be 0 or more, was " + fallback.getMaxRetries());
		}
		if (fallback.getBackoff() == null) {
			this.problems.add("llm.fallback.backoff must be one of exponential, fixed, none");
		}
		this.problems.checkPositive("llm.fallback.initial-interval", fallback.getInitialInterval());
		this.problems.checkPositive("llm.fallback.max-interval", fallback.getMaxInterval());
		this.problems.checkPositive("llm.fallback.max-retry-after", fallback.getMaxRetryAfter());
		this.problems.checkPositive("llm.fallback.reset-timeout", fallback.getResetTimeout());
		this.problems.checkPositive("llm.fallback.quota-open-duration", fallback.getQuotaOpenDuration());
		if (fallback.getMultiplier() < 1) {
			this.problems.add("llm.fallback.multiplier must be 1 or more, was " + fallback.getMultiplier());
		}
		if (fallback.getJitter() < 0 || fallback.getJitter() >= 1) {
			this.problems
				.add("llm.fallback.jitter must be from 0 up to (not including) 1, was " + fallback.getJitter());
		}
		this.problems.checkPositive("llm.fallback.failure-threshold", fallback.getFailureThreshold());
		this.problems.checkPositive("llm.fallback.half-open-calls", fallback.getHalfOpenCalls());
		return new ResilienceSettings(Math.max(0, fallback.getMaxRetries()), fallback.getBackoff(),
				fallback.getInitialInterval(), fallback.getMultiplier(), fallback.getMaxInterval(),
				fallback.getJitter(), fallback.getMaxRetryAfter(), fallback.isRetryOnTimeout(),
				fallback.getFailureThreshold(), fallback.getResetTimeout(), fallback.getHalfOpenCalls(),
				fallback.getQuotaOpenDuration());
	}

	private FallbackPolicy fallbackPolicy(LlmFallbackProperties fallback) {
		Set<Integer> statuses = new HashSet<>();
		Set<ErrorKind> kinds = EnumSet.noneOf(ErrorKind.class);
		List<String> entries = fallback.getOnError();
		for (int i = 0; i < entries.size(); i++) {
			String entry = (entries.get(i) != null) ? entries.get(i).trim() : "";
			if (entry.matches("\\d{3}") && Integer.parseInt(entry) >= 400 && Integer.parseInt(entry) <= 599) {
				statuses.add(Integer.parseInt(entry));
				continue;
			}
			try {
				kinds.add(ErrorKind.fromWord(entry));
			}
			catch (IllegalArgumentException ex) {
				this.problems.add("llm.fallback.on-error[" + i + "] '" + entry
						+ "' is neither an HTTP status from 400 to 599 nor an error kind; use a status or one of "
						+ String.join(", ", errorKindWords()));
			}
		}
		return new FallbackPolicy(statuses, kinds);
	}

	private static List<String> errorKindWords() {
		return EnumSet.allOf(ErrorKind.class).stream().map((kind) -> kind.name().toLowerCase()).toList();
	}

}
