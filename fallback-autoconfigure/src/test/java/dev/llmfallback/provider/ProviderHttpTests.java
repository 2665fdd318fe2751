package dev.llmfallback.provider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared exchange posts below the provider's base URL, whichever path a codec asks
 * for.
 */
class ProviderHttpTests {

	private final MockWebServer server = ContractPayloads.startedServer();

	private final ProviderWebClients webClients = new ProviderWebClients(WebClient.builder(), List.of());

	@AfterEach
	void close() throws IOException {
		this.webClients.close();
		this.server.shutdown();
	}

	@Test
	void everyPathReachesTheServerBelowTheBaseUrlBeyondThePathsKept() throws InterruptedException {
		ProviderSettings settings = ContractPayloads.settings(ProviderType.OPENAI, this.server, "gpt-4o");
		ProviderHttp http = new ProviderHttp(settings, this.webClients.create(settings), (status, headers,
				body) -> new LlmException(ErrorKind.SERVER_ERROR, settings.name(), status, null, "failed", null));
		int paths = 40;
		for (int i = 0; i < paths; i++) {
			this.server.enqueue(new MockResponse().setBody("answer " + i));
		}
		for (int i = 0; i < paths; i++) {
			String path = "/batches/" + i + "?page=" + (i % 3);
			String answer = http.post(path, (headers) -> {
			}, "{}".getBytes(StandardCharsets.UTF_8), (body) -> new String(body.readAllBytes(), StandardCharsets.UTF_8))
				.block(Duration.ofSeconds(5));
			assertThat(answer).isEqualTo("answer " + i);
			assertThat(this.server.takeRequest().getPath()).isEqualTo("/v1" + path);
		}
	}

}
