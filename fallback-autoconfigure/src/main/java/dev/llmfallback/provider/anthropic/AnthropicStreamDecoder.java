package dev.llmfallback.provider.anthropic;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.ToolCallDelta;
import dev.llmfallback.provider.ProviderHttp;
import dev.llmfallback.provider.ProviderSettings;
import org.springframework.http.codec.ServerSentEvent;

/**
 * Decodes the server-sent events of one Anthropic stream into chunks. Holds the state of
 * that stream (model, usage, stop reason, tool calls by block index), so a new decoder is
 * made for every subscription. The final chunk is emitted at {@code message_stop}, the
 * terminal event; {@link #end()} fails a stream that ended without it.
 */
class AnthropicStreamDecoder {

	private static final Set<String> DECODED = Set.of("message_start", "content_block_start", "content_block_delta",
			"message_delta", "message_stop", "error");

	private final ProviderSettings settings;

	private final ObjectMapper objectMapper;

	private final ProviderHttp http;

	private final AnthropicErrorDecoder errorDecoder;

	private final AnthropicResponseMapper responseMapper;

	/** Tool call number (0, 1, 2 in order of appearance) by content block index. */
	private final Map<Integer, Integer> toolCalls = new HashMap<>();

	private String model;

	private AnthropicUsage usage = AnthropicUsage.EMPTY;

	private String stopReason;

	private boolean finished;

	AnthropicStreamDecoder(ProviderSettings settings, ObjectMapper objectMapper, ProviderHttp http,
			AnthropicErrorDecoder errorDecoder, AnthropicResponseMapper responseMapper) {
		this.settings = settings;
		this.objectMapper = objectMapper;
		this.http = http;
		this.errorDecoder = errorDecoder;
		this.responseMapper = responseMapper;
	}

	/**
	 * Decode one event, emitting at most one chunk.
	 * @param event the event
	 * @param sink receives the chunk, or the error of an {@code error} event or of
	 * unreadable data
	 */
	void decode(ServerSentEvent<String> event, SynchronousSink<ChatChunk> sink) {
		if (this.finished) {
			return;
		}
		String name = event.event();
		if (name != null && !DECODED.contains(name)) {
			return; // ping, content_block_stop and event types added later
		}
		StreamEvent data;
		try {
			data = parse(event.data());
		}
		catch (JsonProcessingException ex) {
			sink.error(this.http.failure(ErrorKind.MALFORMED_RESPONSE,
					"unreadable stream event " + ((name != null) ? name : "") + ": " + ex.getClass().getSimpleName()));
			return;
		}
		if (name == null) {
			name = (data != null) ? data.type() : null;
		}
		if (name == null || (data == null && !"message_stop".equals(name))) {
			return;
		}
		ChatChunk chunk = switch (name) {
			case "message_start" -> messageStart(data);
			case "content_block_start" -> blockStart(data);
			case "content_block_delta" -> blockDelta(data);
			case "message_delta" -> messageDelta(data);
			case "message_stop" -> messageStop();
			case "error" -> {
				sink.error(this.errorDecoder.decodeEvent(data.error()));
				yield null;
			}
			default -> null;
		};
		if (chunk != null) {
			sink.next(
					chunk.withSource(this.settings.name(), (this.model != null) ? this.model : this.settings.model()));
		}
	}

	/**
	 * What follows the last event: nothing after {@code message_stop}, otherwise a
	 * failure.
	 * @return an empty publisher, or a {@link ErrorKind#MALFORMED_RESPONSE} error
	 */
	Mono<ChatChunk> end() {
		return this.finished ? Mono.empty()
				: Mono.error(this.http.failure(ErrorKind.MALFORMED_RESPONSE, "stream ended without message_stop"));
	}

	private StreamEvent parse(String data) throws JsonProcessingException {
		return (data != null && !data.isBlank()) ? this.objectMapper.readValue(data, StreamEvent.class) : null;
	}

	private ChatChunk messageStart(StreamEvent data) {
		if (data.message() != null) {
			if (data.message().model() != null) {
				this.model = data.message().model();
			}
			this.usage = this.usage.merge(data.message().usage());
		}
		return null;
	}

	private ChatChunk blockStart(StreamEvent data) {
		ResponseContentBlock block = data.contentBlock();
		if (block == null || data.index() == null) {
			return null;
		}
		if (block.isToolUse()) {
			int number = this.toolCalls.size();
			this.toolCalls.put(data.index(), number);
			boolean hasInput = block.input() != null && block.input().isObject() && !block.input().isEmpty();
			String arguments = hasInput ? this.responseMapper.arguments(block.input()) : "";
			return ChatChunk.ofToolCall(new ToolCallDelta(number, block.id(), block.name(), arguments));
		}
		return (block.isText() && block.text() != null && !block.text().isEmpty()) ? ChatChunk.ofText(block.text())
				: null;
	}

	private ChatChunk blockDelta(StreamEvent data) {
		StreamDelta delta = data.delta();
		if (delta == null || delta.type() == null) {
			return null;
		}
		if ("text_delta".equals(delta.type()) && delta.text() != null && !delta.text().isEmpty()) {
			return ChatChunk.ofText(delta.text());
		}
		Integer number = (data.index() != null) ? this.toolCalls.get(data.index()) : null;
		if ("input_json_delta".equals(delta.type()) && number != null && delta.partialJson() != null
				&& !delta.partialJson().isEmpty()) {
			return ChatChunk.ofToolCall(new ToolCallDelta(number, null, null, delta.partialJson()));
		}
		return null; // thinking_delta, signature_delta and delta types added later
	}

	private ChatChunk messageDelta(StreamEvent data) {
		if (data.delta() != null && data.delta().stopReason() != null) {
			this.stopReason = data.delta().stopReason();
		}
		this.usage = this.usage.merge(data.usage());
		return null;
	}

	private ChatChunk messageStop() {
		this.finished = true;
		return ChatChunk.ofFinish(AnthropicResponseMapper.finishReason(this.stopReason), this.usage.toUsage());
	}

}
