package dev.llmfallback.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import dev.llmfallback.actuator.ProviderView;
import dev.llmfallback.actuator.RouterState;
import dev.llmfallback.cost.BudgetStatus;
import dev.llmfallback.routing.LatencyTracker;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.util.StreamUtils;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The live dashboard: serves its static page and a stream of server-sent events, first a
 * {@code snapshot} of the router, then every {@code routing} event as it happens and a
 * fresh {@code snapshot} at a fixed interval. Reads state only: it never calls a
 * provider, and never shows prompt text or keys. Its streams end when the application
 * stops, before the web server's graceful shutdown, which would otherwise wait for them.
 */
public class LlmDashboard implements SmartLifecycle {

	/** Where the page, its script and its style sheet live on the class path. */
	public static final String RESOURCES = "META-INF/llm-dashboard/";

	private static final String SNAPSHOT = "snapshot";

	private static final String ROUTING = "routing";

	private final RouterState state;

	private final LatencyTracker latencies;

	private final ObjectMapper objectMapper;

	private final Duration refreshInterval;

	private final Clock clock;

	private volatile Sinks.Empty<Void> stopped = Sinks.empty();

	private volatile boolean running;

	/**
	 * Create the dashboard.
	 * @param state the router's state
	 * @param latencies the providers' answer times
	 * @param objectMapper writes the events' JSON bodies
	 * @param refreshInterval how often a fresh snapshot is sent
	 * @param clock stamps the snapshots
	 */
	public LlmDashboard(RouterState state, LatencyTracker latencies, ObjectMapper objectMapper,
			Duration refreshInterval, Clock clock) {
		this.state = state;
		this.latencies = latencies;
		this.objectMapper = objectMapper;
		this.refreshInterval = refreshInterval;
		this.clock = clock;
	}

	/**
	 * The routes of the page ({@code GET <path>}), its assets
	 * ({@code GET <path>/assets/**}) and its events ({@code GET <path>/events}).
	 * @param path the page's path, such as {@code /llm/dashboard}
	 * @return the routes
	 */
	public RouterFunction<ServerResponse> routes(String path) {
		String base = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		String page = page(base);
		return RouterFunctions.route()
			.GET(base + "/events",
					(request) -> ServerResponse.ok()
						.contentType(MediaType.TEXT_EVENT_STREAM)
						.header("Cache-Control", "no-cache")
						.body(events(), ServerSentEvent.class))
			.GET(base, (request) -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(page))
			.GET(base + "/", (request) -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(page))
			.add(RouterFunctions.resources(base + "/assets/**", new ClassPathResource(RESOURCES)))
			.build();
	}

	/**
	 * The event stream: a snapshot with the recent events, then routing events as they
	 * happen and a snapshot at every refresh interval. Endless until the client goes.
	 * @return the events, with JSON bodies
	 */
	public Flux<ServerSentEvent<String>> events() {
		Flux<ServerSentEvent<String>> live = Flux.merge(
				this.state.events().live().map((event) -> event(ROUTING, DashboardEvent.of(event))),
				Flux.interval(this.refreshInterval).map((tick) -> event(SNAPSHOT, snapshot(false))));
		return Mono.fromSupplier(() -> event(SNAPSHOT, snapshot(true)))
			.concatWith(live)
			.takeUntilOther(this.stopped.asMono());
	}

	@Override
	public void start() {
		if (!this.running) {
			this.stopped = Sinks.empty();
			this.running = true;
		}
	}

	/**
	 * End every open event stream, so that clients reconnect elsewhere and a graceful
	 * shutdown need not wait for them.
	 */
	@Override
	public void stop() {
		this.running = false;
		this.stopped.tryEmitEmpty();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * The router now.
	 * @param withEvents whether to include the recent routing events
	 * @return the snapshot
	 */
	public DashboardSnapshot snapshot(boolean withEvents) {
		List<DashboardProvider> providers = this.state.providers().stream().map(this::provider).toList();
		List<DashboardEvent> events = withEvents
				? this.state.events().recent().stream().map(DashboardEvent::of).toList() : List.of();
		return new DashboardSnapshot(this.clock.instant().toString(), lower(this.state.reachableLevel().name()),
				providers, budget(this.state.budget()), this.state.cache(), events);
	}

	private DashboardProvider provider(ProviderView view) {
		return DashboardProvider.of(view, millis(this.latencies.average(view.name())),
				millis(this.latencies.percentile(view.name(), 0.95)));
	}

	private ServerSentEvent<String> event(String name, Object body) {
		try {
			return ServerSentEvent.builder(this.objectMapper.writeValueAsString(body)).event(name).build();
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Could not write the dashboard's " + name + " event", ex);
		}
	}

	private static Map<String, Object> budget(BudgetStatus status) {
		Map<String, Object> budget = new LinkedHashMap<>();
		budget.put("decision", lower(status.decision().name()));
		budget.put("strongestTier", (status.strongestTier() != null) ? lower(status.strongestTier().name()) : null);
		budget.put("windows", status.windows());
		return budget;
	}

	private static Long millis(Optional<Duration> duration) {
		return duration.map(Duration::toMillis).orElse(null);
	}

	private static String lower(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	private static String page(String base) {
		try {
			String html = StreamUtils.copyToString(new ClassPathResource(RESOURCES + "index.html").getInputStream(),
					StandardCharsets.UTF_8);
			return html.replace("{{path}}", base);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The dashboard page is missing from the class path", ex);
		}
	}

}
