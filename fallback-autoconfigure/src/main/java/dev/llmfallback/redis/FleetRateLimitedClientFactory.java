package dev.llmfallback.redis;

import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.Usage;
import dev.llmfallback.provider.ProviderClient;
import dev.llmfallback.provider.ProviderClientFactory;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.routing.StreamUsage;

/**
 * Decorates the clients of providers with {@code requests-per-minute} so that each call
 * first takes a slot of the fleet's limit on Redis; a call over the limit fails with
 * {@link ErrorKind#LOCAL_LIMIT} without reaching the provider, which the breaker ignores,
 * no retry repeats, and the router fails over from. Providers with
 * {@code tokens-per-minute} are skipped the same way once the fleet's answers used up the
 * minute's tokens.
 */
public class FleetRateLimitedClientFactory implements ProviderClientFactory {

	private final ProviderClientFactory delegate;

	private final RedisRateLimits limits;

	private final Map<String, Integer> tokensPerMinute;

	/**
	 * Create the factory.
	 * @param delegate the factory of the undecorated clients
	 * @param limits the fleet's limits
	 * @param tokensPerMinute the fleet's tokens per minute by provider name, for those
	 * that have a limit
	 */
	public FleetRateLimitedClientFactory(ProviderClientFactory delegate, RedisRateLimits limits,
			Map<String, Integer> tokensPerMinute) {
		this.delegate = delegate;
		this.limits = limits;
		this.tokensPerMinute = Map.copyOf(tokensPerMinute);
	}

	@Override
	public ProviderClient create(ProviderSettings settings) {
		ProviderClient client = this.delegate.create(settings);
		Integer tokens = this.tokensPerMinute.get(settings.name());
		return (settings.requestsPerMinute() != null || tokens != null) ? new Limited(client, this.limits, tokens)
				: client;
	}

	private record Limited(ProviderClient client, RedisRateLimits limits,
			Integer tokensPerMinute) implements ProviderClient {

		@Override
		public ProviderSettings settings() {
			return this.client.settings();
		}

		@Override
		public Mono<ChatResponse> chat(ChatRequest request) {
			Mono<ChatResponse> chat = acquire().then(Mono.defer(() -> this.client.chat(request)));
			return (this.tokensPerMinute != null) ? chat.doOnNext((response) -> count(response.usage())) : chat;
		}

		/**
		 * A stream counts the usage its provider reports with the final chunk or, when it
		 * ends without one (cut, cancelled), an estimate of what it delivered.
		 */
		@Override
		public Flux<ChatChunk> stream(ChatRequest request) {
			Flux<ChatChunk> stream = acquire().thenMany(Flux.defer(() -> this.client.stream(request)));
			if (this.tokensPerMinute == null) {
				return stream;
			}
			return Flux.defer(() -> {
				StreamUsage usage = new StreamUsage(request);
				return stream.doOnNext((chunk) -> count(usage.passing(chunk)))
					.doFinally((signal) -> count(usage.unreported()));
			});
		}

		private Mono<Void> acquire() {
			ProviderSettings settings = this.client.settings();
			Mono<Void> requests = (settings.requestsPerMinute() == null) ? Mono.empty()
					: Mono.defer(() -> this.limits.tryAcquire(settings.name(), settings.requestsPerMinute()))
						.flatMap((allowed) -> allowed ? Mono.empty()
								: Mono.error(refused(settings.requestsPerMinute() + " requests")));
			Mono<Void> tokens = (this.tokensPerMinute == null) ? Mono.empty()
					: Mono.defer(() -> this.limits.hasTokens(settings.name(), this.tokensPerMinute))
						.flatMap((room) -> room ? Mono.empty() : Mono.error(refused(this.tokensPerMinute + " tokens")));
			return tokens.then(requests);
		}

		/**
		 * Count an answer's tokens against the fleet's minute without holding the answer:
		 * its caller never waits for Redis, nor does the provider's time limiter, and a
		 * failed count is only missed, as every command under the guard.
		 */
		private void count(Usage usage) {
			if (usage != null) {
				this.limits.addTokens(this.client.settings().name(), usage.totalTokens()).subscribe();
			}
		}

		private LlmException refused(String limit) {
			return LlmException.skipped(ErrorKind.LOCAL_LIMIT, this.client.settings().name(),
					this.limits.untilNextMinute(), "fleet limit of " + limit + " per minute reached");
		}

	}

}
