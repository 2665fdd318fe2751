package dev.llmfallback.provider;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Creates one {@link WebClient} per provider, each with its own Reactor Netty connection
 * pool and connect timeout, and disposes the pools when closed.
 */
public class ProviderWebClients implements AutoCloseable {

	private static final int MAX_IN_MEMORY_SIZE = 16 * 1024 * 1024;

	private final WebClient.Builder template;

	private final List<ProviderWebClientCustomizer> customizers;

	private final List<ConnectionProvider> pools = new CopyOnWriteArrayList<>();

	/**
	 * Create the factory.
	 * @param template the builder every provider's builder is cloned from
	 * @param customizers customizers applied to each provider's builder, in order
	 */
	public ProviderWebClients(WebClient.Builder template, List<ProviderWebClientCustomizer> customizers) {
		this.template = template;
		this.customizers = List.copyOf(customizers);
	}

	/**
	 * Create the client of a provider, rooted at its base URL.
	 * @param settings the provider
	 * @return the client
	 */
	public WebClient create(ProviderSettings settings) {
		ConnectionProvider pool = ConnectionProvider.builder("llm-" + settings.name())
			.maxConnections(500)
			.pendingAcquireMaxCount(-1)
			.maxIdleTime(java.time.Duration.ofSeconds(30))
			.build();
		this.pools.add(pool);
		HttpClient httpClient = HttpClient.create(pool)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(settings.timeouts().connect().toMillis()));
		WebClient.Builder builder = this.template.clone()
			.clientConnector(new ReactorClientHttpConnector(httpClient))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(MAX_IN_MEMORY_SIZE))
			.baseUrl(settings.baseUrl().toString())
			.defaultHeaders((headers) -> settings.headers().forEach(headers::set));
		this.customizers.forEach((customizer) -> customizer.customize(settings, builder));
		return builder.build();
	}

	@Override
	public void close() {
		this.pools.forEach(ConnectionProvider::dispose);
		this.pools.clear();
	}

}
