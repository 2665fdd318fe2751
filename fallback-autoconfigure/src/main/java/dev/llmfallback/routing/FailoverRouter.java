package dev.llmfallback.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.llmfallback.Attempt;
import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.LlmRouter;
import dev.llmfallback.provider.ProviderClient;
import dev.llmfallback.provider.ProviderErrors;
import dev.llmfallback.provider.ProviderSettings;

/**
 * An {@link LlmRouter} that tries providers one after the other, in priority order,
 * skipping those whose tier is below what the request accepts, and moves on when the
 * {@link FallbackPolicy} says so. Every failed attempt is recorded in the answer, or in
 * the one exception the caller gets when no provider could answer.
 */
public class FailoverRouter implements LlmRouter {

	private final List<ProviderClient> clients;

	private final FallbackPolicy policy;

	/**
	 * Create a router.
	 * @param clients the providers' clients, in the order they are tried
	 * @param policy which failures fall back to the next provider
	 */
	public FailoverRouter(List<ProviderClient> clients, FallbackPolicy policy) {
		this.clients = List.copyOf(clients);
		this.policy = policy;
	}

	@Override
	public Mono<ChatResponse> chat(ChatRequest request) {
		return Mono.defer(() -> chat(request, candidates(request), 0, new ArrayList<>()));
	}

	@Override
	public Flux<ChatChunk> stream(ChatRequest request) {
		return Flux.defer(() -> stream(request, candidates(request), 0, new ArrayList<>()));
	}

	private Mono<ChatResponse> chat(ChatRequest request, List<ProviderClient> candidates, int index,
			List<Attempt> attempts) {
		if (candidates.isEmpty()) {
			return Mono.error(noCandidate(request));
		}
		ProviderClient client = candidates.get(index);
		ProviderSettings settings = client.settings();
		long start = System.nanoTime();
		return client.chat(request)
			.map((response) -> response.toBuilder()
				.level(settings.tier().level())
				.attempts(List.copyOf(attempts))
				.build())
			.onErrorResume((ex) -> {
				LlmException error = record(settings, ex, start, attempts);
				if (index + 1 < candidates.size() && this.policy.shouldFallback(error)) {
					return chat(request, candidates, index + 1, attempts);
				}
				return Mono.error(LlmException.allFailed(attempts, error));
			});
	}

	private Flux<ChatChunk> stream(ChatRequest request, List<ProviderClient> candidates, int index,
			List<Attempt> attempts) {
		if (candidates.isEmpty()) {
			return Flux.error(noCandidate(request));
		}
		ProviderClient client = candidates.get(index);
		ProviderSettings settings = client.settings();
		long start = System.nanoTime();
		AtomicBoolean delivered = new AtomicBoolean();
		StringBuilder text = new StringBuilder();
		return client.stream(request).map((chunk) -> chunk.withLevel(settings.tier().level())).doOnNext((chunk) -> {
			delivered.set(true);
			text.append(chunk.text());
		}).onErrorResume((ex) -> {
			LlmException error = record(settings, ex, start, attempts);
			if (delivered.get()) {
				return Flux.error(error.afterPartialAnswer(attempts, text.toString()));
			}
			if (index + 1 < candidates.size() && this.policy.shouldFallback(error)) {
				return stream(request, candidates, index + 1, attempts);
			}
			return Flux.error(LlmException.allFailed(attempts, error));
		});
	}

	private List<ProviderClient> candidates(ChatRequest request) {
		return this.clients.stream()
			.filter((client) -> client.settings().tier().satisfies(request.minimumTier()))
			.toList();
	}

	private static LlmException record(ProviderSettings settings, Throwable ex, long start, List<Attempt> attempts) {
		LlmException error = ProviderErrors.fromTransport(settings.name(), ex);
		attempts.add(Attempt.of(settings.name(), settings.model(), error, Duration.ofNanos(System.nanoTime() - start)));
		return error;
	}

	private static LlmException noCandidate(ChatRequest request) {
		return new LlmException(ErrorKind.BAD_REQUEST, null, null, null,
				"no enabled provider has tier " + request.minimumTier() + " or better", null);
	}

}
