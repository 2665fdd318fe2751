package dev.llmfallback.provider.gemini;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

import dev.llmfallback.provider.ContractPayloads;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.provider.ProviderTimeouts;
import dev.llmfallback.provider.ProviderType;
import dev.llmfallback.provider.ProviderWebClients;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Creates Gemini clients against local servers and reads what they sent.
 */
final class GeminiTestSupport implements AutoCloseable {

	static final String MODEL = "gemini-2.5-flash";

	static final String BASE = "gemini/examples/";

	static final ObjectMapper JSON = new ObjectMapper();

	private final ProviderWebClients webClients = new ProviderWebClients(WebClient.builder(), List.of());

	GeminiClient client(MockWebServer server) {
		return client(settings(server));
	}

	GeminiClient client(ProviderSettings settings) {
		return new GeminiClient(settings, this.webClients.create(settings), new ObjectMapper());
	}

	static ProviderSettings settings(MockWebServer server) {
		return ContractPayloads.settings(ProviderType.GOOGLE, server, MODEL);
	}

	static ProviderSettings settings(URI baseUrl, Duration timeout) {
		return new ProviderSettings("google", ProviderType.GOOGLE, MODEL, 1, dev.llmfallback.Tier.FULL, baseUrl,
				ContractPayloads.API_KEY, null, new ProviderTimeouts(timeout, timeout, timeout), null, null, Map.of());
	}

	/**
	 * A 200 stream of the given events, each ended as Gemini ends them.
	 */
	static MockResponse sseEvents(String... data) {
		StringBuilder body = new StringBuilder();
		for (String event : data) {
			body.append("data: ").append(event).append("\r\n\r\n");
		}
		return new MockResponse().setResponseCode(200)
			.addHeader("Content-Type", "text/event-stream")
			.setChunkedBody(body.toString(), 32);
	}

	/**
	 * A contract JSON payload as one stream event: the final event of a stream is a whole
	 * {@code GenerateContentResponse}.
	 */
	static String compact(String path) {
		return json(ContractPayloads.read(path)).toString();
	}

	static JsonNode json(String text) {
		try {
			return JSON.readTree(text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static JsonNode body(RecordedRequest request) {
		return json(request.getBody().readUtf8());
	}

	@Override
	public void close() {
		this.webClients.close();
	}

}
