package dev.llmfallback.redis;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.provider.ProviderClient;
import dev.llmfallback.provider.ProviderClientFactory;
import dev.llmfallback.provider.ProviderSettings;

/**
 * Decorates the clients of providers with {@code requests-per-minute} so that each call
 * first takes a slot of the fleet's limit on Redis; a call over the limit fails with
 * {@link ErrorKind#LOCAL_LIMIT} without reaching the provider, which the breaker ignores,
 * no retry repeats, and the router fails over from.
 */
public class FleetRateLimitedClientFactory implements ProviderClientFactory {

	private final ProviderClientFactory delegate;

	private final RedisRateLimits limits;

	/**
	 * Create the factory.
	 * @param delegate the factory of the undecorated clients
	 * @param limits the fleet's limits
	 */
	public FleetRateLimitedClientFactory(ProviderClientFactory delegate, RedisRateLimits limits) {
		this.delegate = delegate;
		this.limits = limits;
	}

	@Override
	public ProviderClient create(ProviderSettings settings) {
		ProviderClient client = this.delegate.create(settings);
		return (settings.requestsPerMinute() != null) ? new Limited(client, this.limits) : client;
	}

	private record Limited(ProviderClient client, RedisRateLimits limits) implements ProviderClient {

		@Override
		public ProviderSettings settings() {
			return this.client.settings();
		}

		@Override
		public Mono<ChatResponse> chat(ChatRequest request) {
			return acquire().then(Mono.defer(() -> this.client.chat(request)));
		}

		@Override
		public Flux<ChatChunk> stream(ChatRequest request) {
			return acquire().thenMany(Flux.defer(() -> this.client.stream(request)));
		}

		private Mono<Void> acquire() {
			ProviderSettings settings = this.client.settings();
			return Mono.defer(() -> this.limits.tryAcquire(settings.name(), settings.requestsPerMinute()))
				.flatMap((allowed) -> allowed ? Mono.empty()
						: Mono.error(new LlmException(ErrorKind.LOCAL_LIMIT, settings.name(), null, null,
								"fleet limit of " + settings.requestsPerMinute() + " requests per minute reached",
								null)));
		}

	}

}
