package dev.llmfallback.autoconfigure.actuate;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.FinishReason;
import dev.llmfallback.LlmException;
import dev.llmfallback.LlmRouter;
import dev.llmfallback.Usage;
import dev.llmfallback.actuator.LlmMetrics;
import dev.llmfallback.autoconfigure.LlmAutoConfiguration;
import dev.llmfallback.provider.ProviderClient;
import dev.llmfallback.provider.ProviderClientFactory;
import dev.llmfallback.provider.ProviderSettings;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LlmMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class, LlmMetricsAutoConfiguration.class,
				MetricsAutoConfiguration.class, JacksonAutoConfiguration.class, WebClientAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("llm.providers[0].name=anthropic", "llm.providers[0].model=claude-sonnet-4-20250514",
				"llm.providers[0].api-key=test", "llm.providers[0].priority=1", "llm.budget.per-day=5",
				"llm.fallback.initial-interval=1ms");

	@Test
	void answersAreCountedByProviderLevelAndOutcome() {
		this.contextRunner.withBean(ProviderClientFactory.class, () -> Answering::new).run((context) -> {
			context.getBean(LlmRouter.class).call(ChatRequest.of("hello"));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("llm.requests")
				.tags("provider", "anthropic", "model", "claude-sonnet-4-20250514", "level", "full", "outcome",
						"success")
				.counter()
				.count()).isEqualTo(1);
			assertThat(registry.get("llm.request.duration").tags("level", "full").timer().count()).isEqualTo(1);
			assertThat(registry.get("gen_ai.client.token.usage")
				.tags("gen_ai.system", "anthropic", "gen_ai.request.model", "claude-sonnet-4-20250514",
						"gen_ai.token.type", "input")
				.summary()
				.totalAmount()).isEqualTo(1000);
			assertThat(registry.get("gen_ai.client.token.usage")
				.tags("gen_ai.token.type", "output")
				.summary()
				.totalAmount()).isEqualTo(200);
			assertThat(registry.get("gen_ai.client.operation.duration").timer().count()).isEqualTo(1);
			// built-in price of claude-sonnet-4: 1000 x 3 + 200 x 15 per million
			assertThat(registry.get("llm.cost").tags("provider", "anthropic").counter().count()).isEqualTo(0.006,
					org.assertj.core.data.Offset.offset(1e-9));
			assertThat(registry.get("llm.budget.spend").tags("window", "day").gauge().value()).isEqualTo(0.006,
					org.assertj.core.data.Offset.offset(1e-9));
			assertThat(registry.get("llm.budget.state").gauge().value()).isZero();
		});
	}

	@Test
	void degradedAnswersFallbacksAndCacheLookupsAreCounted() {
		this.contextRunner.withBean(ProviderClientFactory.class, () -> Failing::new).run((context) -> {
			ChatResponse response = context.getBean(LlmRouter.class).call(ChatRequest.of("hello"));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(response.isDegraded()).isTrue();
			// the retries' back-off ends on a timer thread: the answer is counted there,
			// just
			// after the caller has it
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				Counter degraded = registry.find("llm.requests")
					.tags("level", "static", "outcome", "degraded")
					.counter();
				assertThat(degraded).isNotNull();
				assertThat(degraded.count()).isEqualTo(1);
				Counter fallbacks = registry.find("llm.fallbacks")
					.tags("provider", "anthropic", "kind", "server_error")
					.counter();
				assertThat(fallbacks).isNotNull();
				assertThat(fallbacks.count()).isEqualTo(3);
			});
			assertThat(registry.get("llm.cache.lookups").tags("result", "miss").counter().count()).isEqualTo(1);
		});
	}

	@Test
	void listedRequestTagsTagTheRequestMeters() {
		this.contextRunner.withPropertyValues("llm.metrics.request-tags=feature")
			.withBean(ProviderClientFactory.class, () -> Answering::new)
			.run((context) -> {
				LlmRouter router = context.getBean(LlmRouter.class);
				router.call(ChatRequest.builder().user("hello").tag("feature", "search").tag("user", "u-42").build());
				router.call(ChatRequest.of("untagged"));
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("llm.requests").tags("feature", "search").counter().count()).isEqualTo(1);
				assertThat(registry.get("llm.requests").tags("feature", "none").counter().count()).isEqualTo(1);
				assertThat(registry.get("llm.request.duration").tags("feature", "search").timer().count()).isEqualTo(1);
				assertThat(registry.find("llm.requests").tagKeys("user").counters()).as("unlisted tags stay out")
					.isEmpty();
			});
	}

	@Test
	void backsOffWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.withBean(ProviderClientFactory.class, () -> Answering::new)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(LlmMetrics.class));
	}

	record Answering(ProviderSettings settings) implements ProviderClient {

		@Override
		public Mono<ChatResponse> chat(ChatRequest request) {
			return Mono.just(ChatResponse.builder()
				.text("answer")
				.finishReason(FinishReason.STOP)
				.usage(Usage.of(1000, 200))
				.provider(this.settings.name())
				.model(this.settings.model())
				.build());
		}

		@Override
		public Flux<ChatChunk> stream(ChatRequest request) {
			return Flux.empty();
		}

	}

	record Failing(ProviderSettings settings) implements ProviderClient {

		@Override
		public Mono<ChatResponse> chat(ChatRequest request) {
			return Mono.error(new LlmException(ErrorKind.SERVER_ERROR, this.settings.name(), 503, null, "down", null));
		}

		@Override
		public Flux<ChatChunk> stream(ChatRequest request) {
			return Flux.error(new LlmException(ErrorKind.SERVER_ERROR, this.settings.name(), 503, null, "down", null));
		}

	}

}
