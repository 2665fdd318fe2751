package dev.llmfallback.provider.openai;

import java.util.List;
import java.util.stream.Stream;

/**
 * Every file of {@code contracts/openai}, grouped by the test that exercises it.
 * {@link OpenAiContractCoverageTests} fails when a file of the folder is in no group.
 */
final class OpenAiContracts {

	/** The folder below {@code contracts/}. */
	static final String FOLDER = "openai/";

	/** Whole 200 answers, read by {@code OpenAiClientResponseTests}. */
	static final List<String> RESPONSES = List.of("examples/chat-completion.json",
			"examples/chat-completion-finish-length.json", "examples/chat-completion-parallel-tool-calls.json",
			"examples/chat-completion-refusal.json", "examples/chat-completion-response.spec-default.json",
			"examples/chat-completion-response.spec-image-input.json",
			"examples/chat-completion-response.spec-tools.json", "examples/chat-completion-structured-output.json",
			"examples/chat-completion-tool-call-strict.json", "examples/recorded/chat-completion.json",
			"examples/recorded/chat-completion-gpt-4.1-nano.json",
			"examples/recorded/chat-completion-reasoning-gpt-5-nano.json",
			"examples/recorded/chat-completion-tool-call.json",
			"examples/recorded/chat-completion-after-tool-result.json");

	/**
	 * Recorded 200 exchanges (status, headers, body) whose body file is in
	 * {@link #RESPONSES}, read by {@code OpenAiClientResponseTests}.
	 */
	static final List<String> RECORDED_RESPONSES = List.of("examples/recorded/chat-completion.response.http",
			"examples/recorded/chat-completion-gpt-4.1-nano.response.http",
			"examples/recorded/chat-completion-reasoning-gpt-5-nano.response.http",
			"examples/recorded/chat-completion-tool-call.response.http",
			"examples/recorded/chat-completion-after-tool-result.response.http");

	/** Event streams, read by {@code OpenAiClientStreamTests}. */
	static final List<String> STREAMS = List.of("examples/chat-completion-stream-text.sse",
			"examples/chat-completion-stream-finish-length.sse",
			"examples/chat-completion-stream-multiple-choices-n3.sse",
			"examples/chat-completion-stream-parallel-tool-calls.sse", "examples/chat-completion-stream-refusal.sse",
			"examples/chat-completion-stream-tool-call-strict.sse", "examples/chat-completion-stream-tool-call.sse",
			"examples/recorded/chat-completion-stream.sse", "examples/recorded/chat-completion-stream-tool-call.sse");

	/**
	 * Recorded streamed exchanges whose body file is in {@link #STREAMS}, read by
	 * {@code OpenAiClientStreamTests}.
	 */
	static final List<String> RECORDED_STREAMS = List.of("examples/recorded/chat-completion-stream.response.http",
			"examples/recorded/chat-completion-stream-tool-call.response.http");

	/** A stream carrying an error payload, read by {@code OpenAiStreamFailureTests}. */
	static final List<String> STREAM_ERRORS = List
		.of("examples/assembled/chat-completion-stream-midstream-error.assembled.sse");

	/** Error responses, read by {@code OpenAiClientErrorTests}. */
	static final List<String> ERRORS = List.of("examples/assembled/error-400-context-length-exceeded.assembled.http",
			"examples/assembled/error-401-invalid-api-key.assembled.http",
			"examples/assembled/error-404-model-not-found.assembled.http",
			"examples/assembled/error-429-insufficient-quota.assembled.http",
			"examples/assembled/error-429-rate-limit-exceeded.assembled.http",
			"examples/assembled/error-500-server-error.assembled.http",
			"examples/assembled/error-502-bad-gateway-html.assembled.http",
			"examples/recorded/error-400-invalid-image-url.response.http",
			"examples/recorded/error-400-invalid-value.response.http",
			"examples/recorded/error-400-unsupported-value.response.http");

	/**
	 * The body files of the recorded errors, served with status 400 by
	 * {@code OpenAiClientErrorTests}.
	 */
	static final List<String> ERROR_BODIES = List.of("examples/recorded/error-400-invalid-image-url.json",
			"examples/recorded/error-400-invalid-value.json", "examples/recorded/error-400-unsupported-value.json");

	/**
	 * Requests the client's bodies are compared with, by
	 * {@code OpenAiContractRequestTests}.
	 */
	static final List<String> REQUESTS = List.of("examples/recorded/chat-completion.request.json",
			"examples/recorded/chat-completion-gpt-4.1-nano.request.json",
			"examples/recorded/chat-completion-reasoning-gpt-5-nano.request.json",
			"examples/recorded/chat-completion-stream.request.json",
			"examples/recorded/chat-completion-stream-tool-call.request.json",
			"examples/recorded/chat-completion-tool-call.request.json",
			"examples/recorded/chat-completion-after-tool-result.request.json",
			"examples/recorded/error-400-invalid-image-url.request.json",
			"examples/recorded/error-400-invalid-value.request.json",
			"examples/recorded/error-400-unsupported-value.request.json",
			"examples/chat-completion-request.spec-default.json",
			"examples/chat-completion-request.spec-image-input.json",
			"examples/chat-completion-request.spec-streaming.json", "examples/chat-completion-request.spec-tools.json");

	/** The OpenAPI spec, checked by {@code OpenAiContractCoverageTests}. */
	static final List<String> SPEC = List.of("openapi.yaml");

	/** Licences, checked by {@code OpenAiContractCoverageTests}. */
	static final List<String> LICENSES = List.of("LICENSE", "examples/LICENSES/openai-openapi.LICENSE",
			"examples/LICENSES/openai-python.LICENSE", "examples/LICENSES/openllmetry.LICENSE",
			"examples/LICENSES/pydantic-ai.LICENSE");

	private OpenAiContracts() {
	}

	/** Every file some group names. */
	static Stream<String> all() {
		return Stream
			.of(RESPONSES, RECORDED_RESPONSES, STREAMS, RECORDED_STREAMS, STREAM_ERRORS, ERRORS, ERROR_BODIES, REQUESTS,
					SPEC, LICENSES)
			.flatMap(List::stream);
	}

	/** The path of a file below {@code contracts/}. */
	static String path(String file) {
		return FOLDER + file;
	}

}
