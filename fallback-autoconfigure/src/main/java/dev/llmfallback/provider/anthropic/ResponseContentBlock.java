package dev.llmfallback.provider.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A content block of an answer: {@code text}, {@code tool_use}, {@code thinking} or a
 * type added later. Unknown fields are ignored.
 *
 * @param type the block type
 * @param text the text of a {@code text} block
 * @param id the call id of a {@code tool_use} block
 * @param name the tool name of a {@code tool_use} block
 * @param input the arguments object of a {@code tool_use} block
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ResponseContentBlock(String type, String text, String id, String name, JsonNode input) {

	boolean isText() {
		return "text".equals(this.type);
	}

	boolean isToolUse() {
		return "tool_use".equals(this.type);
	}

}
