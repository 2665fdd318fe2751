package dev.llmfallback.provider.anthropic;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.llmfallback.ToolChoice;

/**
 * The {@code tool_choice} of a request.
 *
 * @param type {@code auto}, {@code none}, {@code any} or {@code tool}
 * @param name the tool to use, for {@code tool} only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ToolChoiceSpec(String type, String name) {

	static ToolChoiceSpec of(ToolChoice choice) {
		return switch (choice.mode()) {
			case AUTO -> new ToolChoiceSpec("auto", null);
			case NONE -> new ToolChoiceSpec("none", null);
			case REQUIRED -> new ToolChoiceSpec("any", null);
			case TOOL -> new ToolChoiceSpec("tool", choice.name());
		};
	}

}
