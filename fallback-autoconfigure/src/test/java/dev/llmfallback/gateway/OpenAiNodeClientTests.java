package dev.llmfallback.gateway;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.DegradationLevel;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.FinishReason;
import dev.llmfallback.LlmException;
import dev.llmfallback.LlmRouter;
import dev.llmfallback.Usage;
import dev.llmfallback.autoconfigure.LlmAutoConfiguration;
import dev.llmfallback.autoconfigure.LlmGatewayAutoConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.codec.CodecsAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.HttpHandlerAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.ReactiveWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.WebFluxAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The official {@code openai} npm client against the gateway on a real port. Needs
 * {@code npm ci} in {@code src/test/node}; skipped without it, except on CI
 * ({@code CI=true}) where it fails.
 */
class OpenAiNodeClientTests {

	private static final Path NODE_DIR = Path.of("src", "test", "node");

	private static final String KEY = "node-test-gateway-key";

	private static final String QUOTA_EXCEEDED = "quota exceeded";

	private static final String RATE_LIMITED_ONCE = "rate limited once";

	/**
	 * Three times the longest first wait the client picks itself (0.5 s, less jitter).
	 */
	private static final Duration ASKED_WAIT = Duration.ofMillis(1500);

	@TempDir
	Path temp;

	@Test
	void officialClientGetsAnswersWholeAndStreamed() throws Exception {
		requireNodeClient();
		try (ConfigurableApplicationContext context = startGateway()) {
			JsonNode result = runNodeClient("openai-client.mjs", baseUrl(context));

			JsonNode completion = result.get("completion");
			assertThat(completion.get("id").asText()).startsWith("chatcmpl-");
			assertThat(completion.get("model").asText()).isEqualTo("gpt-4o-test");
			assertThat(completion.get("content").asText()).isEqualTo("Hello from the gateway.");
			assertThat(completion.get("finishReason").asText()).isEqualTo("stop");
			assertThat(completion.at("/usage/total_tokens").asInt()).isEqualTo(14);

			JsonNode stream = result.get("stream");
			assertThat(stream.get("text").asText()).isEqualTo("One, two, three.");
			assertThat(stream.get("chunks").asInt()).isEqualTo(5);
			assertThat(stream.get("finishReason").asText()).isEqualTo("stop");
			assertThat(stream.at("/usage/prompt_tokens").asInt()).isEqualTo(7);
			assertThat(stream.at("/usage/completion_tokens").asInt()).isEqualTo(3);

			assertThat(result.get("models")).extracting(JsonNode::asText).containsExactly("auto", "gpt-4o");
			assertThat(result.at("/unauthorized/status").asInt()).isEqualTo(401);
			assertThat(result.at("/unauthorized/code").asText()).isEqualTo("invalid_api_key");

			List<ChatRequest> seen = context.getBean(DeterministicRouter.class).requests;
			assertThat(seen).hasSize(2);
			assertThat(seen.get(0).system()).isEqualTo("Be brief.");
			assertThat(seen.get(0).preferredProvider()).isNull();
			assertThat(seen.get(1).preferredProvider()).isEqualTo("openai");
		}
	}

	@Test
	void officialClientObeysTheGatewayOnWhetherAndWhenToRetry() throws Exception {
		requireNodeClient();
		try (ConfigurableApplicationContext context = startGateway()) {
			JsonNode result = runNodeClient("openai-client-retries.mjs", baseUrl(context));
			DeterministicRouter router = context.getBean(DeterministicRouter.class);

			// a 502 the client would retry twice by its status rule, but x-should-retry
			// is false
			assertThat(result.at("/quotaExceeded/status").asInt()).isEqualTo(502);
			assertThat(result.at("/quotaExceeded/code").asText()).isEqualTo("quota_exceeded");
			assertThat(router.arrivals(QUOTA_EXCEEDED)).hasSize(1);

			// a 503 retried after the wait the provider asked for, not the client's 0.5 s
			// backoff
			assertThat(result.at("/rateLimitedOnce/content").asText()).isEqualTo("Hello from the gateway.");
			List<Long> arrivals = router.arrivals(RATE_LIMITED_ONCE);
			assertThat(arrivals).hasSize(2);
			assertThat(Duration.ofNanos(arrivals.get(1) - arrivals.get(0))).isGreaterThanOrEqualTo(ASKED_WAIT);
		}
	}

	private static ConfigurableApplicationContext startGateway() {
		return new SpringApplicationBuilder(GatewayApp.class).web(WebApplicationType.REACTIVE)
			.properties("server.address=127.0.0.1", "server.port=0", "llm.gateway.enabled=true",
					"llm.gateway.api-keys=" + KEY, "llm.providers[0].name=openai", "llm.providers[0].model=gpt-4o",
					"llm.providers[0].priority=1", "OPENAI_API_KEY=sk-not-used-1234567890")
			.run();
	}

	private static String baseUrl(ConfigurableApplicationContext context) {
		return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + "/v1";
	}

	private static void requireNodeClient() {
		boolean installed = Files.isDirectory(NODE_DIR.resolve("node_modules").resolve("openai"));
		String message = "The openai npm client is not installed: run 'npm ci' in " + NODE_DIR.toAbsolutePath();
		if (!installed && "true".equals(System.getenv("CI"))) {
			fail(message + " (CI=true, so this is an error)");
		}
		Assumptions.assumeTrue(installed, message);
	}

	private JsonNode runNodeClient(String script, String baseUrl) throws IOException, InterruptedException {
		File out = this.temp.resolve("out.json").toFile();
		File err = this.temp.resolve("err.txt").toFile();
		ProcessBuilder builder = new ProcessBuilder("node", script).directory(NODE_DIR.toFile())
			.redirectOutput(out)
			.redirectError(err);
		builder.environment().put("GATEWAY_BASE_URL", baseUrl);
		builder.environment().put("GATEWAY_API_KEY", KEY);
		Process process = builder.start();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			fail("node " + script + " did not finish within 60 s");
		}
		String stdout = Files.readString(out.toPath(), StandardCharsets.UTF_8);
		assertThat(process.exitValue())
			.as("node exit code; stderr: %s", Files.readString(err.toPath(), StandardCharsets.UTF_8))
			.isZero();
		return new ObjectMapper().readTree(stdout);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ReactiveWebServerFactoryAutoConfiguration.class, HttpHandlerAutoConfiguration.class,
			WebFluxAutoConfiguration.class, CodecsAutoConfiguration.class, JacksonAutoConfiguration.class,
			HttpMessageConvertersAutoConfiguration.class, WebClientAutoConfiguration.class, LlmAutoConfiguration.class,
			LlmGatewayAutoConfiguration.class })
	static class GatewayApp {

		@Bean
		DeterministicRouter deterministicRouter() {
			return new DeterministicRouter();
		}

	}

	/**
	 * Answers every request the same, except those whose user text asks it to fail: with
	 * an exhausted quota every time, or rate limited once with a wait to respect.
	 */
	static class DeterministicRouter implements LlmRouter {

		final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

		private final Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();

		List<Long> arrivals(String userText) {
			return this.arrivals.getOrDefault(userText, List.of());
		}

		@Override
		public Mono<ChatResponse> chat(ChatRequest request) {
			String text = request.messages().get(request.messages().size() - 1).content();
			List<Long> times = this.arrivals.computeIfAbsent(text, (key) -> new CopyOnWriteArrayList<>());
			times.add(System.nanoTime());
			if (QUOTA_EXCEEDED.equals(text)) {
				return Mono.error(new LlmException(ErrorKind.QUOTA_EXCEEDED, "openai", 429, null, "billing", null));
			}
			if (RATE_LIMITED_ONCE.equals(text) && times.size() == 1) {
				return Mono
					.error(new LlmException(ErrorKind.RATE_LIMITED, "openai", 429, ASKED_WAIT, "slow down", null));
			}
			this.requests.add(request);
			return Mono.just(ChatResponse.builder()
				.text("Hello from the gateway.")
				.finishReason(FinishReason.STOP)
				.usage(Usage.of(9, 5))
				.provider("openai")
				.model("gpt-4o-test")
				.level(DegradationLevel.FULL)
				.build());
		}

		@Override
		public Flux<ChatChunk> stream(ChatRequest request) {
			this.requests.add(request);
			return Flux
				.just(ChatChunk.ofText("One, "), ChatChunk.ofText("two, "), ChatChunk.ofText("three."),
						ChatChunk.ofFinish(FinishReason.STOP, Usage.of(7, 3)))
				.map((chunk) -> chunk.withSource("openai", "gpt-4o-test").withLevel(DegradationLevel.FULL));
		}

	}

}
