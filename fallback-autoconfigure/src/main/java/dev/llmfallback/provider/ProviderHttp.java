package dev.llmfallback.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.netty.handler.timeout.ReadTimeoutException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClientRequest;

import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.timeout.TimeLimitedFlux;
import dev.llmfallback.timeout.TimeLimitedMono;
import dev.llmfallback.timeout.TimeoutScheduler;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.DefaultUriBuilderFactory;
import org.springframework.web.util.UriBuilderFactory;

/**
 * The HTTP exchange every wire format shares: posts a JSON body, turns error statuses
 * into classified exceptions through the format's {@link ErrorDecoder}, applies the
 * provider's timeouts and classifies transport failures. Cancelling the returned
 * publisher aborts the request and releases its connection.
 * <p>
 * Requests go to the provider's base URL joined with the wire format's path. A format's
 * paths are fixed for a provider, so each is expanded once, where {@code uri(String)}
 * would parse the base URL and the path again on every call; the path is still passed on
 * as the request's URI template, for the {@code http.client.requests} observation's
 * {@code uri} tag.
 */
public final class ProviderHttp {

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT = new ParameterizedTypeReference<>() {
	};

	/**
	 * The request attribute {@code WebClient} keeps a URI template in, read by its
	 * observations.
	 */
	private static final String URI_TEMPLATE_ATTRIBUTE = WebClient.class.getName() + ".uriTemplate";

	private static final int MAX_KEPT_URIS = 16;

	private final ProviderSettings settings;

	private final WebClient webClient;

	private final ErrorDecoder errorDecoder;

	private final Supplier<LlmException> noAnswer;

	private final TimeLimitedMono.Outcome<Object> transportErrors;

	private final UriBuilderFactory uriFactory;

	/**
	 * The paths' URIs: a wire format has one or two per provider; a codec whose paths
	 * vary by request has its first few kept.
	 */
	private final Map<String, URI> uris = new ConcurrentHashMap<>();

	/**
	 * Create the exchange of one provider.
	 * @param settings the provider
	 * @param webClient its client, rooted at its base URL
	 * @param errorDecoder how its wire format words errors
	 */
	public ProviderHttp(ProviderSettings settings, WebClient webClient, ErrorDecoder errorDecoder) {
		this.settings = settings;
		this.webClient = webClient;
		this.errorDecoder = errorDecoder;
		this.uriFactory = new DefaultUriBuilderFactory(settings.baseUrl().toString());
		this.noAnswer = () -> timeout("no answer within " + settings.timeouts().response().toMillis() + " ms");
		this.transportErrors = new TimeLimitedMono.Outcome<>() {

			@Override
			public Throwable failed(Throwable error) {
				return ProviderErrors.fromTransport(settings.name(), error);
			}

		};
	}

	/**
	 * Post a request and read the whole answer, within the response timeout (timed on the
	 * shared timeout timer, so that no handler is added to the connection for each
	 * request).
	 * @param <T> what the answer is read as
	 * @param uri the path (and query) below the base URL
	 * @param headers sets the format's headers, such as authentication
	 * @param body the JSON body, written by the codec with its own object mapper
	 * @param reader reads the answer's body, possibly empty, straight from the received
	 * buffers
	 * @return what the reader read
	 */
	public <T> Mono<T> post(String uri, Consumer<HttpHeaders> headers, byte[] body, BodyReader<T> reader) {
		Mono<T> answer = this.webClient.post()
			.uri(resolve(uri))
			.attribute(URI_TEMPLATE_ATTRIBUTE, uri)
			.headers(headers)
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.retrieve()
			.onStatus(HttpStatusCode::isError, this::error)
			.bodyToMono(DataBuffer.class)
			.map((buffer) -> read(buffer.asInputStream(true), reader))
			.switchIfEmpty(Mono.fromSupplier(() -> read(InputStream.nullInputStream(), reader)));
		return TimeLimitedMono.of(answer, this.settings.timeouts().response(), this.noAnswer, TimeoutScheduler.shared(),
				this.transportErrors);
	}

	/**
	 * Post a streaming request and read its server-sent events, within the first-token
	 * timeout for the first event and the response timeout between events.
	 * @param uri the path (and query) below the base URL
	 * @param headers sets the format's headers, such as authentication
	 * @param body the JSON body, written by the codec with its own object mapper
	 * @return the events as they arrive
	 */
	public Flux<ServerSentEvent<String>> stream(String uri, Consumer<HttpHeaders> headers, byte[] body) {
		Duration firstToken = this.settings.timeouts().firstToken();
		Duration idle = this.settings.timeouts().response();
		return Flux.defer(() -> {
			AtomicBoolean started = new AtomicBoolean();
			Flux<ServerSentEvent<String>> events = this.webClient.post()
				.uri(resolve(uri))
				.attribute(URI_TEMPLATE_ATTRIBUTE, uri)
				.headers(headers)
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.TEXT_EVENT_STREAM)
				.bodyValue(body)
				.httpRequest((request) -> readTimeout(request, idle))
				.exchangeToFlux((response) -> isError(response)
						? error(response).flatMapMany(Flux::<ServerSentEvent<String>>error)
						: response.bodyToFlux(EVENT));
			return TimeLimitedFlux.firstWithin(events, firstToken, TimeoutException::new, TimeoutScheduler.shared())
				.doOnNext((event) -> started.set(true))
				.onErrorMap((ex) -> (ex instanceof TimeoutException || isReadTimeout(ex))
						? timeout(started.get() ? "stream idle for " + idle.toMillis() + " ms"
								: "no first token within " + firstToken.toMillis() + " ms")
						: ProviderErrors.fromTransport(this.settings.name(), ex));
		});
	}

	/**
	 * A classified failure of this provider, for codecs that find a problem in a
	 * successful response (an error event in a stream, a truncated answer).
	 * @param kind what went wrong
	 * @param detail a short reason, never prompt text
	 * @return the exception
	 */
	public LlmException failure(ErrorKind kind, String detail) {
		return new LlmException(kind, this.settings.name(), null, null, detail, null);
	}

	/**
	 * A path's URI below the base URL, expanded as {@code WebClient} expands a URI
	 * template without variables.
	 */
	private URI resolve(String path) {
		URI uri = this.uris.get(path);
		if (uri == null) {
			uri = this.uriFactory.expand(path);
			if (this.uris.size() < MAX_KEPT_URIS) {
				this.uris.put(path, uri);
			}
		}
		return uri;
	}

	/**
	 * Bound the idle time between two events of a stream with Reactor Netty's own timer,
	 * on the connection's event loop. With another HTTP connector, only the request
	 * deadline bounds a stream that stalls after its first event.
	 */
	private static void readTimeout(ClientHttpRequest request, Duration timeout) {
		if (request.getNativeRequest() instanceof HttpClientRequest nettyRequest) {
			nettyRequest.responseTimeout(timeout);
		}
	}

	private static <T> T read(InputStream body, BodyReader<T> reader) {
		try (body) {
			return reader.read(body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean isReadTimeout(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof ReadTimeoutException) {
				return true;
			}
		}
		return false;
	}

	private static boolean isError(ClientResponse response) {
		return response.statusCode().isError();
	}

	/**
	 * The classified error of a response with an error status, read from its body.
	 */
	private Mono<LlmException> error(ClientResponse response) {
		int status = response.statusCode().value();
		HttpHeaders headers = response.headers().asHttpHeaders();
		return response.bodyToMono(String.class)
			.defaultIfEmpty("")
			.onErrorReturn("")
			.map((body) -> this.errorDecoder.decode(status, headers, body));
	}

	private LlmException timeout(String detail) {
		return failure(ErrorKind.TIMEOUT, detail);
	}

	/**
	 * Reads a whole answer's body.
	 *
	 * @param <T> what it is read as
	 */
	@FunctionalInterface
	public interface BodyReader<T> {

		/**
		 * Read the body.
		 * @param body the body, possibly empty; closed by the caller
		 * @return what was read
		 * @throws IOException when the body cannot be read
		 */
		T read(InputStream body) throws IOException;

	}

}
