package dev.llmfallback.gateway;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import reactor.core.publisher.Mono;

import dev.llmfallback.ChatResponse;
import dev.llmfallback.LlmRouter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * An OpenAI-compatible front of an {@link LlmRouter}: {@code POST /v1/chat/completions}
 * (whole or streamed) and {@code GET /v1/models}, so that any OpenAI client can use the
 * router by changing its base URL. Answers name the provider, degradation level and
 * failed attempts in {@code x-llm-*} headers; failures use OpenAI's error body and its
 * headers on whether and when to retry.
 */
public class LlmGateway {

	/** Header naming the configured provider that answered. */
	public static final String PROVIDER_HEADER = "x-llm-provider";

	/** Header naming the degradation level that answered, such as {@code full}. */
	public static final String LEVEL_HEADER = "x-llm-level";

	/**
	 * Header with the number of failed attempts before the answer (for a stream: before
	 * its first chunk).
	 */
	public static final String ATTEMPTS_HEADER = "x-llm-attempts";

	private final LlmRouter router;

	private final GatewayModels models;

	private final GatewayApiKeys apiKeys;

	private final GatewayJson json;

	private final GatewayRequestReader reader;

	private final Clock clock;

	/**
	 * A gateway in front of a router.
	 * @param router the router that answers
	 * @param models the configured models, listed and accepted by name
	 * @param apiKeys the keys clients must present, possibly none
	 * @param objectMapper the JSON mapper
	 * @param clock the clock of the {@code created} timestamps
	 */
	public LlmGateway(LlmRouter router, GatewayModels models, GatewayApiKeys apiKeys, ObjectMapper objectMapper,
			Clock clock) {
		this.router = router;
		this.models = models;
		this.apiKeys = apiKeys;
		this.json = new GatewayJson(objectMapper);
		this.reader = new GatewayRequestReader(this.json.objectMapper(), models);
		this.clock = clock;
	}

	/**
	 * The gateway's routes under a path prefix.
	 * @param prefix the prefix, such as {@code /llm}, or empty
	 * @return the routes
	 */
	public RouterFunction<ServerResponse> routes(String prefix) {
		String base = (prefix != null) ? prefix.replaceAll("/+$", "") : "";
		return RouterFunctions.route()
			.POST(base + "/v1/chat/completions", this::chatCompletions)
			.GET(base + "/v1/models", this::listModels)
			.filter(authentication())
			.build();
	}

	/**
	 * Answer a Chat Completions request.
	 * @param request the HTTP request
	 * @return the completion, a stream of chunks, or an error
	 */
	public Mono<ServerResponse> chatCompletions(ServerRequest request) {
		return request.bodyToMono(String.class)
			.defaultIfEmpty("")
			.map((body) -> this.reader.read(body, request.headers().firstHeader(GatewayRequestReader.MAX_COST)))
			.flatMap(this::answer)
			.onErrorResume(this::error);
	}

	/**
	 * List the models a request may name: {@code auto} and each configured model.
	 * @param request the HTTP request
	 * @return the list
	 */
	public Mono<ServerResponse> listModels(ServerRequest request) {
		List<ModelList.Entry> entries = new ArrayList<>();
		entries.add(ModelList.Entry.of(GatewayModels.AUTO, "llm-fallback"));
		this.models.models()
			.stream()
			.filter((model) -> entries.stream().noneMatch((entry) -> entry.id().equals(model.id())))
			.forEach((model) -> entries.add(ModelList.Entry.of(model.id(), model.provider())));
		return json(ServerResponse.ok(), ModelList.of(entries));
	}

	private Mono<ServerResponse> answer(GatewayRequest request) {
		String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
		long created = this.clock.instant().getEpochSecond();
		if (request.stream()) {
			return new GatewayStream(this.json, id, created, request).respond(this.router.stream(request.chat()));
		}
		return this.router.chat(request.chat()).flatMap((response) -> {
			ServerResponse.BodyBuilder builder = ServerResponse.ok()
				.header(LEVEL_HEADER, response.level().name().toLowerCase(Locale.ROOT))
				.header(ATTEMPTS_HEADER, String.valueOf(response.attempts().size()));
			if (response.provider() != null) {
				builder.header(PROVIDER_HEADER, response.provider());
			}
			return json(builder, completion(response, id, created, request));
		});
	}

	private Completion completion(ChatResponse response, String id, long created, GatewayRequest request) {
		return CompletionMapper.completion(response, id, created, request.model());
	}

	private Mono<ServerResponse> error(Throwable error) {
		GatewayErrors.Answer answer = GatewayErrors.of(error);
		return json(ServerResponse.status(answer.status()).headers(answer::retryHeaders), answer.body());
	}

	private Mono<ServerResponse> json(ServerResponse.BodyBuilder builder, Object body) {
		return builder.contentType(MediaType.APPLICATION_JSON).bodyValue(this.json.write(body));
	}

	private HandlerFilterFunction<ServerResponse, ServerResponse> authentication() {
		return (request, next) -> {
			if (this.apiKeys.accepts(request.headers().firstHeader(HttpHeaders.AUTHORIZATION))) {
				return next.handle(request);
			}
			GatewayErrors.Answer answer = GatewayErrors.unauthorized();
			return json(ServerResponse.status(answer.status())
				.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
				.headers(answer::retryHeaders), answer.body());
		};
	}

}
