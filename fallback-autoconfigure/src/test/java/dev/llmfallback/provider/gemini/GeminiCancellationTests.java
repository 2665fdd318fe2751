package dev.llmfallback.provider.gemini;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

import dev.llmfallback.ChatRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that cancelling a stream closes its connection, observed by a server that streams
 * slowly.
 */
class GeminiCancellationTests {

	private static final String EVENT = "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"tick\"}],"
			+ "\"role\": \"model\"}}],\"modelVersion\": \"gemini-2.5-flash\"}\r\n\r\n";

	private final AtomicBoolean cancelled = new AtomicBoolean();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final AtomicInteger sent = new AtomicInteger();

	private final GeminiTestSupport support = new GeminiTestSupport();

	private DisposableServer server;

	@BeforeEach
	void start() {
		this.server = HttpServer.create()
			.host("localhost")
			.port(0)
			.route((routes) -> routes.post("/v1beta/models/{model}", (request, response) -> {
				request.withConnection((connection) -> connection.onDispose(() -> this.closed.set(true)));
				Flux<String> events = Flux.interval(Duration.ofMillis(50))
					.map((tick) -> EVENT)
					.doOnNext((event) -> this.sent.incrementAndGet())
					.doOnCancel(() -> this.cancelled.set(true));
				return response.header("Content-Type", "text/event-stream").sendString(events);
			}))
			.bindNow();
	}

	@AfterEach
	void stop() {
		this.support.close();
		this.server.disposeNow();
	}

	@Test
	void cancellingTheStreamClosesTheConnection() {
		URI baseUrl = URI.create("http://localhost:" + this.server.port());
		GeminiClient client = this.support.client(GeminiTestSupport.settings(baseUrl, Duration.ofSeconds(5)));
		StepVerifier.create(client.stream(ChatRequest.of("Hi")))
			.assertNext((chunk) -> assertThat(chunk.text()).isEqualTo("tick"))
			.assertNext((chunk) -> assertThat(chunk.text()).isEqualTo("tick"))
			.thenCancel()
			.verify(Duration.ofSeconds(5));
		await().atMost(Duration.ofSeconds(5)).untilTrue(this.cancelled);
		await().atMost(Duration.ofSeconds(5)).untilTrue(this.closed);
		int afterCancel = this.sent.get();
		await().pollDelay(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(this.sent.get()).isEqualTo(afterCancel));
	}

}
