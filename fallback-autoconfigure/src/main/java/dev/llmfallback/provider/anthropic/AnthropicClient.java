package dev.llmfallback.provider.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * The client of the Anthropic Messages API ({@code POST /v1/messages}), with or without
 * streaming.
 */
public class AnthropicClient implements ProviderClient {

	/** The {@code anthropic-version} sent when the settings name none. */
	public static final String DEFAULT_API_VERSION = "2023-06-01";

	private static final String PATH = "/v1/messages";

	private final ProviderSettings settings;

	private final ObjectMapper objectMapper;

	private final ProviderHttp http;

	private final AnthropicErrorDecoder errorDecoder;

	private final AnthropicRequestMapper requestMapper;

	private final AnthropicResponseMapper responseMapper;

	/**
	 * Create the client of one provider.
	 * @param settings the provider
	 * @param webClient its client, rooted at its base URL
	 * @param objectMapper the mapper for the JSON bodies
	 */
	public AnthropicClient(ProviderSettings settings, WebClient webClient, ObjectMapper objectMapper) {
		this.settings = settings;
		this.objectMapper = objectMapper;
		this.errorDecoder = new AnthropicErrorDecoder(settings, objectMapper);
		this.http = new ProviderHttp(settings, webClient, this.errorDecoder);
		this.requestMapper = new AnthropicRequestMapper(settings, objectMapper);
		this.responseMapper = new AnthropicResponseMapper(settings, objectMapper, this.http, this.errorDecoder);
	}

	@Override
	public ProviderSettings settings() {
		return this.settings;
	}

	@Override
	public Mono<ChatResponse> chat(ChatRequest request) {
		return Mono.defer(() -> {
			byte[] body;
			try {
				body = body(this.requestMapper.map(request));
			}
			catch (IllegalArgumentException ex) {
				return Mono.error(invalidRequest(ex));
			}
			return this.http.post(PATH, this::headers, body, this.responseMapper::read);
		});
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
			byte[] body;
			try {
				body = body(this.requestMapper.map(request).streaming());
			}
			catch (IllegalArgumentException ex) {
				return Flux.error(invalidRequest(ex));
			}
			AnthropicStreamDecoder decoder = new AnthropicStreamDecoder(this.settings, this.objectMapper, this.http,
					this.errorDecoder, this.responseMapper);
			return this.http.stream(PATH, this::headers, body)
				.<ChatChunk>handle(decoder::decode)
				.takeUntil(ChatChunk::isFinal)
				.concatWith(Mono.defer(decoder::end));
		});
	}

	private void headers(HttpHeaders headers) {
		if (this.settings.apiKey() != null) {
			headers.set("x-api-key", this.settings.apiKey());
		}
		headers.set("anthropic-version",
				(this.settings.apiVersion() != null) ? this.settings.apiVersion() : DEFAULT_API_VERSION);
	}

	private byte[] body(MessagesRequest body) {
		try {
			return this.objectMapper.writeValueAsBytes(body);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("request could not be written as JSON", ex);
		}
	}

	private LlmException invalidRequest(IllegalArgumentException ex) {
		return this.http.failure(ErrorKind.BAD_REQUEST, ex.getMessage());
	}

}
