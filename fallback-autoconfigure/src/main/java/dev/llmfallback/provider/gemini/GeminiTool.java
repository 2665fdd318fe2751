package dev.llmfallback.provider.gemini;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A tool of the request ({@code Tool}): the functions the model may call.
 *
 * @param functionDeclarations the functions
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record GeminiTool(List<GeminiFunctionDeclaration> functionDeclarations) {

}
