package dev.llmfallback.provider.anthropic;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
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
import dev.llmfallback.provider.ProviderWebClients;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cancelling a stream closes its connection: a Reactor Netty server that streams text
 * deltas forever sees its outbound stream cancelled and its connection closed.
 */
class AnthropicStreamCancellationTests {

	private final AtomicBoolean outboundCancelled = new AtomicBoolean();

	private final AtomicBoolean connectionClosed = new AtomicBoolean();

	private final AtomicInteger requests = new AtomicInteger();

	private final DisposableServer server = HttpServer.create()
		.host("127.0.0.1")
		.port(0)
		.route((routes) -> routes.post("/v1/messages", (request, response) -> {
			this.requests.incrementAndGet();
			request.withConnection((connection) -> connection.onDispose(() -> this.connectionClosed.set(true)));
			Flux<String> events = Flux
				.concat(Flux.just(
						AnthropicStreamTests.sse("message_start",
								"{\"type\":\"message_start\",\"message\":{\"model\":\"claude-slow\",\"content\":[],"
										+ "\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}"),
						AnthropicStreamTests.sse("content_block_start",
								"{\"type\":\"content_block_start\",\"index\":0,"
										+ "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")),
						Flux.interval(Duration.ofMillis(50))
							.map((tick) -> AnthropicStreamTests.sse("content_block_delta",
									"{\"type\":\"content_block_delta\",\"index\":0,"
											+ "\"delta\":{\"type\":\"text_delta\",\"text\":\"tick \"}}")))
				.doOnCancel(() -> this.outboundCancelled.set(true));
			return request.receive()
				.aggregate()
				.then(response.header("content-type", "text/event-stream").sendString(events).then());
		}))
		.bindNow();

	private final ProviderWebClients webClients = new ProviderWebClients(WebClient.builder(), List.of());

	@AfterEach
	void close() {
		this.webClients.close();
		this.server.disposeNow();
	}

	@Test
	void cancellingTheStreamClosesTheConnection() {
		ProviderSettings settings = new ProviderSettings("anthropic", ProviderType.ANTHROPIC, "claude-test", 1,
				Tier.FULL, URI.create("http://127.0.0.1:" + this.server.port()), ContractPayloads.API_KEY, null,
				new ProviderTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5)), null, null,
				Map.of());
		AnthropicClient client = new AnthropicClient(settings, this.webClients.create(settings), new ObjectMapper());
		StepVerifier.create(client.stream(ChatRequest.of("Count forever")))
			.assertNext((chunk) -> assertThat(chunk.text()).isEqualTo("tick "))
			.assertNext((chunk) -> assertThat(chunk.model()).isEqualTo("claude-slow"))
			.thenCancel()
			.verify(Duration.ofSeconds(10));
		await().atMost(Duration.ofSeconds(5)).untilTrue(this.outboundCancelled);
		await().atMost(Duration.ofSeconds(5)).untilTrue(this.connectionClosed);
		assertThat(this.requests).hasValue(1);
	}

}
