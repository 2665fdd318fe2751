package dev.llmfallback.benchmarks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * A provider on loopback speaking OpenAI Chat Completions, answering after a fixed
 * latency with realistic payloads: about 1.5 KB per answer, streams of 50 content chunks.
 * The latency is timed on the connection's own Netty event loop, not on Reactor's
 * parallel scheduler where the router arms its timers, so that the mock's timing does not
 * mix with the router's; the mock's loops are its own, apart from the clients'.
 */
final class MockProvider implements AutoCloseable {

	/** How the mock answers. */
	enum Mode {

		/** Answer (or stream) after the latency. */
		OK,

		/** Answer 503 at once. */
		UNAVAILABLE,

		/** Never answer. */
		HANG,

		/** Stream the first chunk after the latency, then keep the stream open. */
		HOLD_STREAM

	}

	static final int STREAM_CHUNKS = 50;

	/**
	 * The mocks' own event loops, as a provider has its own machine: on the clients'
	 * loops a connection's two ends could share one thread or not, at random, and the
	 * calls of one side would skip a wake-up that the other's pay.
	 */
	private static final LoopResources LOOPS = LoopResources.create("mock-provider", 2, true);

	static final String ANSWER_TEXT = "The quick brown fox jumps over the lazy dog. ".repeat(28);

	private static final String ANSWER = "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1727346142,"
			+ "\"model\":\"gpt-4o-2024-08-06\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
			+ ANSWER_TEXT + "\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
			+ "\"usage\":{\"prompt_tokens\":14,\"completion_tokens\":280,\"total_tokens\":294},"
			+ "\"system_fingerprint\":\"fp_b40fb1c6fb\"}";

	private static final String UNAVAILABLE_BODY = "{\"error\":{\"message\":\"The server is overloaded\","
			+ "\"type\":\"server_error\",\"param\":null,\"code\":null}}";

	private static final List<String> CHUNKS = chunks();

	private final Duration latency;

	private final Mode mode;

	private final DisposableServer server;

	private final AtomicLong waited = new AtomicLong();

	private volatile long lastRead;

	private volatile long lastAnswered;

	MockProvider(Duration latency, Mode mode) {
		this.latency = latency;
		this.mode = mode;
		this.server = HttpServer.create()
			.runOn(LOOPS)
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.post("/v1/chat/completions",
					(request, response) -> request.receive()
						.aggregate()
						.asString(StandardCharsets.UTF_8)
						.flatMap((body) -> read(body, response))))
			.bindNow();
	}

	/**
	 * The base URL a provider is configured with.
	 * @return the URL, ending in {@code /v1}
	 */
	URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.port() + "/v1");
	}

	/**
	 * How long the mock has waited out its latency so far, over all requests: from the
	 * moment it has read a request to the moment its timer fires and it starts answering.
	 * The timer fires late by a varying amount, the same for any client; a caller that
	 * reads this before and after a call made alone learns how much of the call's time
	 * was the mock's wait.
	 * @return nanoseconds
	 */
	long waitedNanos() {
		return this.waited.get();
	}

	/**
	 * When the mock last finished reading a request; of a caller's own request while
	 * calls are made one at a time.
	 * @return a {@link System#nanoTime()} reading
	 */
	long lastReadNanos() {
		return this.lastRead;
	}

	/**
	 * When the mock last started to answer: its timer fired, or it read the request, when
	 * it answers at once.
	 * @return a {@link System#nanoTime()} reading
	 */
	long lastAnsweredNanos() {
		return this.lastAnswered;
	}

	private Mono<Void> read(String body, HttpServerResponse response) {
		this.lastRead = System.nanoTime();
		return answer(body.contains("\"stream\":true"), response);
	}

	private Mono<Void> answer(boolean stream, HttpServerResponse response) {
		return switch (this.mode) {
			case HANG -> Mono.never();
			case UNAVAILABLE -> response.status(503)
				.header("content-type", "application/json")
				.sendString(Mono.just(UNAVAILABLE_BODY))
				.then();
			case OK, HOLD_STREAM -> delay(response).then(stream ? stream(response)
					: response.header("content-type", "application/json").sendString(Mono.just(ANSWER)).then());
		};
	}

	private Mono<Void> stream(HttpServerResponse response) {
		Flux<String> events = (this.mode == Mode.HOLD_STREAM) ? Flux.just(CHUNKS.get(0)).concatWith(Flux.never())
				: Flux.fromIterable(CHUNKS);
		Flux<ByteBuf> bytes = events.map((event) -> Unpooled.copiedBuffer(event, StandardCharsets.UTF_8));
		return response.header("content-type", "text/event-stream").send(bytes, (buffer) -> true).then();
	}

	private Mono<Void> delay(HttpServerResponse response) {
		if (this.latency.isZero()) {
			this.lastAnswered = this.lastRead;
			return Mono.empty();
		}
		return Mono.create((sink) -> response.withConnection((connection) -> {
			long start = System.nanoTime();
			ScheduledFuture<?> timer = connection.channel().eventLoop().schedule(() -> {
				long fired = System.nanoTime();
				this.lastAnswered = fired;
				this.waited.addAndGet(fired - start);
				sink.success();
			}, this.latency.toNanos(), TimeUnit.NANOSECONDS);
			sink.onCancel(() -> timer.cancel(false));
		}));
	}

	private static List<String> chunks() {
		String prefix = "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1727346168,"
				+ "\"model\":\"gpt-4o-2024-08-06\",\"system_fingerprint\":\"fp_5050236cbd\",\"choices\":[{\"index\":0,";
		List<String> chunks = new ArrayList<>();
		for (int i = 0; i < STREAM_CHUNKS; i++) {
			String role = (i == 0) ? "\"role\":\"assistant\"," : "";
			chunks.add(prefix + "\"delta\":{" + role + "\"content\":\"token " + i
					+ " of the answer \"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
		}
		chunks.add(prefix + "\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n");
		chunks.add("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1727346168,"
				+ "\"model\":\"gpt-4o-2024-08-06\",\"choices\":[],"
				+ "\"usage\":{\"prompt_tokens\":14,\"completion_tokens\":50,\"total_tokens\":64}}\n\n");
		chunks.add("data: [DONE]\n\n");
		return List.copyOf(chunks);
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(5));
	}

}
