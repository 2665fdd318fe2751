package dev.llmfallback.provider;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.LlmException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Calls one configured provider in its wire format. Every failure is an
 * {@link LlmException} classified where the response is read; cancelling a call aborts
 * its HTTP request.
 */
public interface ProviderClient {

	/**
	 * The provider this client calls.
	 * @return the settings
	 */
	ProviderSettings settings();

	/**
	 * Ask for a whole answer.
	 * @param request the request
	 * @return the answer, attributed to this provider, or an {@link LlmException}
	 */
	Mono<ChatResponse> chat(ChatRequest request);

	/**
	 * Whether {@link #chat} bounds its own time: it fails with a
	 * {@link dev.llmfallback.ErrorKind#TIMEOUT} once the provider's response timeout has
	 * passed without the whole answer. The time limiter around such a client is armed
	 * only when it is set shorter than that timeout.
	 * @return {@code false} unless the client says so
	 */
	default boolean boundsChatTime() {
		return false;
	}

	/**
	 * Ask for a streamed answer. The stream completes only after the provider's terminal
	 * event; one that ends without it fails with
	 * {@link dev.llmfallback.ErrorKind#MALFORMED_RESPONSE}.
	 * @param request the request
	 * @return the chunks, attributed to this provider, ending with a final chunk
	 */
	Flux<ChatChunk> stream(ChatRequest request);

}
