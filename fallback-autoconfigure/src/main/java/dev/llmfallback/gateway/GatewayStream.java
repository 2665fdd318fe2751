package dev.llmfallback.gateway;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.llmfallback.ChatChunk;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Answers a streamed request with server-sent events, as OpenAI does: one
 * {@code data: <chunk>} event per chunk, a usage chunk when asked for, and
 * {@code data: [DONE]}. The response is committed at the first chunk, whose provider,
 * level and failed attempts before it become the headers, so a failure before it is an
 * HTTP error; a failure after it is sent as a last {@code data: {"error":...}} event, and
 * the stream ends without {@code [DONE]}.
 */
final class GatewayStream {

	private static final String DONE = "[DONE]";

	private final GatewayJson json;

	private final String id;

	private final long created;

	private final GatewayRequest request;

	private final AtomicBoolean first = new AtomicBoolean(true);

	GatewayStream(GatewayJson json, String id, long created, GatewayRequest request) {
		this.json = json;
		this.id = id;
		this.created = created;
		this.request = request;
	}

	Mono<ServerResponse> respond(Flux<ChatChunk> chunks) {
		// cancelSourceOnComplete = false: the body below goes on with the same
		// subscription
		return chunks.<ServerResponse>switchOnFirst((signal, all) -> {
			if (signal.hasError()) {
				return Mono.error(signal.getThrowable());
			}
			ChatChunk firstChunk = signal.get();
			ServerResponse.BodyBuilder response = ServerResponse.ok().contentType(MediaType.TEXT_EVENT_STREAM);
			if (firstChunk != null && firstChunk.provider() != null) {
				response.header(LlmGateway.PROVIDER_HEADER, firstChunk.provider());
			}
			if (firstChunk != null && firstChunk.level() != null) {
				response.header(LlmGateway.LEVEL_HEADER, firstChunk.level().name().toLowerCase(Locale.ROOT));
			}
			if (firstChunk != null) {
				response.header(LlmGateway.ATTEMPTS_HEADER, String.valueOf(firstChunk.attempts().size()));
			}
			String model = CompletionMapper.model((firstChunk != null) ? firstChunk.model() : null,
					this.request.model());
			return response.body(BodyInserters.fromDataBuffers(events(all, model)));
		}, false).single();
	}

	private Flux<DataBuffer> events(Flux<ChatChunk> chunks, String model) {
		return chunks.concatMapIterable((chunk) -> data(chunk, model))
			.concatWith(Mono.just(DONE))
			.onErrorResume((error) -> Mono.just(this.json.write(GatewayErrors.of(error).body())))
			.map((data) -> DefaultDataBufferFactory.sharedInstance
				.wrap(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8)));
	}

	private List<String> data(ChatChunk chunk, String model) {
		String chunkModel = CompletionMapper.model(chunk.model(), model);
		List<String> data = new ArrayList<>(2);
		data.add(this.json
			.write(CompletionMapper.chunk(chunk, this.first.getAndSet(false), this.id, this.created, chunkModel)));
		if (chunk.isFinal() && this.request.includeUsage()) {
			data.add(this.json.write(CompletionMapper.usageChunk(chunk, this.id, this.created, chunkModel)));
		}
		return data;
	}

}
