package dev.llmfallback.provider.openai;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code stream_options} of a streamed request.
 *
 * @param includeUsage whether a last chunk with the usage is sent before {@code [DONE]}
 */
record ChatCompletionStreamOptions(@JsonProperty("include_usage") boolean includeUsage) {

}
