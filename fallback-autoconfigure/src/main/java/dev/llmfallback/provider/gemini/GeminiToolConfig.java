package dev.llmfallback.provider.gemini;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.llmfallback.ToolChoice;

/**
 * Whether and which function the model must call ({@code ToolConfig}).
 *
 * @param functionCallingConfig the function-calling mode
 */
record GeminiToolConfig(FunctionCallingConfig functionCallingConfig) {

	static GeminiToolConfig of(ToolChoice choice) {
		return new GeminiToolConfig(switch (choice.mode()) {
			case AUTO -> new FunctionCallingConfig("AUTO", null);
			case NONE -> new FunctionCallingConfig("NONE", null);
			case REQUIRED -> new FunctionCallingConfig("ANY", null);
			case TOOL -> new FunctionCallingConfig("ANY", List.of(choice.name()));
		});
	}

	/**
	 * A {@code FunctionCallingConfig}.
	 *
	 * @param mode {@code AUTO}, {@code NONE} or {@code ANY}
	 * @param allowedFunctionNames the functions {@code ANY} may call, or {@code null} for
	 * all
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record FunctionCallingConfig(String mode, List<String> allowedFunctionNames) {

	}

}
