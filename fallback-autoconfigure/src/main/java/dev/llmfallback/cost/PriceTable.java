package dev.llmfallback.cost;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.llmfallback.Usage;
import dev.llmfallback.provider.ProviderSettings;

/**
 * Prices of the configured providers: each provider's configured price, or else the
 * built-in price of its model, matched by the longest model-name prefix. An unknown price
 * gives an unknown cost, never zero.
 */
public class PriceTable {

	/** When the built-in prices were last checked against the providers' price pages. */
	public static final String BUILT_IN_AS_OF = "2025-11-15";

	private final Map<String, Price> configured;

	private final Map<String, Price> builtIn;

	private final Map<String, Optional<Price>> resolved = new ConcurrentHashMap<>();

	private final Map<String, Rates> rates = new ConcurrentHashMap<>();

	/**
	 * Create a table.
	 * @param configured prices configured per provider name
	 * @param builtIn prices per model-name prefix, such as {@link #builtIn()}
	 */
	public PriceTable(Map<String, Price> configured, Map<String, Price> builtIn) {
		this.configured = Map.copyOf(configured);
		this.builtIn = Map.copyOf(builtIn);
	}

	/**
	 * The price of a provider's model.
	 * @param provider the provider
	 * @return the price, or empty when unknown
	 */
	public Optional<Price> price(ProviderSettings provider) {
		Price price = this.configured.get(provider.name());
		return (price != null) ? Optional.of(price)
				: this.resolved.computeIfAbsent(provider.model(), this::builtInPrice);
	}

	/**
	 * What an answer of a provider cost.
	 * @param provider the provider
	 * @param usage the tokens it consumed
	 * @return the cost in US dollars, or empty when the price is unknown
	 */
	public Optional<BigDecimal> cost(ProviderSettings provider, Usage usage) {
		Rates rates = this.rates.get(provider.name());
		if (rates == null || !rates.model().equals(provider.model())) {
			rates = price(provider).map((price) -> Rates.of(provider.model(), price)).orElse(Rates.unknown(provider));
			this.rates.put(provider.name(), rates);
		}
		return (rates.price() != null) ? Optional.of(rates.cost(usage)) : Optional.empty();
	}

	private Optional<Price> builtInPrice(String model) {
		return this.builtIn.entrySet()
			.stream()
			.filter((entry) -> model.startsWith(entry.getKey()))
			.max(Comparator.comparingInt((Map.Entry<String, Price> entry) -> entry.getKey().length()))
			.map(Map.Entry::getValue);
	}

	/**
	 * List prices of well-known models in US dollars per million tokens (input, output,
	 * cached input), as of {@link #BUILT_IN_AS_OF}; configure
	 * {@code llm.providers[i].price} for anything else or when they change.
	 * @return the prices by model-name prefix
	 */
	public static Map<String, Price> builtIn() {
		return Map.ofEntries(Map.entry("gpt-4o", Price.of("2.50", "10.00", "1.25")),
				Map.entry("gpt-4o-mini", Price.of("0.15", "0.60", "0.075")),
				Map.entry("gpt-4.1", Price.of("2.00", "8.00", "0.50")),
				Map.entry("gpt-4.1-mini", Price.of("0.40", "1.60", "0.10")),
				Map.entry("gpt-4.1-nano", Price.of("0.10", "0.40", "0.025")),
				Map.entry("gpt-5", Price.of("1.25", "10.00", "0.125")),
				Map.entry("gpt-5-mini", Price.of("0.25", "2.00", "0.025")),
				Map.entry("gpt-5-nano", Price.of("0.05", "0.40", "0.005")),
				Map.entry("o4-mini", Price.of("1.10", "4.40", "0.275")),
				Map.entry("claude-opus-4", Price.of("15.00", "75.00", "1.50")),
				Map.entry("claude-sonnet-4", Price.of("3.00", "15.00", "0.30")),
				Map.entry("claude-3-7-sonnet", Price.of("3.00", "15.00", "0.30")),
				Map.entry("claude-haiku-4-5", Price.of("1.00", "5.00", "0.10")),
				Map.entry("claude-3-5-haiku", Price.of("0.80", "4.00", "0.08")),
				Map.entry("gemini-2.5-pro", Price.of("1.25", "10.00", "0.31")),
				Map.entry("gemini-2.5-flash", Price.of("0.30", "2.50", "0.075")),
				Map.entry("gemini-2.5-flash-lite", Price.of("0.10", "0.40", "0.025")),
				Map.entry("gemini-2.0-flash", Price.of("0.10", "0.40", "0.025")),
				Map.entry("gemini-2.0-flash-lite", Price.of("0.075", "0.30", "0.075")));
	}

	/**
	 * A provider's price with its per-million rates as whole numbers at one scale, so
	 * that pricing an answer, which happens on every answer, takes long arithmetic and
	 * one {@link BigDecimal}; rates that do not fit are priced by
	 * {@link Price#cost(Usage)}.
	 */
	private record Rates(String model, Price price, int scale, long input, long cachedInput, long output,
			boolean exact) {

		static Rates of(String model, Price price) {
			int scale = Math.max(price.input().scale(), Math.max(price.cachedInput().scale(), price.output().scale()));
			try {
				return new Rates(model, price, scale, unscaled(price.input(), scale),
						unscaled(price.cachedInput(), scale), unscaled(price.output(), scale), true);
			}
			catch (ArithmeticException ex) {
				return new Rates(model, price, scale, 0, 0, 0, false);
			}
		}

		static Rates unknown(ProviderSettings provider) {
			return new Rates(provider.model(), null, 0, 0, 0, 0, false);
		}

		BigDecimal cost(Usage usage) {
			if (this.exact) {
				try {
					long uncached = Math.max(0, usage.inputTokens() - usage.cachedInputTokens());
					long total = Math.addExact(
							Math.addExact(Math.multiplyExact(this.input, uncached),
									Math.multiplyExact(this.cachedInput, usage.cachedInputTokens())),
							Math.multiplyExact(this.output, usage.outputTokens()));
					return BigDecimal.valueOf(total, this.scale + 6);
				}
				catch (ArithmeticException ex) {
					// more tokens than a long can price at this scale
				}
			}
			return this.price.cost(usage);
		}

		private static long unscaled(BigDecimal value, int scale) {
			return value.setScale(scale).unscaledValue().longValueExact();
		}

	}

}
