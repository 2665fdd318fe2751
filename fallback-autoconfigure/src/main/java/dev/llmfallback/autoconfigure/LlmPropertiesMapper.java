package dev.llmfallback.autoconfigure;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.llmfallback.ErrorKind;
import dev.llmfallback.Tier;
import dev.llmfallback.cost.BudgetSettings;
import dev.llmfallback.cost.Price;
import dev.llmfallback.degradation.DegradationSettings;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.provider.ProviderTimeouts;
import dev.llmfallback.provider.ProviderType;
import dev.llmfallback.resilience.ResilienceSettings;
import dev.llmfallback.routing.FallbackPolicy;
import dev.llmfallback.routing.RoutingSettings;

/**
 * Checks {@link LlmProperties} and maps it to {@link LlmSettings}: the one place where
 * the configuration is validated. Every problem is reported with the property that causes
 * it and how to fix it; API keys are never printed.
 */
public class LlmPropertiesMapper {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

	private final Function<String, String> environment;

	private final List<String> problems = new ArrayList<>();

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
		List<ProviderSettings> providers = providers(properties);
		LlmProperties.Fallback fallback = properties.getFallback();
		FallbackPolicy policy = fallbackPolicy(fallback);
		ResilienceSettings resilience = resilience(fallback);
		checkPositive("llm.timeouts.connect", properties.getTimeouts().getConnect());
		checkPositive("llm.timeouts.response", properties.getTimeouts().getResponse());
		checkPositive("llm.timeouts.first-token", properties.getTimeouts().getFirstToken());
		checkPositive("llm.timeouts.deadline", properties.getTimeouts().getDeadline());
		checkPositive("llm.fallback.max-attempts", fallback.getMaxAttempts());
		checkPositive("llm.dashboard.refresh-interval", properties.getDashboard().getRefreshInterval());
		if (properties.getDashboard().getPath() == null || !properties.getDashboard().getPath().startsWith("/")) {
			problem("llm.dashboard.path must start with '/', was '" + properties.getDashboard().getPath() + "'");
		}
		RoutingSettings routing = new RoutingSettings(policy, properties.getTimeouts().getDeadline(),
				fallback.getMaxAttempts(), hedging(fallback.getHedging()), fallback.getStreaming().isResume());
		DegradationSettings degradation = degradation(properties.getDegradation(), properties.getCache());
		Map<String, Price> prices = prices(properties.getProviders());
		BudgetSettings budget = budget(properties.getBudget());
		if (properties.getRouting().getStrategy() == null) {
			problem("llm.routing.strategy must be one of priority, cost, latency");
		}
		if (!this.problems.isEmpty()) {
			throw new InvalidLlmPropertiesException(this.problems);
		}
		return new LlmSettings(providers, routing, properties.getRouting().getStrategy(), resilience, degradation,
				prices, budget);
	}

	private DegradationSettings degradation(LlmProperties.Degradation degradation, LlmProperties.Cache cache) {
		if (degradation.getLevels() == null || degradation.getLevels().isEmpty()) {
			problem("llm.degradation.levels must name at least one level of full, reduced, basic, cached, static");
		}
		if (isBlank(degradation.getStaticMessage())) {
			problem("llm.degradation.static-message must not be empty");
		}
		degradation.getStaticMessages().forEach((tier, message) -> {
			if (isBlank(message)) {
				problem("llm.degradation.static-messages." + tier.name().toLowerCase() + " must not be empty");
			}
		});
		checkPositive("llm.cache.ttl", cache.getTtl());
		if (cache.getMaxSize() <= 0) {
			problem("llm.cache.max-size must be positive, was " + cache.getMaxSize());
		}
		if (cache.getMode() == null) {
			problem("llm.cache.mode must be fallback-only or always");
		}
		return new DegradationSettings((degradation.getLevels() != null) ? degradation.getLevels() : Set.of(),
				Objects.requireNonNullElse(degradation.getStaticMessage(), ""), degradation.getStaticMessages(),
				Objects.requireNonNullElse(cache.getMode(), DegradationSettings.CacheMode.FALLBACK_ONLY),
				cache.isEnabled());
	}

	private Map<String, Price> prices(List<LlmProperties.Provider> entries) {
		Map<String, Price> prices = new HashMap<>();
		for (int i = 0; i < entries.size(); i++) {
			LlmProperties.Price price = entries.get(i).getPrice();
			if (price.getInput() == null && price.getOutput() == null) {
				continue;
			}
			if (price.getInput() == null || price.getOutput() == null) {
				problem("llm.providers[" + i + "].price needs both input and output (US dollars per million tokens)");
				continue;
			}
			if (entries.get(i).getName() != null) {
				prices.put(entries.get(i).getName(),
						new Price(price.getInput(), price.getOutput(), price.getCachedInput()));
			}
		}
		return prices;
	}

	private BudgetSettings budget(LlmProperties.Budget budget) {
		checkPositive("llm.budget.per-minute", budget.getPerMinute());
		checkPositive("llm.budget.per-hour", budget.getPerHour());
		checkPositive("llm.budget.per-day", budget.getPerDay());
		if (budget.getDowngradeAt() <= 0 || budget.getDowngradeAt() > 1) {
			problem("llm.budget.downgrade-at must be above 0 and at most 1, was " + budget.getDowngradeAt());
		}
		if (budget.getDowngradeTo() == null) {
			problem("llm.budget.downgrade-to must be one of full, reduced, basic");
		}
		return new BudgetSettings(budget.getPerMinute(), budget.getPerHour(), budget.getPerDay(),
				budget.getDowngradeAt(), Objects.requireNonNullElse(budget.getDowngradeTo(), Tier.BASIC));
	}

	private RoutingSettings.Hedging hedging(LlmProperties.Hedging hedging) {
		checkPositive("llm.fallback.hedging.delay", hedging.getDelay());
		Double percentile = hedging.getPercentile();
		if (percentile != null && (percentile <= 0 || percentile > 1)) {
			problem("llm.fallback.hedging.percentile must be above 0 and at most 1, was " + percentile);
		}
		return new RoutingSettings.Hedging(hedging.isEnabled(), hedging.getDelay(), percentile);
	}

	private ResilienceSettings resilience(LlmProperties.Fallback fallback) {
		if (fallback.getMaxRetries() < 0) {
			problem("llm.fallback.max-retries must be 0 or more, was " + fallback.getMaxRetries());
		}
		if (fallback.getBackoff() == null) {
			problem("llm.fallback.backoff must be one of exponential, fixed, none");
		}
		checkPositive("llm.fallback.initial-interval", fallback.getInitialInterval());
		checkPositive("llm.fallback.max-interval", fallback.getMaxInterval());
		checkPositive("llm.fallback.max-retry-after", fallback.getMaxRetryAfter());
		checkPositive("llm.fallback.reset-timeout", fallback.getResetTimeout());
		checkPositive("llm.fallback.quota-open-duration", fallback.getQuotaOpenDuration());
		if (fallback.getMultiplier() < 1) {
			problem("llm.fallback.multiplier must be 1 or more, was " + fallback.getMultiplier());
		}
		if (fallback.getJitter() < 0 || fallback.getJitter() >= 1) {
			problem("llm.fallback.jitter must be from 0 up to (not including) 1, was " + fallback.getJitter());
		}
		checkPositive("llm.fallback.failure-threshold", fallback.getFailureThreshold());
		checkPositive("llm.fallback.half-open-calls", fallback.getHalfOpenCalls());
		return new ResilienceSettings(Math.max(0, fallback.getMaxRetries()), fallback.getBackoff(),
				fallback.getInitialInterval(), fallback.getMultiplier(), fallback.getMaxInterval(),
				fallback.getJitter(), fallback.getMaxRetryAfter(), fallback.isRetryOnTimeout(),
				fallback.getFailureThreshold(), fallback.getResetTimeout(), fallback.getHalfOpenCalls(),
				fallback.getQuotaOpenDuration());
	}

	private List<ProviderSettings> providers(LlmProperties properties) {
		List<LlmProperties.Provider> entries = properties.getProviders();
		if (entries.isEmpty()) {
			problem("llm.providers must list at least one provider (name, model, priority), or set llm.enabled=false");
			return List.of();
		}
		Map<String, Integer> names = new HashMap<>();
		Map<Integer, Integer> priorities = new HashMap<>();
		List<IndexedSettings> enabled = new ArrayList<>();
		for (int i = 0; i < entries.size(); i++) {
			LlmProperties.Provider entry = entries.get(i);
			String key = "llm.providers[" + i + "]";
			checkName(key, entry, i, names);
			Optional<ProviderType> type = type(key, entry);
			if (isBlank(entry.getModel())) {
				problem(key + ".model must be set, for example 'gpt-4o' or 'claude-sonnet-4-20250514'");
			}
			if (!entry.isEnabled()) {
				continue;
			}
			if (entry.getPriority() != null) {
				Integer other = priorities.putIfAbsent(entry.getPriority(), i);
				if (other != null) {
					problem(key + ".priority " + entry.getPriority() + " is also the priority of llm.providers[" + other
							+ "]; enabled providers need distinct priorities");
				}
			}
			if (type.isPresent()) {
				Optional<ProviderSettings> settings = settings(key, entry, type.get(), properties.getTimeouts());
				if (settings.isPresent()) {
					enabled.add(new IndexedSettings(i, settings.get(), entry.getPriority()));
				}
			}
		}
		if (enabled.isEmpty() && this.problems.isEmpty()) {
			problem("llm.providers has no enabled provider; enable one or set llm.enabled=false");
		}
		return enabled.stream().sorted(IndexedSettings.ORDER).map(IndexedSettings::settings).toList();
	}

	private void checkName(String key, LlmProperties.Provider entry, int index, Map<String, Integer> names) {
		if (isBlank(entry.getName())) {
			problem(key + ".name must be set");
			return;
		}
		if (!NAME.matcher(entry.getName()).matches()) {
			problem(key + ".name '" + entry.getName()
					+ "' may only contain letters, digits, '.', '_' and '-' (it names metrics and Resilience4j instances)");
		}
		Integer other = names.putIfAbsent(entry.getName(), index);
		if (other != null) {
			problem(key + ".name '" + entry.getName() + "' is also the name of llm.providers[" + other
					+ "]; names must be unique");
		}
	}

	private Optional<ProviderType> type(String key, LlmProperties.Provider entry) {
		if (!isBlank(entry.getType())) {
			Optional<ProviderType> type = ProviderType.fromId(entry.getType());
			if (type.isEmpty()) {
				problem(key + ".type '" + entry.getType() + "' is not a known type; use one of " + ProviderType.ids());
			}
			return type;
		}
		Optional<ProviderType> fromName = ProviderType.fromId(entry.getName());
		if (fromName.isEmpty() && !isBlank(entry.getName())) {
			problem(key + ".type must be set because the name '" + entry.getName()
					+ "' is not a provider type; use one of " + ProviderType.ids());
		}
		return fromName;
	}

	private Optional<ProviderSettings> settings(String key, LlmProperties.Provider entry, ProviderType type,
			LlmProperties.Timeouts defaults) {
		URI baseUrl = baseUrl(key, entry, type);
		String apiKey = apiKey(key, entry, type);
		ProviderTimeouts timeouts = new ProviderTimeouts(
				orDefault(key + ".connect-timeout", entry.getConnectTimeout(), defaults.getConnect()),
				orDefault(key + ".response-timeout", entry.getResponseTimeout(), defaults.getResponse()),
				orDefault(key + ".first-token-timeout", entry.getFirstTokenTimeout(), defaults.getFirstToken()));
		checkPositive(key + ".context-window", entry.getContextWindow());
		checkPositive(key + ".max-output-tokens", entry.getMaxOutputTokens());
		checkPositive(key + ".requests-per-minute", entry.getRequestsPerMinute());
		checkPositive(key + ".max-concurrent-calls", entry.getMaxConcurrentCalls());
		checkNotNegative(key + ".price.input", entry.getPrice().getInput());
		checkNotNegative(key + ".price.output", entry.getPrice().getOutput());
		checkNotNegative(key + ".price.cached-input", entry.getPrice().getCachedInput());
		if (entry.getTier() == null) {
			problem(key + ".tier must be one of full, reduced, basic");
		}
		if (baseUrl == null || isBlank(entry.getModel()) || isBlank(entry.getName()) || entry.getTier() == null) {
			return Optional.empty();
		}
		return Optional.of(new ProviderSettings(entry.getName(), type, entry.getModel(),
				(entry.getPriority() != null) ? entry.getPriority() : Integer.MAX_VALUE, entry.getTier(), baseUrl,
				apiKey, emptyToNull(entry.getApiVersion()), timeouts, entry.getContextWindow(),
				entry.getMaxOutputTokens(), entry.getHeaders(), entry.getRequestsPerMinute(),
				entry.getMaxConcurrentCalls(), entry.isContentPolicyFallback()));
	}

	private URI baseUrl(String key, LlmProperties.Provider entry, ProviderType type) {
		String value = isBlank(entry.getBaseUrl()) ? type.defaultBaseUrl() : entry.getBaseUrl().trim();
		if (value == null) {
			problem(key + ".base-url must be set for type " + type.id()
					+ ((type == ProviderType.AZURE_OPENAI) ? ", for example https://my-resource.openai.azure.com"
							: ", for example http://localhost:11434/v1"));
			return null;
		}
		try {
			URI uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
			if (uri.getHost() == null || !Set.of("http", "https").contains(uri.getScheme())) {
				throw new IllegalArgumentException();
			}
			return uri;
		}
		catch (IllegalArgumentException ex) {
			problem(key + ".base-url '" + value + "' must be an absolute http or https URL");
			return null;
		}
	}

	private String apiKey(String key, LlmProperties.Provider entry, ProviderType type) {
		if (!isBlank(entry.getApiKey())) {
			return entry.getApiKey().trim();
		}
		for (String variable : type.apiKeyVariables()) {
			String value = this.environment.apply(variable);
			if (!isBlank(value)) {
				return value.trim();
			}
		}
		if (type.requiresApiKey()) {
			problem(key + ".api-key is not set and the environment variable "
					+ String.join(" or ", type.apiKeyVariables())
					+ " is empty; set one of them, or disable the provider with " + key + ".enabled=false");
		}
		return null;
	}

	private FallbackPolicy fallbackPolicy(LlmProperties.Fallback fallback) {
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
				problem("llm.fallback.on-error[" + i + "] '" + entry
						+ "' is neither an HTTP status from 400 to 599 nor an error kind; use a status or one of "
						+ String.join(", ", errorKindWords()));
			}
		}
		return new FallbackPolicy(statuses, kinds);
	}

	private static List<String> errorKindWords() {
		return EnumSet.allOf(ErrorKind.class).stream().map((kind) -> kind.name().toLowerCase()).toList();
	}

	private Duration orDefault(String key, Duration value, Duration defaultValue) {
		checkPositive(key, value);
		return (value != null) ? value : defaultValue;
	}

	private void checkPositive(String key, Duration value) {
		if (value != null && (value.isNegative() || value.isZero())) {
			problem(key + " must be positive, was " + value);
		}
	}

	private void checkPositive(String key, int value) {
		if (value <= 0) {
			problem(key + " must be positive, was " + value);
		}
	}

	private void checkPositive(String key, Integer value) {
		if (value != null && value <= 0) {
			problem(key + " must be positive, was " + value);
		}
	}

	private void checkPositive(String key, BigDecimal value) {
		if (value != null && value.signum() <= 0) {
			problem(key + " must be positive, was " + value);
		}
	}

	private void checkNotNegative(String key, BigDecimal value) {
		if (value != null && value.signum() < 0) {
			problem(key + " must not be negative, was " + value);
		}
	}

	private void problem(String message) {
		this.problems.add(message);
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	private static String emptyToNull(String value) {
		return isBlank(value) ? null : value.trim();
	}

	private record IndexedSettings(int index, ProviderSettings settings, Integer priority) {

		static final Comparator<IndexedSettings> ORDER = Comparator
			.comparing(IndexedSettings::priority, Comparator.nullsLast(Comparator.naturalOrder()))
			.thenComparingInt(IndexedSettings::index);

	}

}
