package dev.llmfallback.provider.anthropic;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A content block the client sends: {@code text}, {@code tool_use} (in an assistant turn)
 * or {@code tool_result} (in a user turn). Null fields are left out.
 *
 * @param type the block type
 * @param text the text of a {@code text} block
 * @param id the call id of a {@code tool_use} block
 * @param name the tool name of a {@code tool_use} block
 * @param input the arguments object of a {@code tool_use} block
 * @param toolUseId the call a {@code tool_result} block answers
 * @param content the result text of a {@code tool_result} block
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RequestContentBlock(String type, String text, String id, String name, JsonNode input,
		@JsonProperty("tool_use_id") String toolUseId, String content) {

	static RequestContentBlock text(String text) {
		return new RequestContentBlock("text", text, null, null, null, null, null);
	}

	static RequestContentBlock toolUse(String id, String name, JsonNode input) {
		return new RequestContentBlock("tool_use", null, id, name, input, null, null);
	}

	static RequestContentBlock toolResult(String toolUseId, String content) {
		return new RequestContentBlock("tool_result", null, null, null, null, toolUseId, content);
	}

}
