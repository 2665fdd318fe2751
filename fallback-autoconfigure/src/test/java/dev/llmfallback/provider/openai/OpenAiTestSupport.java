package dev.llmfallback.provider.openai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.LlmException;
import dev.llmfallback.provider.ContractPayloads;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.provider.ProviderTimeouts;
import dev.llmfallback.provider.ProviderType;
import dev.llmfallback.provider.ProviderWebClients;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Creates {@link OpenAiClient}s against a local server, each with its own connection
 * pool, and disposes the pools when closed.
 */
final class OpenAiTestSupport implements AutoCloseable {

	static final String MODEL = "gpt-4o-mini";

	static final ObjectMapper MAPPER = new ObjectMapper();

	private final List<ProviderWebClients> webClients = new ArrayList<>();

	/**
	 * A client of the given type for a MockWebServer, with {@link ContractPayloads}'s
	 * settings.
	 */
	OpenAiClient client(ProviderType type, MockWebServer server) {
		return client(ContractPayloads.settings(type, server, MODEL));
	}

	OpenAiClient client(ProviderSettings settings) {
		ProviderWebClients clients = new ProviderWebClients(WebClient.builder(), List.of());
		this.webClients.add(clients);
		return new OpenAiClient(settings, clients.create(settings), MAPPER);
	}

	static ProviderSettings withApiKey(ProviderSettings settings, String apiKey) {
		return new ProviderSettings(settings.name(), settings.type(), settings.model(), settings.priority(),
				settings.tier(), settings.baseUrl(), apiKey, settings.apiVersion(), settings.timeouts(),
				settings.contextWindow(), settings.maxOutputTokens(), settings.headers());
	}

	static ProviderSettings withApiVersion(ProviderSettings settings, String apiVersion) {
		return new ProviderSettings(settings.name(), settings.type(), settings.model(), settings.priority(),
				settings.tier(), settings.baseUrl(), settings.apiKey(), apiVersion, settings.timeouts(),
				settings.contextWindow(), settings.maxOutputTokens(), settings.headers());
	}

	static ProviderSettings withMaxOutputTokens(ProviderSettings settings, Integer maxOutputTokens) {
		return new ProviderSettings(settings.name(), settings.type(), settings.model(), settings.priority(),
				settings.tier(), settings.baseUrl(), settings.apiKey(), settings.apiVersion(), settings.timeouts(),
				settings.contextWindow(), maxOutputTokens, settings.headers());
	}

	/** The settings with every timeout set to the given value. */
	static ProviderSettings withTimeouts(ProviderSettings settings, Duration timeout) {
		return new ProviderSettings(settings.name(), settings.type(), settings.model(), settings.priority(),
				settings.tier(), settings.baseUrl(), settings.apiKey(), settings.apiVersion(),
				new ProviderTimeouts(timeout, timeout, timeout), settings.contextWindow(), settings.maxOutputTokens(),
				settings.headers());
	}

	/** The failure of a chat call, which must fail with an {@link LlmException}. */
	static LlmException chatError(OpenAiClient client) {
		LlmException error = catchThrowableOfType(LlmException.class,
				() -> client.chat(ChatRequest.of("Hi")).block(Duration.ofSeconds(5)));
		assertThat(error).as("an LlmException").isNotNull();
		return error;
	}

	/** Assert that neither the error nor the captured output shows the API key. */
	static void assertNoKey(LlmException error, CapturedOutput output) {
		String key = ContractPayloads.API_KEY;
		assertThat(error.getMessage()).doesNotContain(key);
		assertThat(error.toString()).doesNotContain(key);
		assertThat(error.detail()).doesNotContain(key);
		for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
			assertThat(String.valueOf(cause.getMessage())).doesNotContain(key);
		}
		assertThat(output.getAll()).doesNotContain(key);
	}

	/** A 200 event stream with the given body, sent in small chunks. */
	static MockResponse sse(String body) {
		return new MockResponse().setResponseCode(200)
			.addHeader("Content-Type", "text/event-stream")
			.setChunkedBody(body, 64);
	}

	@Override
	public void close() {
		this.webClients.forEach(ProviderWebClients::close);
	}

}
