package dev.llmfallback.sample.simulator;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Simulates the OpenAI, Anthropic and Gemini APIs over real HTTP on loopback: each
 * answers in its own wire format, streamed or not, and plays a {@link Fault} while one is
 * set.
 */
public class ProviderSimulator implements AutoCloseable {

	/**
	 * The providers the simulator plays, which are also the first segment of their paths.
	 */
	public static final List<String> PROVIDERS = List.of("openai", "anthropic", "google");

	private static final Answerer OPENAI = new Answerer(WireFormats::openAiAnswer, WireFormats::openAiStream);

	private static final Answerer ANTHROPIC = new Answerer(WireFormats::anthropicAnswer, WireFormats::anthropicStream);

	private static final Answerer GEMINI = new Answerer(WireFormats::geminiAnswer, WireFormats::geminiStream);

	private final Map<String, Fault> faults = new ConcurrentHashMap<>();

	private final Map<String, Duration> latencies = new ConcurrentHashMap<>();

	private final Duration latency;

	private final Duration tokenDelay;

	private final DisposableServer server;

	/**
	 * Start a simulator without added latency.
	 * @param port the port to listen on, 0 for any free one
	 * @param tokenDelay the pause between streamed words
	 */
	public ProviderSimulator(int port, Duration tokenDelay) {
		this(port, Duration.ZERO, tokenDelay);
	}

	/**
	 * Start a simulator.
	 * @param port the port to listen on, 0 for any free one
	 * @param latency the pause before each answer starts, until changed per provider
	 * @param tokenDelay the pause between streamed words
	 */
	public ProviderSimulator(int port, Duration latency, Duration tokenDelay) {
		this.latency = latency;
		this.tokenDelay = tokenDelay;
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(port)
			.route((routes) -> routes
				.post("/openai/v1/chat/completions",
						(request, response) -> handle("openai", request, response,
								(body) -> body.path("stream").asBoolean(), OPENAI))
				.post("/anthropic/v1/messages",
						(request, response) -> handle("anthropic", request, response,
								(body) -> body.path("stream").asBoolean(), ANTHROPIC))
				.post("/google/{version}/models/{call}",
						(request, response) -> handle("google", request, response,
								(body) -> request.param("call").endsWith(":streamGenerateContent"), GEMINI)))
			.bindNow();
	}

	/**
	 * The URL the simulator listens on, such as {@code http://127.0.0.1:41234}.
	 * @return the base URL
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/**
	 * Make a provider play a fault.
	 * @param provider the provider
	 * @param fault the fault
	 */
	public void fail(String provider, Fault fault) {
		this.faults.put(checked(provider), fault);
	}

	/**
	 * Make a provider answer normally again.
	 * @param provider the provider
	 */
	public void heal(String provider) {
		this.faults.remove(checked(provider));
	}

	/**
	 * The fault a provider plays.
	 * @param provider the provider
	 * @return the fault, or empty when it answers normally
	 */
	public Optional<Fault> fault(String provider) {
		return Optional.ofNullable(this.faults.get(checked(provider)));
	}

	/**
	 * Change the pause before a provider's answers start.
	 * @param provider the provider
	 * @param latency the pause
	 */
	public void latency(String provider, Duration latency) {
		this.latencies.put(checked(provider), latency);
	}

	/**
	 * The pause before a provider's answers start.
	 * @param provider the provider
	 * @return the pause
	 */
	public Duration latency(String provider) {
		return this.latencies.getOrDefault(checked(provider), this.latency);
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	private String checked(String provider) {
		if (!PROVIDERS.contains(provider)) {
			throw new IllegalArgumentException(
					"Unknown simulated provider '" + provider + "'; use one of " + PROVIDERS);
		}
		return provider;
	}

	private Publisher<Void> handle(String provider, HttpServerRequest request, HttpServerResponse response,
			Function<JsonNode, Boolean> streaming, Answerer answerer) {
		return request.receive().aggregate().asString().defaultIfEmpty("{}").flatMap((text) -> {
			Fault fault = this.faults.get(provider);
			Mono<Void> failed = (fault != null) ? FaultResponses.beforeAnswer(provider, fault, response) : null;
			if (failed != null) {
				return failed;
			}
			JsonNode body = Json.read(text);
			String call = request.param("call");
			String model = body.path("model")
				.asText((call != null) ? call.substring(0, call.indexOf(':')) : "simulated");
			List<String> words = words(provider, model, text.length(), asksForJson(body));
			int inputTokens = Math.max(1, text.length() / 4);
			Duration latency = latency(provider);
			if (streaming.apply(body)) {
				List<String> events = answerer.stream(model, words, inputTokens);
				Flux<String> parts = (fault != null) ? FaultResponses.stream(fault, events) : Flux.fromIterable(events);
				return response.header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
					.sendString(Mono.delay(latency).thenMany(parts.delayElements(this.tokenDelay)))
					.then();
			}
			String json = Json.write(answerer.answer(model, words, inputTokens));
			Flux<String> parts = (fault != null) ? FaultResponses.answer(fault, json) : Flux.just(json);
			return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
				.sendString(Mono.delay(latency).thenMany(parts))
				.then();
		});
	}

	/**
	 * The answer's words; when the request asks for JSON, those of a JSON object holding
	 * the sentence, which a schema need not accept: the simulator does not read one.
	 */
	private static List<String> words(String provider, String model, int promptLength, boolean json) {
		String text = "Simulated answer from " + provider + " (" + model + ") to a " + promptLength + "-byte request.";
		String answer = json ? Json.write(Map.of("answer", text)) : text;
		return Arrays.stream(answer.split("(?<= )")).toList();
	}

	/**
	 * Whether a request asks for JSON as OpenAI, Anthropic or Gemini word it (for
	 * Anthropic's JSON mode, its system prompt asks for a JSON object).
	 */
	private static boolean asksForJson(JsonNode body) {
		String openAi = body.at("/response_format/type").asText("text");
		return openAi.startsWith("json") || body.at("/output_config/format").isObject()
				|| body.path("system").asText("").contains("JSON object")
				|| "application/json".equals(body.at("/generationConfig/responseMimeType").asText());
	}

	private interface AnswerFunction<T> {

		T apply(String model, List<String> words, int inputTokens);

	}

	private record Answerer(AnswerFunction<Map<String, Object>> answer, AnswerFunction<List<String>> stream) {

		Map<String, Object> answer(String model, List<String> words, int inputTokens) {
			return this.answer.apply(model, words, inputTokens);
		}

		List<String> stream(String model, List<String> words, int inputTokens) {
			return this.stream.apply(model, words, inputTokens);
		}

	}

}
