package dev.llmfallback.provider.anthropic;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.LlmException;
import dev.llmfallback.provider.ContractPayloads;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a call that must fail and checks that its exception is classified and free of the
 * API key.
 */
final class Failures {

	static final ChatRequest REQUEST = ChatRequest.of("hello");

	private Failures() {
	}

	/**
	 * The two ways of calling a provider.
	 */
	enum Mode {

		CHAT, STREAM;

		Mono<?> call(AnthropicClient client) {
			return (this == CHAT) ? client.chat(REQUEST) : client.stream(REQUEST).then();
		}

	}

	/**
	 * Call the client, expect a failure, print it (so that output capture sees its whole
	 * stack trace) and check that it names no API key.
	 * @param client the client
	 * @param mode chat or stream
	 * @return the failure
	 */
	static LlmException failure(AnthropicClient client, Mode mode) {
		return failure(mode.call(client));
	}

	static LlmException failure(Mono<?> call) {
		AtomicReference<Throwable> error = new AtomicReference<>();
		StepVerifier.create(call).expectErrorSatisfies(error::set).verify(Duration.ofSeconds(10));
		assertThat(error.get()).isInstanceOf(LlmException.class);
		printTo(System.out, error.get());
		assertNoSecret(error.get());
		return (LlmException) error.get();
	}

	static void assertNoSecret(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			assertThat(cause.toString()).doesNotContain(ContractPayloads.API_KEY);
			assertThat(String.valueOf(cause.getMessage())).doesNotContain(ContractPayloads.API_KEY);
		}
	}

	private static void printTo(PrintStream out, Throwable error) {
		error.printStackTrace(out);
	}

}
