package dev.llmfallback.provider.gemini;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What Gemini thought of the prompt ({@code PromptFeedback}).
 *
 * @param blockReason why the prompt was blocked, or {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record GeminiPromptFeedback(String blockReason) {

}
