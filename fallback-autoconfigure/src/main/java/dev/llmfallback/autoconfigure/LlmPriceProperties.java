package dev.llmfallback.autoconfigure;

import java.math.BigDecimal;

/**
 * Price of a model in US dollars per million tokens.
 */
public class LlmPriceProperties {

	/**
	 * US dollars per million input tokens.
	 */
	private BigDecimal input;

	/**
	 * US dollars per million output tokens.
	 */
	private BigDecimal output;

	/**
	 * US dollars per million input tokens served from the provider's prompt cache.
	 * Defaults to the input price.
	 */
	private BigDecimal cachedInput;

	public BigDecimal getInput() {
		return this.input;
	}

	public void setInput(BigDecimal input) {
		this.input = input;
	}

	public BigDecimal getOutput() {
		return this.output;
	}

	public void setOutput(BigDecimal output) {
		this.output = output;
	}

	public BigDecimal getCachedInput() {
		return this.cachedInput;
	}

	public void setCachedInput(BigDecimal cachedInput) {
		this.cachedInput = cachedInput;
	}

}
