package dev.llmfallback.gateway;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A chat completion ({@code object} {@code chat.completion}) or one chunk of a streamed
 * one ({@code chat.completion.chunk}), as OpenAI's Chat Completions API returns them.
 *
 * @param id the completion's id, the same in every chunk of a stream
 * @param object the object type
 * @param created when the completion was created, in seconds since the epoch
 * @param model the model that answered
 * @param choices the one choice (none in a stream's usage chunk)
 * @param usage the tokens consumed, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Completion(String id, String object, long created, String model, List<CompletionChoice> choices,
		CompletionUsage usage) {

	static final String OBJECT = "chat.completion";

	static final String CHUNK_OBJECT = "chat.completion.chunk";

}
