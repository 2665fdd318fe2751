package dev.llmfallback.sample.simulator;

import java.util.List;
import java.util.Map;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * How a simulated provider plays each {@link Fault} on the wire.
 */
final class FaultResponses {

	private static final String MALFORMED_JSON = "{\"id\": \"simulated-malformed\", \"choices\": [ <<not json>>";

	private static final String MALFORMED_EVENT = "event: message_start\ndata: {\"type\": <<not json>>\n\n";

	private FaultResponses() {
	}

	/**
	 * Play a fault that needs no answer: a status, a hang or a reset.
	 * @param provider the provider
	 * @param fault the fault
	 * @param response the response to write
	 * @return the exchange, or {@code null} when the fault shapes a 200 answer instead
	 */
	static Mono<Void> beforeAnswer(String provider, Fault fault, HttpServerResponse response) {
		return switch (fault.kind()) {
			case HANG -> Mono.never();
			case RESET -> reset(response);
			case STATUS -> response.status(fault.status())
				.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
				.sendString(Mono.just(Json.write(errorBody(provider, fault.status()))))
				.then();
			default -> null;
		};
	}

	/**
	 * A whole answer spoilt by a fault: unparseable, or cut off halfway.
	 * @param fault the fault, {@link Fault.Kind#MALFORMED} or
	 * {@link Fault.Kind#BROKEN_STREAM}
	 * @param json the answer it spoils
	 * @return the parts to send; an error part cuts the connection
	 */
	static Flux<String> answer(Fault fault, String json) {
		if (fault.kind() == Fault.Kind.MALFORMED) {
			return Flux.just(MALFORMED_JSON);
		}
		return Flux.concat(Flux.just(json.substring(0, json.length() / 2)), broken());
	}

	/**
	 * A stream spoilt by a fault: unparseable events, or cut off after a few of them.
	 * @param fault the fault, {@link Fault.Kind#MALFORMED} or
	 * {@link Fault.Kind#BROKEN_STREAM}
	 * @param events the stream's events
	 * @return the events to send; an error cuts the connection
	 */
	static Flux<String> stream(Fault fault, List<String> events) {
		if (fault.kind() == Fault.Kind.MALFORMED) {
			return Flux.just(MALFORMED_EVENT);
		}
		return Flux.concat(Flux.fromIterable(events.subList(0, Math.min(4, events.size() / 2))), broken());
	}

	private static Flux<String> broken() {
		return Flux.error(new IllegalStateException("Simulated broken stream"));
	}

	private static Mono<Void> reset(HttpServerResponse response) {
		return Mono.fromRunnable(() -> response.withConnection((connection) -> {
			// SO_LINGER 0 makes close() send a TCP reset instead of a clean FIN.
			connection.channel().config().setOption(ChannelOption.SO_LINGER, 0);
			connection.channel().close();
		}));
	}

	private static Map<String, Object> errorBody(String provider, int status) {
		return switch (provider) {
			case "openai" -> WireFormats.openAiError(status);
			case "anthropic" -> WireFormats.anthropicError(status);
			default -> WireFormats.geminiError(status);
		};
	}

}
