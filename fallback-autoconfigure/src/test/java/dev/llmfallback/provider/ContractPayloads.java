package dev.llmfallback.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;

import dev.llmfallback.Tier;

/**
 * Serves the providers' contract payloads, copied from {@code shared/contracts} into
 * {@code src/test/resources/contracts}, through MockWebServer.
 */
public final class ContractPayloads {

	/**
	 * The API key every provider test configures; it must never show in messages or logs.
	 */
	public static final String API_KEY = "sk-test-SECRET-0123456789abcdef";

	private ContractPayloads() {
	}

	/**
	 * A MockWebServer started on a free local port.
	 * @return the server, to shut down after the test
	 */
	public static MockWebServer startedServer() {
		MockWebServer server = new MockWebServer();
		try {
			server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return server;
	}

	/**
	 * Properties of two providers on local servers: Anthropic first, OpenAI second, no
	 * retries.
	 * @param anthropic the Anthropic server
	 * @param openai the OpenAI server
	 * @return the properties
	 */
	public static String[] anthropicThenOpenAi(MockWebServer anthropic, MockWebServer openai) {
		return new String[] { "llm.fallback.max-retries=0", "llm.providers[0].name=anthropic",
				"llm.providers[0].model=claude-sonnet-4-20250514", "llm.providers[0].priority=1",
				"llm.providers[0].api-key=sk-ant-test-key-1234567890",
				"llm.providers[0].base-url=" + anthropic.url("/").toString().replaceAll("/$", ""),
				"llm.providers[1].name=openai", "llm.providers[1].model=gpt-4o", "llm.providers[1].priority=2",
				"llm.providers[1].api-key=sk-openai-test-key-1234567890",
				"llm.providers[1].base-url=" + openai.url("/v1") };
	}

	/**
	 * Where an event of a server-sent event stream starts.
	 * @param events the stream's text
	 * @param n how many events come before it
	 * @return the index of its {@code data:} line
	 */
	public static int eventStart(String events, int n) {
		int at = events.indexOf("data:");
		for (int i = 0; i < n; i++) {
			at = events.indexOf("data:", at + 1);
		}
		return at;
	}

	/**
	 * The text of a contract file.
	 * @param path the path below {@code contracts/}, such as
	 * {@code openai/examples/chat-completion.json}
	 * @return the file's text
	 */
	public static String read(String path) {
		try (InputStream in = ContractPayloads.class.getResourceAsStream("/contracts/" + path)) {
			if (in == null) {
				throw new IllegalArgumentException("No contract file " + path);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A response from a {@code .response.http} or {@code .assembled.http} file: its
	 * status, headers and body, with MockWebServer computing the framing.
	 * @param path the path below {@code contracts/}
	 * @return the response
	 */
	public static MockResponse httpResponse(String path) {
		String text = read(path);
		int headerEnd = text.indexOf("\n\n");
		String head = (headerEnd >= 0) ? text.substring(0, headerEnd) : text;
		String body = (headerEnd >= 0) ? text.substring(headerEnd + 2) : "";
		String[] lines = head.split("\n");
		MockResponse response = new MockResponse().setStatus(lines[0].trim());
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				response.addHeader(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
			}
		}
		return response.setBody(body);
	}

	/**
	 * A 200 response with a JSON body from a contract file.
	 * @param path the path below {@code contracts/}
	 * @return the response
	 */
	public static MockResponse json(String path) {
		return new MockResponse().setResponseCode(200)
			.addHeader("Content-Type", "application/json")
			.setBody(read(path));
	}

	/**
	 * A 200 server-sent-event stream from a {@code .sse} contract file, sent in small
	 * chunks so that events cross read boundaries.
	 * @param path the path below {@code contracts/}
	 * @return the response
	 */
	public static MockResponse sse(String path) {
		return new MockResponse().setResponseCode(200)
			.addHeader("Content-Type", "text/event-stream")
			.setChunkedBody(read(path), 64);
	}

	/**
	 * Settings of a provider served by a local server, with short timeouts and
	 * {@link #API_KEY}.
	 * @param type the wire format
	 * @param server the server
	 * @param model the model
	 * @return the settings
	 */
	public static ProviderSettings settings(ProviderType type, MockWebServer server, String model) {
		String path = (type == ProviderType.OPENAI || type == ProviderType.OPENAI_COMPATIBLE) ? "/v1" : "";
		return new ProviderSettings(type.id(), type, model, 1, Tier.FULL,
				URI.create(server.url(path).toString().replaceAll("/$", "")), API_KEY, null,
				new ProviderTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5)), null, null,
				Map.of());
	}

}
