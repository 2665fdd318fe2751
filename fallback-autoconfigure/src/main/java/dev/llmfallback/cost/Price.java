package dev.llmfallback.cost;

import java.math.BigDecimal;
import java.util.Objects;

import dev.llmfallback.Usage;

/**
 * The price of a model in US dollars per million tokens.
 *
 * @param input per million input tokens
 * @param output per million output tokens
 * @param cachedInput per million input tokens served from the provider's prompt cache
 */
public record Price(BigDecimal input, BigDecimal output, BigDecimal cachedInput) {

	public Price {
		Objects.requireNonNull(input, "input price must not be null");
		Objects.requireNonNull(output, "output price must not be null");
		cachedInput = (cachedInput != null) ? cachedInput : input;
	}

	/**
	 * A price from per-million figures.
	 * @param input per million input tokens
	 * @param output per million output tokens
	 * @param cachedInput per million cached input tokens
	 * @return the price
	 */
	public static Price of(String input, String output, String cachedInput) {
		return new Price(new BigDecimal(input), new BigDecimal(output), new BigDecimal(cachedInput));
	}

	/**
	 * What the given usage costs at this price.
	 * @param usage the tokens
	 * @return the cost in US dollars
	 */
	public BigDecimal cost(Usage usage) {
		long uncached = Math.max(0, usage.inputTokens() - usage.cachedInputTokens());
		BigDecimal total = this.input.multiply(BigDecimal.valueOf(uncached))
			.add(this.cachedInput.multiply(BigDecimal.valueOf(usage.cachedInputTokens())))
			.add(this.output.multiply(BigDecimal.valueOf(usage.outputTokens())));
		return total.movePointLeft(6);
	}

}
