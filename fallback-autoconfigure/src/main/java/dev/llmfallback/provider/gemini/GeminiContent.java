package dev.llmfallback.provider.gemini;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One turn of a conversation ({@code Content}).
 *
 * @param role {@code user} or {@code model}, or {@code null} for a system instruction
 * @param parts the parts of the turn
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
record GeminiContent(String role, List<GeminiPart> parts) {

}
