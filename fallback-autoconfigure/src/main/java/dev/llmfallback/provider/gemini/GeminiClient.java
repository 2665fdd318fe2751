package dev.llmfallback.provider.gemini;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.provider.ProviderClient;
import dev.llmfallback.provider.ProviderHttp;
import dev.llmfallback.provider.ProviderSettings;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Calls Google Gemini's {@code generateContent} and {@code streamGenerateContent?alt=sse}
 * ({@link dev.llmfallback.provider.ProviderType#GOOGLE}), authenticating with the
 * {@code x-goog-api-key} header, never with a {@code key} query parameter that would leak
 * into logs.
 */
public class GeminiClient implements ProviderClient {

	/** The API version used when the settings name none. */
	public static final String DEFAULT_API_VERSION = "v1beta";

	private static final String API_KEY_HEADER = "x-goog-api-key";

	private final ProviderSettings settings;

	private final ProviderHttp http;

	private final GeminiRequests requests;

	private final GeminiResponses responses;

	/**
	 * Create the client of a provider.
	 * @param settings the provider
	 * @param webClient its client, rooted at its base URL
	 * @param objectMapper the application's mapper; a copy configured for Gemini's JSON
	 * is used
	 */
	public GeminiClient(ProviderSettings settings, WebClient webClient, ObjectMapper objectMapper) {
		this.settings = settings;
		ObjectMapper wireMapper = wireMapper(objectMapper);
		GeminiErrorDecoder errorDecoder = new GeminiErrorDecoder(settings, wireMapper);
		this.http = new ProviderHttp(settings, webClient, errorDecoder);
		this.requests = new GeminiRequests(settings, wireMapper);
		this.responses = new GeminiResponses(settings, wireMapper, this.http, errorDecoder);
	}

	@Override
	public ProviderSettings settings() {
		return this.settings;
	}

	@Override
	public Mono<ChatResponse> chat(ChatRequest request) {
		return body(request)
			.flatMap((body) -> this.http.post(path("generateContent"), this::headers, body,
					(json) -> new String(json.readAllBytes(), StandardCharsets.UTF_8)))
			.map((json) -> this.responses.toChatResponse(this.responses.parse(json)));
	}

	/**
	 * A whole answer is bounded by the provider's response timeout.
	 * @return {@code true}
	 */
	@Override
	public boolean boundsChatTime() {
		return true;
	}

	@Override
	public Flux<ChatChunk> stream(ChatRequest request) {
		return Flux.defer(() -> {
			GeminiStream stream = new GeminiStream(this.settings, this.http, this.responses);
			return body(request)
				.flatMapMany(
						(body) -> this.http.stream(path("streamGenerateContent") + "?alt=sse", this::headers, body))
				.concatMapIterable((event) -> stream.onEvent(event.data()))
				.concatWith(Mono.fromCallable(stream::finish));
		});
	}

	private Mono<byte[]> body(ChatRequest request) {
		return Mono.fromCallable(() -> this.requests.body(request))
			.onErrorMap((ex) -> !(ex instanceof LlmException), (ex) -> this.http.failure(ErrorKind.BAD_REQUEST,
					"request not writable: " + ex.getClass().getSimpleName()));
	}

	private String path(String method) {
		String version = (this.settings.apiVersion() != null && !this.settings.apiVersion().isBlank())
				? this.settings.apiVersion() : DEFAULT_API_VERSION;
		String model = this.settings.model();
		// tunedModels/... and models/... are resource names already
		String resource = model.contains("/") ? model : "models/" + model;
		return "/" + version + "/" + resource + ":" + method;
	}

	private void headers(HttpHeaders headers) {
		if (this.settings.apiKey() != null && !this.settings.apiKey().isBlank()) {
			headers.set(API_KEY_HEADER, this.settings.apiKey());
		}
	}

	private static ObjectMapper wireMapper(ObjectMapper objectMapper) {
		return objectMapper.copy()
			.setPropertyNamingStrategy(PropertyNamingStrategies.LOWER_CAMEL_CASE)
			.setSerializationInclusion(JsonInclude.Include.NON_NULL)
			.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
			.configure(SerializationFeature.INDENT_OUTPUT, false);
	}

}
