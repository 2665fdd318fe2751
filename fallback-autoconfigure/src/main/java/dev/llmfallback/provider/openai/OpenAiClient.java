package dev.llmfallback.provider.openai;

import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.provider.ProviderClient;
import dev.llmfallback.provider.ProviderHttp;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.provider.ProviderType;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Calls a provider that speaks OpenAI Chat Completions: OpenAI itself, an
 * OpenAI-compatible server (Ollama, vLLM, Groq and others; the key is optional) or an
 * Azure OpenAI deployment ({@code api-key} header and {@code api-version} parameter).
 */
public class OpenAiClient implements ProviderClient {

	/** The Azure OpenAI API version used when none is configured. */
	static final String DEFAULT_AZURE_API_VERSION = "2024-10-21";

	private final ProviderSettings settings;

	private final ObjectMapper objectMapper;

	private final ProviderHttp http;

	private final OpenAiRequestMapper requests;

	private final OpenAiResponseMapper responses;

	/**
	 * Create the client of a provider.
	 * @param settings the provider, of type {@code openai}, {@code openai-compatible} or
	 * {@code azure-openai}
	 * @param webClient its client, rooted at its base URL
	 * @param objectMapper the mapper for request and response bodies
	 */
	public OpenAiClient(ProviderSettings settings, WebClient webClient, ObjectMapper objectMapper) {
		Objects.requireNonNull(settings, "settings must not be null");
		if (settings.type() != ProviderType.OPENAI && settings.type() != ProviderType.OPENAI_COMPATIBLE
				&& settings.type() != ProviderType.AZURE_OPENAI) {
			throw new IllegalArgumentException("OpenAiClient cannot call a provider of type " + settings.type().id());
		}
		this.settings = settings;
		this.objectMapper = objectMapper;
		OpenAiErrorDecoder errorDecoder = new OpenAiErrorDecoder(settings, objectMapper);
		this.http = new ProviderHttp(settings, webClient, errorDecoder);
		this.requests = new OpenAiRequestMapper(settings);
		this.responses = new OpenAiResponseMapper(settings, objectMapper, this.http, errorDecoder);
	}

	@Override
	public ProviderSettings settings() {
		return this.settings;
	}

	@Override
	public Mono<ChatResponse> chat(ChatRequest request) {
		return Mono.defer(() -> this.http.post(uri(), this::headers, body(request, false), this.responses::toResponse));
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
			OpenAiStreamDecoder decoder = new OpenAiStreamDecoder(this.responses, this.settings.name());
			return this.http.stream(uri(), this::headers, body(request, true))
				.concatMapIterable((event) -> decoder.decode(event.data()))
				.takeUntil(ChatChunk::isFinal)
				.concatWith(Mono.defer(() -> decoder.isDone() ? Mono.empty()
						: Mono.error(this.responses.malformed("stream ended without " + OpenAiStreamDecoder.DONE))));
		});
	}

	private String uri() {
		if (this.settings.type() == ProviderType.AZURE_OPENAI) {
			String version = (this.settings.apiVersion() != null) ? this.settings.apiVersion()
					: DEFAULT_AZURE_API_VERSION;
			return "/openai/deployments/" + this.settings.model() + "/chat/completions?api-version=" + version;
		}
		return "/chat/completions";
	}

	private void headers(HttpHeaders headers) {
		String key = this.settings.apiKey();
		if (key == null || key.isBlank()) {
			return;
		}
		if (this.settings.type() == ProviderType.AZURE_OPENAI) {
			headers.set("api-key", key);
		}
		else {
			headers.setBearerAuth(key);
		}
	}

	private byte[] body(ChatRequest request, boolean stream) {
		try {
			return this.objectMapper.writeValueAsBytes(this.requests.map(request, stream));
		}
		catch (JsonProcessingException ex) {
			throw this.http.failure(ErrorKind.BAD_REQUEST,
					"request not serializable: " + ex.getClass().getSimpleName());
		}
	}

}
