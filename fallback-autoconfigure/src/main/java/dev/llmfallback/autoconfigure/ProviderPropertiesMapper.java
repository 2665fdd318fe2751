package dev.llmfallback.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.llmfallback.cost.Price;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.provider.ProviderTimeouts;
import dev.llmfallback.provider.ProviderType;
import org.springframework.util.StringUtils;

/**
 * Checks and maps the {@code llm.providers} entries: names, types, keys, URLs, timeouts,
 * limits and prices. Part of {@link LlmPropertiesMapper}.
 */
class ProviderPropertiesMapper {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

	private final Function<String, String> environment;

	private final Problems problems;

	ProviderPropertiesMapper(Function<String, String> environment, Problems problems) {
		this.environment = environment;
		this.problems = problems;
	}

	Map<String, Price> prices(List<LlmProviderProperties> entries) {
		Map<String, Price> prices = new HashMap<>();
		for (int i = 0; i < entries.size(); i++) {
			LlmPriceProperties price = entries.get(i).getPrice();
			if (price.getInput() == null && price.getOutput() == null) {
				continue;
			}
			if (price.getInput() == null || price.getOutput() == null) {
				this.problems
					.add("llm.providers[" + i + "].price needs both input and output (US dollars per million tokens)");
				continue;
			}
			if (entries.get(i).getName() != null) {
				prices.put(entries.get(i).getName(),
						new Price(price.getInput(), price.getOutput(), price.getCachedInput()));
			}
		}
		return prices;
	}

	List<ProviderSettings> providers(LlmProperties properties) {
		List<LlmProviderProperties> entries = properties.getProviders();
		if (entries.isEmpty()) {
			this.problems
				.add("llm.providers must list at least one provider (name, model, priority), or set llm.enabled=false");
			return List.of();
		}
		Map<String, Integer> names = new HashMap<>();
		Map<Integer, Integer> priorities = new HashMap<>();
		List<IndexedSettings> enabled = new ArrayList<>();
		for (int i = 0; i < entries.size(); i++) {
			LlmProviderProperties entry = entries.get(i);
			String key = "llm.providers[" + i + "]";
			checkName(key, entry, i, names);
			Optional<ProviderType> type = type(key, entry);
			if (!StringUtils.hasText(entry.getModel())) {
				this.problems.add(key + ".model must be set, for example 'gpt-4o' or 'claude-sonnet-4-20250514'");
			}
			if (!entry.isEnabled()) {
				continue;
			}
			if (entry.getPriority() != null) {
				Integer other = priorities.putIfAbsent(entry.getPriority(), i);
				if (other != null) {
					this.problems
						.add(key + ".priority " + entry.getPriority() + " is also the priority of llm.providers["
								+ other + "]; enabled providers need distinct priorities");
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
			this.problems.add("llm.providers has no enabled provider; enable one or set llm.enabled=false");
		}
		return enabled.stream().sorted(IndexedSettings.ORDER).map(IndexedSettings::settings).toList();
	}

	private void checkName(String key, LlmProviderProperties entry, int index, Map<String, Integer> names) {
		if (!StringUtils.hasText(entry.getName())) {
			this.problems.add(key + ".name must be set");
			return;
		}
		if (!NAME.matcher(entry.getName()).matches()) {
			this.problems.add(key + ".name '" + entry.getName()
					+ "' may only contain letters, digits, '.', '_' and '-' (it names metrics and Resilience4j instances)");
		}
		Integer other = names.putIfAbsent(entry.getName(), index);
		if (other != null) {
			this.problems.add(key + ".name '" + entry.getName() + "' is also the name of llm.providers[" + other
					+ "]; names must be unique");
		}
	}

	private Optional<ProviderType> type(String key, LlmProviderProperties entry) {
		if (StringUtils.hasText(entry.getType())) {
			Optional<ProviderType> type = ProviderType.fromId(entry.getType());
			if (type.isEmpty()) {
				this.problems
					.add(key + ".type '" + entry.getType() + "' is not a known type; use one of " + ProviderType.ids());
			}
			return type;
		}
		Optional<ProviderType> fromName = ProviderType.fromId(entry.getName());
		if (fromName.isEmpty() && StringUtils.hasText(entry.getName())) {
			this.problems.add(key + ".type must be set because the name '" + entry.getName()
					+ "' is not a provider type; use one of " + ProviderType.ids());
		}
		return fromName;
	}

	private Optional<ProviderSettings> settings(String key, LlmProviderProperties entry, ProviderType type,
			LlmTimeoutsProperties defaults) {
		URI baseUrl = baseUrl(key, entry, type);
		String apiKey = apiKey(key, entry, type);
		ProviderTimeouts timeouts = new ProviderTimeouts(
				orDefault(key + ".connect-timeout", entry.getConnectTimeout(), defaults.getConnect()),
				orDefault(key + ".response-timeout", entry.getResponseTimeout(), defaults.getResponse()),
				orDefault(key + ".first-token-timeout", entry.getFirstTokenTimeout(), defaults.getFirstToken()));
		this.problems.checkPositive(key + ".context-window", entry.getContextWindow());
		this.problems.checkPositive(key + ".max-output-tokens", entry.getMaxOutputTokens());
		this.problems.checkPositive(key + ".requests-per-minute", entry.getRequestsPerMinute());
		this.problems.checkPositive(key + ".tokens-per-minute", entry.getTokensPerMinute());
		this.problems.checkPositive(key + ".max-concurrent-calls", entry.getMaxConcurrentCalls());
		this.problems.checkNotNegative(key + ".weight", entry.getWeight());
		this.problems.checkNotNegative(key + ".price.input", entry.getPrice().getInput());
		this.problems.checkNotNegative(key + ".price.output", entry.getPrice().getOutput());
		this.problems.checkNotNegative(key + ".price.cached-input", entry.getPrice().getCachedInput());
		if (entry.getTier() == null) {
			this.problems.add(key + ".tier must be one of full, reduced, basic");
		}
		if (baseUrl == null || !StringUtils.hasText(entry.getModel()) || !StringUtils.hasText(entry.getName())
				|| entry.getTier() == null) {
			return Optional.empty();
		}
		return Optional.of(new ProviderSettings(entry.getName(), type, entry.getModel(),
				(entry.getPriority() != null) ? entry.getPriority() : Integer.MAX_VALUE, entry.getTier(), baseUrl,
				apiKey, Problems.emptyToNull(entry.getApiVersion()), timeouts, entry.getContextWindow(),
				entry.getMaxOutputTokens(), entry.getHeaders(), entry.getRequestsPerMinute(),
				entry.getMaxConcurrentCalls(), entry.isContentPolicyFallback(),
				(entry.getWeight() != null && entry.getWeight() >= 0) ? entry.getWeight() : 1));
	}

	private URI baseUrl(String key, LlmProviderProperties entry, ProviderType type) {
		String value = !StringUtils.hasText(entry.getBaseUrl()) ? type.defaultBaseUrl() : entry.getBaseUrl().trim();
		if (value == null) {
			this.problems.add(key + ".base-url must be set for type " + type.id()
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
			this.problems.add(key + ".base-url '" + value + "' must be an absolute http or https URL");
			return null;
		}
	}

	private String apiKey(String key, LlmProviderProperties entry, ProviderType type) {
		if (StringUtils.hasText(entry.getApiKey())) {
			return entry.getApiKey().trim();
		}
		for (String variable : type.apiKeyVariables()) {
			String value = this.environment.apply(variable);
			if (StringUtils.hasText(value)) {
				return value.trim();
			}
		}
		if (type.requiresApiKey()) {
			this.problems.add(key + ".api-key is not set and the environment variable "
					+ String.join(" or ", type.apiKeyVariables())
					+ " is empty; set one of them, or disable the provider with " + key + ".enabled=false");
		}
		return null;
	}

	private Duration orDefault(String key, Duration value, Duration defaultValue) {
		this.problems.checkPositive(key, value);
		return (value != null) ? value : defaultValue;
	}

	private record IndexedSettings(int index, ProviderSettings settings, Integer priority) {

		static final Comparator<IndexedSettings> ORDER = Comparator
			.comparing(IndexedSettings::priority, Comparator.nullsLast(Comparator.naturalOrder()))
			.thenComparingInt(IndexedSettings::index);

	}

}
