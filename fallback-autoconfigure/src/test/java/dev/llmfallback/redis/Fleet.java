package dev.llmfallback.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

import dev.llmfallback.autoconfigure.LlmAutoConfiguration;
import dev.llmfallback.autoconfigure.LlmRedisAutoConfiguration;
import dev.llmfallback.autoconfigure.actuate.LlmHealthContributorAutoConfiguration;
import dev.llmfallback.provider.ContractPayloads;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.boot.autoconfigure.data.redis.RedisReactiveAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Two OpenAI-compatible providers on local MockWebServers, "strong" (tier full) and
 * "cheap" (tier basic), each answering every request with 1000 input tokens, which cost
 * US$0.01 at the configured price, and streaming OpenAI's recorded stream; and
 * application contexts of one fleet around them, with keys under a prefix of their own on
 * a real Redis.
 */
final class Fleet implements AutoCloseable {

	static final String BODY = """
			{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o",
			"choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
			"usage":{"prompt_tokens":1000,"completion_tokens":0,"total_tokens":1000}}""";

	/** OpenAI's streamed answer, with its usage (44 tokens) before {@code [DONE]}. */
	static final String STREAM = ContractPayloads.read("openai/examples/chat-completion-stream-text.sse");

	/** What every streamed request is answered with. */
	volatile String stream = STREAM;

	final MockWebServer strong = start("from strong");

	final MockWebServer cheap = start("from cheap");

	final String prefix = "llm-test:" + UUID.randomUUID() + ":";

	ApplicationContextRunner instance(int redisPort, String... properties) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class, RedisReactiveAutoConfiguration.class,
					LlmRedisAutoConfiguration.class, LlmAutoConfiguration.class, JacksonAutoConfiguration.class,
					WebClientAutoConfiguration.class, LlmHealthContributorAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redisPort,
					"llm.providers[0].name=strong", "llm.providers[0].type=openai", "llm.providers[0].model=gpt-4o",
					"llm.providers[0].priority=1", "llm.providers[0].tier=full",
					"llm.providers[0].base-url=" + this.strong.url("/v1").toString().replaceAll("/$", ""),
					"llm.providers[0].api-key=sk-test-strong-1234567890", "llm.providers[0].price.input=10",
					"llm.providers[0].price.output=10", "llm.providers[1].name=cheap", "llm.providers[1].type=openai",
					"llm.providers[1].model=gpt-4o-mini", "llm.providers[1].priority=2", "llm.providers[1].tier=basic",
					"llm.providers[1].base-url=" + this.cheap.url("/v1").toString().replaceAll("/$", ""),
					"llm.providers[1].api-key=sk-test-cheap-1234567890", "llm.providers[1].price.input=10",
					"llm.providers[1].price.output=10", "llm.fallback.max-retries=0",
					"llm.cache.key-prefix=" + this.prefix + "cache:",
					"llm.budget.key-prefix=" + this.prefix + "budget:", "llm.redis.key-prefix=" + this.prefix,
					"llm.redis.refresh-interval=100ms")
			.withPropertyValues(properties);
	}

	private MockWebServer start(String text) {
		MockWebServer server = new MockWebServer();
		server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				if (request.getBody().snapshot().utf8().contains("\"stream\":true")) {
					return new MockResponse().setHeader("Content-Type", "text/event-stream").setBody(Fleet.this.stream);
				}
				return new MockResponse().setHeader("Content-Type", "application/json")
					.setBody(BODY.formatted(text).replace("\n", ""));
			}
		});
		try {
			server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return server;
	}

	@Override
	public void close() throws IOException {
		this.strong.shutdown();
		this.cheap.shutdown();
	}

}
