package dev.llmfallback.provider.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.llmfallback.Usage;

/**
 * The {@code usage} object of an answer or stream event; each count may be absent.
 * Unknown fields are ignored.
 *
 * @param inputTokens prompt tokens not read from or written to the cache
 * @param outputTokens answer tokens (cumulative in a stream's {@code message_delta})
 * @param cacheCreationInputTokens prompt tokens written to the cache
 * @param cacheReadInputTokens prompt tokens read from the cache
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record AnthropicUsage(@JsonProperty("input_tokens") Long inputTokens, @JsonProperty("output_tokens") Long outputTokens,
		@JsonProperty("cache_creation_input_tokens") Long cacheCreationInputTokens,
		@JsonProperty("cache_read_input_tokens") Long cacheReadInputTokens) {

	/** No counts yet. */
	static final AnthropicUsage EMPTY = new AnthropicUsage(null, null, null, null);

	/**
	 * These counts, updated by the ones a later event carries.
	 * @param later the later counts, or {@code null}
	 * @return the merged counts
	 */
	AnthropicUsage merge(AnthropicUsage later) {
		if (later == null) {
			return this;
		}
		return new AnthropicUsage(pick(later.inputTokens, this.inputTokens),
				pick(later.outputTokens, this.outputTokens),
				pick(later.cacheCreationInputTokens, this.cacheCreationInputTokens),
				pick(later.cacheReadInputTokens, this.cacheReadInputTokens));
	}

	/**
	 * The normalised usage: Anthropic counts cached prompt tokens apart from
	 * {@code input_tokens}, so they are added to the input.
	 * @return the usage
	 */
	Usage toUsage() {
		long cacheRead = value(this.cacheReadInputTokens);
		long input = value(this.inputTokens) + cacheRead + value(this.cacheCreationInputTokens);
		return new Usage(input, value(this.outputTokens), cacheRead);
	}

	private static Long pick(Long preferred, Long fallback) {
		return (preferred != null) ? preferred : fallback;
	}

	private static long value(Long count) {
		return (count != null) ? Math.max(0, count) : 0;
	}

}
