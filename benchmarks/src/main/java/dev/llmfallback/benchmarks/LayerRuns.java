package dev.llmfallback.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import reactor.core.publisher.Mono;

import dev.llmfallback.LlmRouter;
import dev.llmfallback.benchmarks.Stats.Spread;
import dev.llmfallback.provider.DefaultProviderClientFactory;
import dev.llmfallback.provider.ProviderClient;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.provider.ProviderWebClients;
import dev.llmfallback.resilience.AttemptLog;
import dev.llmfallback.resilience.ProviderResilience;
import dev.llmfallback.resilience.ResilienceRegistries;
import dev.llmfallback.resilience.ResilienceSettings;
import dev.llmfallback.routing.FailoverRouter;

/**
 * Where the added CPU goes: process CPU per call of closed loops at concurrency 512,
 * layer by layer from a plain WebClient call to the {@code LlmRouter} bean, in rounds
 * that run the layers forwards, then backwards.
 */
final class LayerRuns {

	private static final int CONCURRENCY = 512;

	private static final int ROUNDS = 3;

	private final Report report;

	private final double scale;

	LayerRuns(Report report, double scale) {
		this.report = report;
		this.scale = scale;
	}

	void run(Duration mockLatency) {
		try (HttpFixture fixture = new HttpFixture(mockLatency, MockProvider.Mode.OK, 1200);
				RouterContext observed = fixture.context(Map.of("llm.observations.without-tracer", "true"))) {
			ProviderWebClients webClients = fixture.webClients;
			LlmRouter observedRouter = observed.router();
			ProviderSettings primary = Routers.openAi("primary", 1, fixture.mock.baseUrl(), HttpFixture.TIMEOUT);
			DefaultProviderClientFactory clients = new DefaultProviderClientFactory(webClients, new ObjectMapper());
			ProviderClient codec = clients.create(primary);
			ProviderResilience decorated = Routers
				.decorators(ResilienceRegistries.ofDefaults(), ResilienceSettings.defaults())
				.create(clients.create(primary));
			FailoverRouter bare = Routers.http(webClients, ResilienceRegistries.ofDefaults(),
					ResilienceSettings.defaults(),
					List.of(primary, Routers.openAi("secondary", 2, fixture.secondary.baseUrl(), HttpFixture.TIMEOUT)));
			List<Layer> layers = List.of(new Layer("(a) plain WebClient", fixture::plainChat),
					new Layer("(b) codec alone (`OpenAiClient`)", () -> codec.chat(HttpFixture.REQUEST)),
					new Layer("(c) codec in its Resilience4j decorators",
							() -> decorated.chat(HttpFixture.REQUEST, new AttemptLog(null))),
					new Layer("(d) bare `FailoverRouter`", () -> bare.chat(HttpFixture.REQUEST)),
					new Layer("(e) `LlmRouter` bean", fixture::routerChat),
					new Layer("(f) `LlmRouter` bean, `llm.observations.without-tracer=true`",
							() -> observedRouter.chat(HttpFixture.REQUEST)));
			measure(layers, mockLatency);
		}
	}

	private void measure(List<Layer> layers, Duration mockLatency) {
		Duration duration = Duration.ofMillis((long) (2000 * this.scale));
		for (Layer layer : layers) {
			Measure.latencies(layer.call(), (int) Math.max(200, 2000 * this.scale), 64);
			Measure.Throughput.of(layer.call(), CONCURRENCY, duration);
		}
		List<double[]> rounds = new ArrayList<>();
		for (int round = 0; round < ROUNDS; round++) {
			double[] cpu = new double[layers.size()];
			for (int i = 0; i < layers.size(); i++) {
				int layer = (round % 2 == 0) ? i : layers.size() - 1 - i;
				cpu[layer] = Measure.Throughput.of(layers.get(layer).call(), CONCURRENCY, duration).cpuMicrosPerCall();
			}
			rounds.add(cpu);
		}
		this.report.section("Where the added CPU goes", "Closed loops at concurrency " + CONCURRENCY + " against the "
				+ mockLatency.toMillis() + " ms mock, " + ROUNDS + " rounds x " + duration.toMillis() / 1000.0
				+ " s per layer, the layers run a to f,"
				+ " then f to a, and so on. Process CPU per call (client, router and mock server), µs;"
				+ " each layer wraps the one before it, except (b), which replaces the plain WebClient"
				+ " code, and (f), which is (e) with the router's observations, as with a tracer. Every layer's WebClient"
				+ " comes from the application's builder. Informational, no target.", "Layer",
				"Process CPU per call: median [min .. max]", "Difference from the previous layer");
		for (int i = 0; i < layers.size(); i++) {
			int layer = i;
			String difference = (layer == 0) ? ""
					: Spread.of(rounds, (cpu) -> cpu[layer] - cpu[layer - 1]).format("%+.1f") + " µs";
			this.report.cells(layers.get(layer).name(), Spread.of(rounds, (cpu) -> cpu[layer]).format("%.1f"),
					difference);
		}
	}

	/**
	 * One layer of the call.
	 *
	 * @param name how the table names it
	 * @param call a call through it
	 */
	private record Layer(String name, Supplier<Mono<?>> call) {

	}

}
