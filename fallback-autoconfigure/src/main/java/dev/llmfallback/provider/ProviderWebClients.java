package dev.llmfallback.provider;

import java.net.SocketAddress;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Creates one {@link WebClient} per provider, each with its own Reactor Netty connection
 * pool and connect timeout, and disposes the pools when closed. Each pool's gauges
 * (acquired, pending, idle connections) are kept without Micrometer and read through
 * {@link #poolMetrics()}.
 */
public class ProviderWebClients implements AutoCloseable {

	private static final int MAX_IN_MEMORY_SIZE = 16 * 1024 * 1024;

	private static final int DEFAULT_MAX_CONNECTIONS = 500;

	private static final String POOL_PREFIX = "llm-";

	private final WebClient.Builder template;

	private final List<ProviderWebClientCustomizer> customizers;

	private final int maxConnections;

	private final List<ConnectionProvider> pools = new CopyOnWriteArrayList<>();

	private final Map<String, ConnectionPoolMetrics> poolMetrics = new ConcurrentHashMap<>();

	private final ConnectionProvider.MeterRegistrar registrar = new PoolMetricsRegistrar();

	/**
	 * Create the factory with pools of 500 connections per provider.
	 * @param template the builder every provider's builder is cloned from
	 * @param customizers customizers applied to each provider's builder, in order
	 */
	public ProviderWebClients(WebClient.Builder template, List<ProviderWebClientCustomizer> customizers) {
		this(template, customizers, DEFAULT_MAX_CONNECTIONS);
	}

	/**
	 * Create the factory.
	 * @param template the builder every provider's builder is cloned from
	 * @param customizers customizers applied to each provider's builder, in order
	 * @param maxConnections the most connections of each provider's pool
	 */
	public ProviderWebClients(WebClient.Builder template, List<ProviderWebClientCustomizer> customizers,
			int maxConnections) {
		this.template = template;
		this.customizers = List.copyOf(customizers);
		this.maxConnections = maxConnections;
	}

	/**
	 * The most connections of each provider's pool.
	 * @return the pool size
	 */
	public int maxConnections() {
		return this.maxConnections;
	}

	/**
	 * The gauges of each provider's connection pool, by provider name, once the pool has
	 * opened a connection.
	 * @return a read-only view of the pools' metrics
	 */
	public Map<String, ConnectionPoolMetrics> poolMetrics() {
		return Collections.unmodifiableMap(this.poolMetrics);
	}

	/**
	 * Create the client of a provider, rooted at its base URL.
	 * @param settings the provider
	 * @return the client
	 */
	public WebClient create(ProviderSettings settings) {
		ConnectionProvider pool = ConnectionProvider.builder(POOL_PREFIX + settings.name())
			.maxConnections(this.maxConnections)
			.pendingAcquireMaxCount(-1)
			.maxIdleTime(java.time.Duration.ofSeconds(30))
			.metrics(true, () -> this.registrar)
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

	/**
	 * Keeps each pool's gauges under the provider's name.
	 */
	private final class PoolMetricsRegistrar implements ConnectionProvider.MeterRegistrar {

		@Override
		public void registerMetrics(String poolName, String id, SocketAddress remoteAddress,
				ConnectionPoolMetrics metrics) {
			ProviderWebClients.this.poolMetrics.put(providerName(poolName), metrics);
		}

		@Override
		public void deRegisterMetrics(String poolName, String id, SocketAddress remoteAddress) {
			ProviderWebClients.this.poolMetrics.remove(providerName(poolName));
		}

		private static String providerName(String poolName) {
			return poolName.startsWith(POOL_PREFIX) ? poolName.substring(POOL_PREFIX.length()) : poolName;
		}

	}

}
