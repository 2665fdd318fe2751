package dev.llmfallback.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.resilience.ResilienceRegistries;
import dev.llmfallback.resilience.ResilienceSettings;
import dev.llmfallback.routing.FailoverRouter;

/**
 * CPU time and allocation of the router alone: providers answer in-process, so the only
 * work left is the router's (Resilience4j decorators, attempt log, deadline timer).
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
	 * A routed call answered by the first provider.
	 * @return the answer
	 */
	@Benchmark
	public ChatResponse routed() {
		return this.router.chat(this.request).block();
	}

	/**
	 * A routed call that skips the first provider's open breaker and is answered by the
	 * second.
	 * @return the answer
	 */
	@Benchmark
	public ChatResponse openBreakerSkipped() {
		ChatResponse response = this.openBreakerRouter.chat(this.request).block();
		if (!"secondary".equals(response.provider())) {
			throw new IllegalStateException("answered by " + response.provider());
		}
		return response;
	}

}
