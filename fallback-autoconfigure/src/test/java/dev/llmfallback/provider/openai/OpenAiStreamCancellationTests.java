package dev.llmfallback.provider.openai;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
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
import dev.llmfallback.Tier;
import dev.llmfallback.provider.ContractPayloads;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.provider.ProviderTimeouts;
import dev.llmfallback.provider.ProviderType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that cancelling an {@link OpenAiClient} stream closes its connection, observed on
 * the server side.
 */
class OpenAiStreamCancellationTests {

	private static final String EVENT = "data: {\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,"
			+ "\"delta\":{\"content\":\"tick \"},\"finish_reason\":null}]}\n\n";

	private final OpenAiTestSupport support = new OpenAiTestSupport();

	private final AtomicBoolean outboundCancelled = new AtomicBoolean();

	private final AtomicBoolean connectionClosed = new AtomicBoolean();

	private final AtomicInteger eventsSent = new AtomicInteger();

	private DisposableServer server;

	@BeforeEach
	void startServer() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.doOnConnection((connection) -> connection.onDispose(() -> this.connectionClosed.set(true)))
			.route((routes) -> routes.post("/v1/chat/completions",
					(request, response) -> response.header("Content-Type", "text/event-stream")
						.sendString(Flux.interval(Duration.ofMillis(50))
							.map((tick) -> EVENT)
							.doOnNext((event) -> this.eventsSent.incrementAndGet())
							.doOnCancel(() -> this.outboundCancelled.set(true)))))
			.bindNow();
	}

	@AfterEach
	void stopServer() {
		this.support.close();
		this.server.disposeNow();
	}

	@Test
	void cancellingStreamClosesConnection() {
		ProviderSettings settings = new ProviderSettings("slow", ProviderType.OPENAI, "gpt-4o", 1, Tier.FULL,
				URI.create("http://127.0.0.1:" + this.server.port() + "/v1"), ContractPayloads.API_KEY, null,
				new ProviderTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5)), null, null,
				Map.of());
		StepVerifier.create(this.support.client(settings).stream(ChatRequest.of("Count forever")))
			.assertNext((chunk) -> assertThat(chunk.text()).isEqualTo("tick "))
			.assertNext((chunk) -> assertThat(chunk.text()).isEqualTo("tick "))
			.thenCancel()
			.verify(Duration.ofSeconds(5));
		await().atMost(Duration.ofSeconds(5)).untilTrue(this.outboundCancelled);
		await().atMost(Duration.ofSeconds(5)).untilTrue(this.connectionClosed);
		int sentAtClose = this.eventsSent.get();
		// The server stops producing once the client has gone.
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(2))
			.until(() -> this.eventsSent.get() == sentAtClose);
	}

}
