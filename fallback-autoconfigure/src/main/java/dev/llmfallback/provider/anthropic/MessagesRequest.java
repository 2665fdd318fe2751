package dev.llmfallback.provider.anthropic;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /v1/messages}. Null fields are left out.
 *
 * @param model the model to ask
 * @param maxTokens the most output tokens, required by Anthropic
 * @param system the system prompt, or {@code null}
 * @param messages the conversation, alternating {@code user} and {@code assistant}
 * @param tools the tools the model may call, or {@code null}
 * @param temperature the sampling temperature, or {@code null}
 * @param stopSequences the stop sequences, or {@code null}
 * @param stream {@code true} for a streamed answer, {@code null} otherwise
 * @param outputConfig the JSON Schema the answer follows, or {@code null}
 * @param toolChoice whether and which tool the model must use, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record MessagesRequest(String model, @JsonProperty("max_tokens") int maxTokens, String system,
		List<RequestMessage> messages, List<ToolSpec> tools, Double temperature,
		@JsonProperty("stop_sequences") List<String> stopSequences, Boolean stream,
		@JsonProperty("output_config") OutputConfig outputConfig,
		@JsonProperty("tool_choice") ToolChoiceSpec toolChoice) {

	/**
	 * This request, asking for a streamed answer.
	 * @return the streaming request
	 */
	MessagesRequest streaming() {
		return new MessagesRequest(this.model, this.maxTokens, this.system, this.messages, this.tools, this.temperature,
				this.stopSequences, true, this.outputConfig, this.toolChoice);
	}

}
