package dev.llmfallback.chaos;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import dev.llmfallback.provider.ContractPayloads;
import dev.llmfallback.provider.ProviderType;

/**
 * A provider on loopback (Reactor Netty) speaking one wire format with payloads from the
 * contract files, failing at random from a seeded {@link Random}: 429 with
 * {@code retry-after}, 500, 503, 529, hangs, connection resets, malformed JSON and
 * streams cut mid-way.
 */
final class ChaosProvider implements AutoCloseable {

	/** What a call gets. */
	enum Fault {

		NONE, RATE_LIMITED, SERVER_ERROR, UNAVAILABLE, OVERLOADED, HANG, RESET, MALFORMED, CUT

	}

	private final ProviderType type;

	private final Random random;

	private final String answer;

	private final List<String> events;

	private final Map<Fault, AtomicInteger> served = new ConcurrentHashMap<>();

	private final DisposableServer server;

	ChaosProvider(ProviderType type, long seed) {
		this.type = type;
		this.random = new Random(seed);
		this.answer = ContractPayloads.read(switch (type) {
			case ANTHROPIC -> "anthropic/examples/recorded/messages.json";
			case GOOGLE -> "gemini/examples/generate-content-basic-reply-short.json";
			default -> "openai/examples/chat-completion.json";
		});
		String sse = ContractPayloads.read(switch (type) {
			case ANTHROPIC -> "anthropic/examples/recorded/messages-stream.sse";
			case GOOGLE -> "gemini/examples/stream-basic-reply-long.sse";
			default -> "openai/examples/chat-completion-stream-text.sse";
		}).replace("\r\n", "\n");
		this.events = Arrays.stream(sse.split("\n\n"))
			.filter((event) -> !event.isBlank())
			.map((e) -> e + "\n\n")
			.toList();
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle(this::serve).bindNow();
	}

	URI baseUrl() {
		String root = "http://127.0.0.1:" + this.server.port();
		return URI.create((this.type == ProviderType.OPENAI) ? root + "/v1" : root);
	}

	/**
	 * How often each fault was served.
	 * @param fault the fault
	 * @return the count
	 */
	int served(Fault fault) {
		AtomicInteger count = this.served.get(fault);
		return (count != null) ? count.get() : 0;
	}

	private Mono<Void> serve(HttpServerRequest request, HttpServerResponse response) {
		return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("").flatMap((body) -> {
			boolean stream = body.contains("\"stream\":true") || request.uri().contains("streamGenerateContent");
			Fault fault = next(stream);
			this.served.computeIfAbsent(fault, (key) -> new AtomicInteger()).incrementAndGet();
			return respond(fault, stream, response);
		});
	}

	private synchronized Fault next(boolean stream) {
		// only a stream can be cut, and streams come last: cut the first one, so that the
		// run always has a cut stream, however the draws fall
		if (stream && !this.served.containsKey(Fault.CUT)) {
			return Fault.CUT;
		}
		int roll = this.random.nextInt(100);
		if (roll < 75) {
			return Fault.NONE;
		}
		Fault[] faults = { Fault.RATE_LIMITED, Fault.SERVER_ERROR, Fault.UNAVAILABLE, Fault.OVERLOADED, Fault.HANG,
				Fault.RESET, Fault.MALFORMED, Fault.CUT };
		Fault fault = faults[this.random.nextInt(faults.length)];
		return (fault == Fault.CUT && !stream) ? Fault.MALFORMED : fault;
	}

	private Mono<Void> respond(Fault fault, boolean stream, HttpServerResponse response) {
		return switch (fault) {
			case NONE -> stream ? sse(response, this.events.size()) : json(response, 200, this.answer);
			case RATE_LIMITED -> json(response.header("retry-after", "1"), 429, error("rate_limit_error"));
			case SERVER_ERROR -> json(response, 500, error("api_error"));
			case UNAVAILABLE -> json(response, 503, error("api_error"));
			case OVERLOADED -> json(response, 529, error("overloaded_error"));
			case HANG -> Mono.never();
			case RESET -> Mono.<Void>fromRunnable(() -> response.withConnection((connection) -> connection.dispose()))
				.then(Mono.never());
			case MALFORMED -> stream ? response.header("content-type", "text/event-stream")
				.sendString(Mono.just("data: {\"choices\": [{\"delta\": \n\n"))
				.then() : json(response, 200, this.answer.substring(0, this.answer.length() / 2));
			case CUT -> sse(response, this.events.size() / 2)
				.then(Mono.<Void>fromRunnable(() -> response.withConnection((connection) -> connection.dispose())))
				.then(Mono.never());
		};
	}

	private Mono<Void> json(HttpServerResponse response, int status, String body) {
		return response.status(status).header("content-type", "application/json").sendString(Mono.just(body)).then();
	}

	private Mono<Void> sse(HttpServerResponse response, int count) {
		return response.header("content-type", "text/event-stream")
			.sendString(Flux.fromIterable(this.events.subList(0, count)))
			.then();
	}

	private String error(String type) {
		return switch (this.type) {
			case ANTHROPIC -> "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"chaos\"}}";
			case GOOGLE -> "{\"error\":{\"code\":503,\"message\":\"chaos\",\"status\":\"UNAVAILABLE\"}}";
			default -> "{\"error\":{\"message\":\"chaos\",\"type\":\"" + type + "\",\"param\":null,\"code\":null}}";
		};
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(5));
	}

}
