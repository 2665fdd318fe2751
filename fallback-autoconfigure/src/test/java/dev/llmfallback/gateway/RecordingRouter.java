package dev.llmfallback.gateway;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.DegradationLevel;
import dev.llmfallback.FinishReason;
import dev.llmfallback.LlmRouter;
import dev.llmfallback.Usage;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * An in-test router: it records the last request and answers as scripted, by default
 * "answer from openai" (and the same text, word by word, when streaming).
 */
class RecordingRouter implements LlmRouter {

	static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_750_000_000), ZoneOffset.UTC);

	static final GatewayModels MODELS = new GatewayModels(List.of(new GatewayModel("claude-sonnet-4", "anthropic"),
			new GatewayModel("gpt-4o", "openai"), new GatewayModel("gpt-4o", "openai-backup")));

	private final AtomicReference<ChatRequest> last = new AtomicReference<>();

	private volatile Function<ChatRequest, Mono<ChatResponse>> chat = (request) -> Mono.just(ChatResponse.builder()
		.text("answer from openai")
		.finishReason(FinishReason.STOP)
		.usage(Usage.of(12, 4))
		.provider("openai")
		.model("gpt-4o-2024-08-06")
		.level(DegradationLevel.FULL)
		.build());

	private volatile Function<ChatRequest, Flux<ChatChunk>> stream = (request) -> Flux
		.just(ChatChunk.ofText("answer"), ChatChunk.ofText(" from"), ChatChunk.ofText(" openai"),
				ChatChunk.ofFinish(FinishReason.STOP, Usage.of(12, 3)))
		.map((chunk) -> chunk.withSource("openai", "gpt-4o-2024-08-06").withLevel(DegradationLevel.FULL));

	@Override
	public Mono<ChatResponse> chat(ChatRequest request) {
		this.last.set(request);
		return this.chat.apply(request);
	}

	@Override
	public Flux<ChatChunk> stream(ChatRequest request) {
		this.last.set(request);
		return this.stream.apply(request);
	}

	RecordingRouter answering(Function<ChatRequest, Mono<ChatResponse>> chat) {
		this.chat = chat;
		return this;
	}

	RecordingRouter streaming(Function<ChatRequest, Flux<ChatChunk>> stream) {
		this.stream = stream;
		return this;
	}

	ChatRequest lastRequest() {
		return this.last.get();
	}

	LlmGateway gateway(String... apiKeys) {
		return new LlmGateway(this, MODELS, new GatewayApiKeys(List.of(apiKeys)), new ObjectMapper(), CLOCK);
	}

	WebTestClient client(String... apiKeys) {
		return WebTestClient.bindToRouterFunction(gateway(apiKeys).routes("")).build();
	}

}
