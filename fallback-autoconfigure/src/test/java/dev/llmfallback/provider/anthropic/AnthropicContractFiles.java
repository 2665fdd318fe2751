package dev.llmfallback.provider.anthropic;

import java.util.List;
import java.util.stream.Stream;

/**
 * Every file of {@code contracts/anthropic/}, by the test that exercises it; paths are
 * below {@code contracts/anthropic/examples/}. {@link AnthropicContractCoverageTests}
 * fails when a file is in no list.
 */
final class AnthropicContractFiles {

	/** 200 answers without streaming, as a bare body or as a recorded exchange. */
	static final List<String> CHAT_RESPONSES = List.of("recorded/messages.json", "recorded/messages.response.http",
			"recorded/messages-tool-use.json", "recorded/messages-tool-use.response.http",
			"recorded/messages-after-tool-result.json", "recorded/messages-after-tool-result.response.http",
			"recorded/messages-thinking.json", "recorded/messages-thinking.response.http");

	/**
	 * Streams that end with {@code message_stop}, as a bare body or a recorded exchange.
	 */
	static final List<String> STREAMS = List.of("messages-stream-text.sse", "messages-stream-tool-use.sse",
			"messages-stream-refusal.sse", "messages-stream-max-tokens-partial-tool-input.sse",
			"recorded/messages-stream.sse", "recorded/messages-stream.response.http",
			"recorded/messages-stream-tool-use.sse", "recorded/messages-stream-tool-use.response.http",
			"recorded/messages-stream-thinking.sse", "recorded/messages-stream-thinking.response.http",
			"recorded/messages-stream-structured-output.sse");

	/** 200 streams that carry an {@code error} event. */
	static final List<String> STREAM_ERRORS = List.of("messages-stream-error-overloaded.sse",
			"assembled/messages-stream-midstream-overloaded.assembled.sse");

	/** HTTP error responses (status, headers and body). */
	static final List<String> HTTP_ERRORS = List.of("assembled/error-400-prompt-too-long.assembled.http",
			"assembled/error-401-authentication.assembled.http", "assembled/error-413-request-too-large.assembled.http",
			"assembled/error-429-rate-limit-with-headers.assembled.http",
			"assembled/error-500-api-error.assembled.http", "assembled/error-529-overloaded.assembled.http",
			"recorded/error-400-invalid-request.response.http", "recorded/error-404-not-found.response.http",
			"recorded/error-429-rate-limit.response.http");

	/** Bare error bodies, served with the status their name carries. */
	static final List<String> ERROR_BODIES = List.of("recorded/error-400-invalid-request.json",
			"recorded/error-404-not-found.json", "recorded/error-429-rate-limit.json");

	/** Recorded request bodies, compared with what the client sends. */
	static final List<String> REQUESTS = List.of("recorded/messages.request.json",
			"recorded/messages-tool-use.request.json", "recorded/messages-after-tool-result.request.json",
			"recorded/messages-thinking.request.json", "recorded/messages-stream.request.json",
			"recorded/messages-stream-tool-use.request.json", "recorded/messages-stream-thinking.request.json",
			"recorded/messages-stream-structured-output.request.json",
			"recorded/error-400-invalid-request.request.json", "recorded/error-404-not-found.request.json");

	/** SDK recordings: a sequence of request/response pairs served in order. */
	static final List<String> SEQUENCES = List.of("recorded/sdk-retry-429-429-then-message.json",
			"recorded/sdk-retry-429-429-then-stream.json", "recorded/sdk-message-structured-output.json");

	/** Files that are no payloads: the licences of the sources. */
	static final List<String> LICENCES = List.of("LICENSES/anthropic-sdk-python.LICENSE",
			"LICENSES/openllmetry.LICENSE", "LICENSES/pydantic-ai.LICENSE");

	private AnthropicContractFiles() {
	}

	static Stream<String> all() {
		return Stream
			.of(CHAT_RESPONSES, STREAMS, STREAM_ERRORS, HTTP_ERRORS, ERROR_BODIES, REQUESTS, SEQUENCES, LICENCES)
			.flatMap(List::stream);
	}

}
