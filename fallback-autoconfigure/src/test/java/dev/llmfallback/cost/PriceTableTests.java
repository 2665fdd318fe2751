package dev.llmfallback.cost;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.llmfallback.Tier;
import dev.llmfallback.Usage;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.provider.ProviderTimeouts;
import dev.llmfallback.provider.ProviderType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table prices answers in long arithmetic where the rates fit, and gives exactly what
 * {@link Price#cost(Usage)} gives, scale included, wherever they do not.
 */
class PriceTableTests {

	@ParameterizedTest
	@CsvSource({ "2.50, 10.00, 1.25, 14, 280, 0", "0.075, 0.30, 0.0375, 1200, 35, 1000", "3, 15, 0.3, 0, 0, 0",
			"0.000000000000000001, 12345678901234.5, 1, 7, 9, 3", "92233720368547758.07, 1, 1, 9000000000000000, 1, 0",
			"1.5, 2.5, 0.5, 9223372036854775807, 1, 1" })
	void costIsExactlyThePricesCost(String input, String output, String cachedInput, long inputTokens,
			long outputTokens, long cachedTokens) {
		Price price = Price.of(input, output, cachedInput);
		PriceTable table = new PriceTable(Map.of("p", price), Map.of());
		Usage usage = new Usage(inputTokens, outputTokens, cachedTokens);
		assertThat(table.cost(provider("gpt-4o"), usage)).hasValue(price.cost(usage));
	}

	@ParameterizedTest
	@CsvSource({ "gpt-4o, 0.00374", "gpt-4o-mini, 0.0002244" })
	void builtInPriceFollowsTheProvidersModel(String model, String expected) {
		PriceTable table = new PriceTable(Map.of(), PriceTable.builtIn());
		Usage usage = new Usage(300, 299, 0);
		table.cost(provider("gpt-4o"), usage);
		assertThat(table.cost(provider(model), usage))
			.hasValueSatisfying((cost) -> assertThat(cost).isEqualByComparingTo(expected));
	}

	private static ProviderSettings provider(String model) {
		return new ProviderSettings("p", ProviderType.OPENAI, model, 1, Tier.FULL, URI.create("http://127.0.0.1:9"),
				"key", null, new ProviderTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)),
				null, null, Map.of());
	}

}
