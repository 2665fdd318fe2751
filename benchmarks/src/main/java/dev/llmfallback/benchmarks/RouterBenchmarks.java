package dev.llmfallback.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.LlmRouter;
import dev.llmfallback.provider.ProviderClientFactory;
import dev.llmfallback.resilience.ResilienceRegistries;
import dev.llmfallback.resilience.ResilienceSettings;
import dev.llmfallback.routing.FailoverRouter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * CPU time and allocation of the router alone: providers answer in-process, so the only
 * work left is the router's. The {@code ...Bean} benchmarks call the auto-configured
 * {@link LlmRouter} bean (degradation, listeners, metrics and observations included) of
 * an application whose {@link ProviderClientFactory} answers in-process; the others a
 * bare {@link FailoverRouter} (Resilience4j decorators, attempt log, deadline timer).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RouterBenchmarks {

	private final ChatRequest request = ChatRequest.of(HttpFixture.PROMPT);

	private InMemoryProviderClient client;

	private FailoverRouter router;

	private FailoverRouter openBreakerRouter;

	/** Build the routers; the second one's first breaker is forced open. */
	@Setup
	public void setUp() {
		this.client = new InMemoryProviderClient("primary", 1);
		this.router = Routers.of(ResilienceRegistries.ofDefaults(), ResilienceSettings.defaults(),
				List.of(this.client, new InMemoryProviderClient("secondary", 2)));
		ResilienceRegistries registries = ResilienceRegistries.ofDefaults();
		this.openBreakerRouter = Routers.of(registries, ResilienceSettings.defaults(),
				List.of(new InMemoryProviderClient("primary", 1), new InMemoryProviderClient("secondary", 2)));
		registries.circuitBreakers().circuitBreaker("primary").transitionToForcedOpenState();
	}

	/**
	 * The provider called without the router.
	 * @return the answer
	 */
	@Benchmark
	public ChatResponse direct() {
		return this.client.chat(this.request).block();
	}

	/**
	 * The provider's stream read without the router.
	 * @return the last chunk
	 */
	@Benchmark
	public ChatChunk directStream() {
		return this.client.stream(this.request).blockLast();
	}

	/**
	 * A call through the bare router answered by the first provider.
	 * @return the answer
	 */
	@Benchmark
	public ChatResponse routed() {
		return this.router.chat(this.request).block();
	}

	/**
	 * A call through the bare router that skips the first provider's open breaker and is
	 * answered by the second.
	 * @return the answer
	 */
	@Benchmark
	public ChatResponse openBreakerSkipped() {
		return fromSecondary(this.openBreakerRouter.chat(this.request).block());
	}

	/**
	 * A call through the bean answered by the first provider.
	 * @param bean the bean's context
	 * @return the answer
	 */
	@Benchmark
	public ChatResponse routedBean(BeanRouter bean) {
		return bean.router.chat(this.request).block();
	}

	/**
	 * A stream through the bean answered by the first provider.
	 * @param bean the bean's context
	 * @return the last chunk
	 */
	@Benchmark
	public ChatChunk routedStreamBean(BeanRouter bean) {
		return bean.router.stream(this.request).blockLast();
	}

	/**
	 * A call through the bean of an application that asked for the router's observations
	 * without a tracer ({@code llm.observations.without-tracer=true}), answered by the
	 * first provider: what the observations cost before a tracer's own work.
	 * @param bean the bean's context
	 * @return the answer
	 */
	@Benchmark
	public ChatResponse routedBeanWithObservations(BeanRouterWithObservations bean) {
		return bean.router.chat(this.request).block();
	}

	/**
	 * A call through the bean of an application that orders its providers by weight: each
	 * request draws its order, and either provider answers.
	 * @param bean the bean's context, {@code llm.routing.strategy=weighted}
	 * @return the answer
	 */
	@Benchmark
	public ChatResponse routedBeanWeighted(BeanRouterWeighted bean) {
		return bean.router.chat(this.request).block();
	}

	/**
	 * A call through the bean that skips the first provider's open breaker and is
	 * answered by the second.
	 * @param bean the bean's context, the first provider's breaker forced open
	 * @return the answer
	 */
	@Benchmark
	public ChatResponse openBreakerSkippedBean(BeanRouterWithOpenBreaker bean) {
		return fromSecondary(bean.router.chat(this.request).block());
	}

	private static ChatResponse fromSecondary(ChatResponse response) {
		if (!"secondary".equals(response.provider())) {
			throw new IllegalStateException("answered by " + response.provider());
		}
		return response;
	}

	static RouterContext inMemoryContext(Map<String, Object> more) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.putAll(RouterContext.openAi(0, "primary", InMemoryProviderClient.NOWHERE, HttpFixture.TIMEOUT));
		properties.putAll(RouterContext.openAi(1, "secondary", InMemoryProviderClient.NOWHERE, HttpFixture.TIMEOUT));
		properties.putAll(more);
		return new RouterContext(properties, InMemoryClients.class);
	}

	/**
	 * The {@link LlmRouter} bean over providers answering in-process.
	 */
	@State(Scope.Benchmark)
	public static class BeanRouter {

		private RouterContext context;

		LlmRouter router;

		/** Start the context. */
		@Setup
		public void start() {
			this.context = inMemoryContext(properties());
			prepare(this.context);
			this.router = this.context.router();
		}

		/** Close the context. */
		@TearDown
		public void close() {
			this.context.close();
		}

		/**
		 * Properties added to the providers'.
		 * @return the properties
		 */
		Map<String, Object> properties() {
			return Map.of();
		}

		/**
		 * Set the started context up before the benchmark.
		 * @param context the context
		 */
		void prepare(RouterContext context) {
		}

	}

	/**
	 * The {@link LlmRouter} bean over providers answering in-process, in an application
	 * that asked for the router's observations without a tracer.
	 */
	@State(Scope.Benchmark)
	public static class BeanRouterWithObservations extends BeanRouter {

		@Override
		Map<String, Object> properties() {
			return Map.of("llm.observations.without-tracer", "true");
		}

	}

	/**
	 * The {@link LlmRouter} bean over providers answering in-process, ordered for each
	 * request by weight (both of weight 1).
	 */
	@State(Scope.Benchmark)
	public static class BeanRouterWeighted extends BeanRouter {

		@Override
		Map<String, Object> properties() {
			return Map.of("llm.routing.strategy", "weighted");
		}

	}

	/**
	 * The {@link LlmRouter} bean over providers answering in-process, the first one's
	 * breaker forced open.
	 */
	@State(Scope.Benchmark)
	public static class BeanRouterWithOpenBreaker extends BeanRouter {

		@Override
		void prepare(RouterContext context) {
			context.breaker("primary").transitionToForcedOpenState();
		}

	}

	/**
	 * Replaces the auto-configured client factory, which backs off.
	 */
	@Configuration(proxyBeanMethods = false)
	static class InMemoryClients {

		@Bean
		ProviderClientFactory inMemoryProviderClientFactory() {
			return InMemoryProviderClient::new;
		}

	}

}
