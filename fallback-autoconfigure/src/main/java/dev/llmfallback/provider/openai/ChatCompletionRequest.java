package dev.llmfallback.provider.openai;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of a Chat Completions request; {@code null} fields are not sent.
 *
 * @param model the model to ask
 * @param messages the conversation, system prompt first
 * @param tools the tools the model may call, or {@code null}
 * @param maxCompletionTokens the output limit as OpenAI names it, or {@code null}
 * @param maxTokens the output limit as compatible servers and Azure name it, or
 * {@code null}
 * @param temperature the sampling temperature, or {@code null}
 * @param stop the stop sequences, or {@code null}
 * @param stream {@code true} for a streamed answer, {@code null} otherwise
 * @param streamOptions the stream options, or {@code null}
 * @param responseFormat the form of the answer's text, or {@code null} for free text
 * @param toolChoice {@code auto}, {@code none}, {@code required} or the named function
 * that must be called, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ChatCompletionRequest(String model, List<ChatCompletionMessage> messages, List<ChatCompletionTool> tools,
		@JsonProperty("max_completion_tokens") Integer maxCompletionTokens,
		@JsonProperty("max_tokens") Integer maxTokens, Double temperature, List<String> stop, Boolean stream,
		@JsonProperty("stream_options") ChatCompletionStreamOptions streamOptions,
		@JsonProperty("response_format") ChatCompletionResponseFormat responseFormat,
		@JsonProperty("tool_choice") Object toolChoice) {

}
