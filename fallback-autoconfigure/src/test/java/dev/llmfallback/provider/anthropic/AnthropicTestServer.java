package dev.llmfallback.provider.anthropic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

import dev.llmfallback.provider.ContractPayloads;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.provider.ProviderTimeouts;
import dev.llmfallback.provider.ProviderType;
import dev.llmfallback.provider.ProviderWebClients;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A MockWebServer and the {@link AnthropicClient}s that call it, each with a WebClient
 * made the way the starter makes them.
 */
final class AnthropicTestServer implements AutoCloseable {

	static final String MODEL = "claude-test-model";

	static final String DIR = "anthropic/examples/";

	private final MockWebServer server = new MockWebServer();

	private final ProviderWebClients webClients = new ProviderWebClients(WebClient.builder(), List.of());

	private final ObjectMapper objectMapper = new ObjectMapper();

	AnthropicTestServer() {
		try {
			this.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	MockWebServer server() {
		return this.server;
	}

	ObjectMapper objectMapper() {
		return this.objectMapper;
	}

	ProviderSettings settings() {
		return ContractPayloads.settings(ProviderType.ANTHROPIC, this.server, MODEL);
	}

	AnthropicClient client() {
		return client(settings());
	}

	AnthropicClient client(ProviderSettings settings) {
		return new AnthropicClient(settings, this.webClients.create(settings), this.objectMapper);
	}

	RecordedRequest takeRequest() {
		try {
			RecordedRequest request = this.server.takeRequest(5, TimeUnit.SECONDS);
			if (request == null) {
				throw new AssertionError("The client sent no request");
			}
			return request;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	static ProviderSettings withTimeouts(ProviderSettings settings, Duration timeout) {
		return new ProviderSettings(settings.name(), settings.type(), settings.model(), settings.priority(),
				settings.tier(), settings.baseUrl(), settings.apiKey(), settings.apiVersion(),
				new ProviderTimeouts(timeout, timeout, timeout), settings.contextWindow(), settings.maxOutputTokens(),
				settings.headers());
	}

	static ProviderSettings withVersionAndMaxTokens(ProviderSettings settings, String apiVersion,
			Integer maxOutputTokens) {
		return new ProviderSettings(settings.name(), settings.type(), settings.model(), settings.priority(),
				settings.tier(), settings.baseUrl(), settings.apiKey(), apiVersion, settings.timeouts(),
				settings.contextWindow(), maxOutputTokens, settings.headers());
	}

	static ProviderSettings withModel(ProviderSettings settings, String model) {
		return new ProviderSettings(settings.name(), settings.type(), model, settings.priority(), settings.tier(),
				settings.baseUrl(), settings.apiKey(), settings.apiVersion(), settings.timeouts(),
				settings.contextWindow(), settings.maxOutputTokens(), settings.headers());
	}

	@Override
	public void close() {
		this.webClients.close();
		try {
			this.server.shutdown();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
