package dev.llmfallback.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * What an application would write without the starter: a WebClient posting the same JSON
 * to the same mock and reading the answer's text with Jackson.
 */
final class PlainClient {

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT = new ParameterizedTypeReference<>() {
	};

	private final WebClient webClient;

	private final ObjectMapper objectMapper = new ObjectMapper();

	PlainClient(WebClient webClient) {
		this.webClient = webClient;
	}

	Mono<String> chat(String prompt) {
		return answer(this.webClient.post().uri("/chat/completions"), prompt);
	}

	/**
	 * The same call given its whole URI, so that the WebClient has no URI template to
	 * expand: what the router's exchange does.
	 */
	Mono<String> chatAt(URI uri, String prompt) {
		return answer(this.webClient.post().uri(uri), prompt);
	}

	private Mono<String> answer(WebClient.RequestBodySpec request, String prompt) {
		return request.headers((headers) -> headers.setBearerAuth("bench-key-plain"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body(prompt, false))
			.retrieve()
			.bodyToMono(JsonNode.class)
			.map((json) -> json.path("choices").path(0).path("message").path("content").asText());
	}

	Flux<String> stream(String prompt) {
		return this.webClient.post()
			.uri("/chat/completions")
			.headers((headers) -> headers.setBearerAuth("bench-key-plain"))
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.bodyValue(body(prompt, true))
			.retrieve()
			.bodyToFlux(EVENT)
			.takeWhile((event) -> !"[DONE]".equals(event.data()))
			.map((event) -> read(event.data()).path("choices").path(0).path("delta").path("content").asText(""))
			.filter((text) -> !text.isEmpty());
	}

	private String body(String prompt, boolean stream) {
		Map<String, Object> body = (stream)
				? Map.of("model", "gpt-4o", "messages", List.of(Map.of("role", "user", "content", prompt)), "stream",
						true)
				: Map.of("model", "gpt-4o", "messages", List.of(Map.of("role", "user", "content", prompt)));
		try {
			return this.objectMapper.writeValueAsString(body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private JsonNode read(String json) {
		try {
			return this.objectMapper.readTree(json);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
