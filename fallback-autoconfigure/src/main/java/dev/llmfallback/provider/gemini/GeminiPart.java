package dev.llmfallback.provider.gemini;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One part of a turn ({@code Part}): text, a function call or a function response.
 *
 * @param text the text, or {@code null}
 * @param thought whether the text is the model's thinking rather than its answer
 * @param thoughtSignature the opaque signature of the model's reasoning that newer models
 * attach to a part, to be sent back with it, or {@code null}
 * @param functionCall a call the model asks for, or {@code null}
 * @param functionResponse the result of a call, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
record GeminiPart(String text, Boolean thought, String thoughtSignature, GeminiFunctionCall functionCall,
		GeminiFunctionResponse functionResponse) {

	static GeminiPart ofText(String text) {
		return new GeminiPart(text, null, null, null, null);
	}

	static GeminiPart ofFunctionCall(GeminiFunctionCall call, String thoughtSignature) {
		return new GeminiPart(null, null, thoughtSignature, call, null);
	}

	static GeminiPart ofFunctionResponse(GeminiFunctionResponse response) {
		return new GeminiPart(null, null, null, null, response);
	}

	boolean isThought() {
		return Boolean.TRUE.equals(this.thought);
	}

}
