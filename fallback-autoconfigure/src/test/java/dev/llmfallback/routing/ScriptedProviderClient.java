package dev.llmfallback.routing;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.FinishReason;
import dev.llmfallback.LlmException;
import dev.llmfallback.Tier;
import dev.llmfallback.Usage;
import dev.llmfallback.provider.ProviderClient;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.provider.ProviderTimeouts;
import dev.llmfallback.provider.ProviderType;

/**
 * An in-test provider that plays a script: each call takes the next outcome, and answers
 * "answer from NAME" once the script is used up. Its model is "NAME-model".
 */
public class ScriptedProviderClient implements ProviderClient {

	private final ProviderSettings settings;

	private final Deque<LlmException> failures = new ArrayDeque<>();

	private final AtomicInteger calls = new AtomicInteger();

	private Flux<ChatChunk> streamScript;

	private Usage usage = Usage.of(3, 4);

	private LlmException always;

	public ScriptedProviderClient(String name, int priority, Tier tier) {
		this(name, priority, tier, 1);
	}

	public ScriptedProviderClient(String name, int priority, Tier tier, int weight) {
		this(name, name + "-model", priority, tier, weight);
	}

	public ScriptedProviderClient(String name, String model, int priority, Tier tier, int weight) {
		this.settings = new ProviderSettings(name, ProviderType.OPENAI_COMPATIBLE, model, priority, tier,
				URI.create("http://localhost"), null, null,
				new ProviderTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)), null, null,
				Map.of(), null, null, false, weight);
	}

	public ScriptedProviderClient failWith(ErrorKind kind, Integer status) {
		this.failures.add(new LlmException(kind, this.settings.name(), status, null, "scripted", null));
		return this;
	}

	/**
	 * Answer with this usage from now on.
	 */
	public ScriptedProviderClient usage(Usage usage) {
		this.usage = usage;
		return this;
	}

	/**
	 * Fail every call from now on with this kind, or answer again with {@code null}.
	 */
	public ScriptedProviderClient failAlways(ErrorKind kind, Integer status) {
		if (kind == null) {
			this.always = null;
			return this;
		}
		this.always = new LlmException(kind, this.settings.name(), status, null, "scripted", null);
		return this;
	}

	ScriptedProviderClient streamWith(Flux<ChatChunk> chunks) {
		this.streamScript = chunks;
		return this;
	}

	public int calls() {
		return this.calls.get();
	}

	@Override
	public ProviderSettings settings() {
		return this.settings;
	}

	@Override
	public Mono<ChatResponse> chat(ChatRequest request) {
		return Mono.defer(() -> {
			this.calls.incrementAndGet();
			LlmException failure = (this.always != null) ? this.always : this.failures.poll();
			if (failure != null) {
				return Mono.error(failure);
			}
			return Mono.just(ChatResponse.builder()
				.text("answer from " + this.settings.name())
				.finishReason(FinishReason.STOP)
				.usage(this.usage)
				.provider(this.settings.name())
				.model(this.settings.model())
				.build());
		});
	}

	@Override
	public Flux<ChatChunk> stream(ChatRequest request) {
		return Flux.defer(() -> {
			this.calls.incrementAndGet();
			LlmException failure = (this.always != null) ? this.always : this.failures.poll();
			if (failure != null) {
				return Flux.error(failure);
			}
			if (this.streamScript != null) {
				return this.streamScript;
			}
			return Flux
				.just(ChatChunk.ofText("answer "), ChatChunk.ofText("from " + this.settings.name()),
						ChatChunk.ofFinish(FinishReason.STOP, this.usage))
				.map((chunk) -> chunk.withSource(this.settings.name(), this.settings.model()));
		});
	}

}
