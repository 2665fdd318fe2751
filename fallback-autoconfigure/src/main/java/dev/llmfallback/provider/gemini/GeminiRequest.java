package dev.llmfallback.provider.gemini;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of {@code generateContent} and {@code streamGenerateContent}
 * ({@code GenerateContentRequest}; the model is in the path).
 *
 * @param contents the conversation
 * @param systemInstruction the system prompt, or {@code null}
 * @param tools the function declarations, or {@code null}
 * @param generationConfig the output limits and sampling, or {@code null}
 * @param toolConfig whether and which function the model must call, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record GeminiRequest(List<GeminiContent> contents, GeminiContent systemInstruction, List<GeminiTool> tools,
		GeminiGenerationConfig generationConfig, GeminiToolConfig toolConfig) {

}
