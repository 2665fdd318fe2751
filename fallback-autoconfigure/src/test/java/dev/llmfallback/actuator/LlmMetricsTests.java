package dev.llmfallback.actuator;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.llmfallback.Attempt;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.DegradationLevel;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.FinishReason;
import dev.llmfallback.LlmException;
import dev.llmfallback.Tier;
import dev.llmfallback.Usage;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.provider.ProviderTimeouts;
import dev.llmfallback.provider.ProviderType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LlmMetrics} looks each set of tags up once and keeps counting on the same
 * meters, request after request.
 */
class LlmMetricsTests {

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final LlmMetrics metrics = new LlmMetrics(this.registry,
			Map.of("anthropic", provider("anthropic"), "openai", provider("openai")), List.of("team"));

	private final ChatRequest request = ChatRequest.builder().user("hello").tag("team", "search").build();

	@Test
	void answersWithTheSameTagsShareTheirMeters() {
		this.metrics.onAnswer(this.request, answer("anthropic", new BigDecimal("0.002")), Duration.ofMillis(20));
		this.metrics.onAnswer(this.request, answer("anthropic", new BigDecimal("0.003")), Duration.ofMillis(40));
		this.metrics.onAnswer(this.request, answer("openai", null), Duration.ofMillis(30));

		assertThat(this.registry.get("llm.requests").tags("provider", "anthropic", "team", "search").counters())
			.singleElement()
			.satisfies((counter) -> assertThat(counter.count()).isEqualTo(2));
		assertThat(this.registry.get("llm.request.duration").tags("outcome", "success").timers()).singleElement()
			.satisfies((timer) -> assertThat(timer.count()).isEqualTo(3));
		assertThat(this.registry.get("llm.cost").tags("provider", "anthropic").counter().count()).isEqualTo(0.005,
				org.assertj.core.data.Offset.offset(1e-9));
		assertThat(this.registry.find("llm.cost").tags("provider", "openai").counter()).isNull();
		assertThat(this.registry.get("gen_ai.client.token.usage").tags("gen_ai.token.type", "input").summaries())
			.singleElement()
			.satisfies((summary) -> assertThat(summary.totalAmount()).isEqualTo(30));
	}

	@Test
	void failuresAndTheirAttemptsAreCounted() {
		LlmException error = LlmException.allFailed(
				List.of(new Attempt("anthropic", "m", ErrorKind.SERVER_ERROR, 503, Duration.ofMillis(5), "x"),
						new Attempt("openai", "m", ErrorKind.CIRCUIT_OPEN, null, Duration.ZERO, "open")),
				new LlmException(ErrorKind.CIRCUIT_OPEN, "openai", null, null, "open", null));
		this.metrics.onFailure(this.request, error, Duration.ofMillis(5));
		this.metrics.onFailure(this.request, error, Duration.ofMillis(5));

		assertThat(this.registry.get("llm.requests").tags("outcome", "failure", "team", "search").counter().count())
			.isEqualTo(2);
		assertThat(this.registry.get("llm.fallbacks")
			.tags("provider", "anthropic", "kind", "server_error")
			.counter()
			.count()).isEqualTo(2);
		assertThat(
				this.registry.get("llm.fallbacks").tags("provider", "openai", "kind", "circuit_open").counter().count())
			.isEqualTo(2);
	}

	@Test
	void cancelledRequestsAreCountedApartFromFailures() {
		this.metrics.onCancel(this.request, Duration.ofMillis(7));
		this.metrics.onFailure(this.request,
				LlmException.allFailed(List.of(),
						new LlmException(ErrorKind.SERVER_ERROR, "anthropic", 503, null, "x", null)),
				Duration.ofMillis(5));

		assertThat(this.registry.get("llm.requests")
			.tags("provider", "none", "model", "none", "level", "none", "outcome", "cancelled", "team", "search")
			.counter()
			.count()).isEqualTo(1);
		assertThat(this.registry.get("llm.request.duration").tags("outcome", "cancelled").timer())
			.satisfies((timer) -> assertThat(timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(7));
		assertThat(this.registry.get("llm.requests").tags("outcome", "failure").counter().count()).isEqualTo(1);
	}

	private static ChatResponse answer(String provider, BigDecimal cost) {
		return ChatResponse.builder()
			.text("hi")
			.finishReason(FinishReason.STOP)
			.usage(new Usage(10, 5, 0))
			.provider(provider)
			.model("m")
			.level(DegradationLevel.FULL)
			.cost(cost)
			.build();
	}

	private static ProviderSettings provider(String name) {
		return new ProviderSettings(name, ProviderType.OPENAI, "m", 1, Tier.FULL, URI.create("http://127.0.0.1:9"),
				"key", null, new ProviderTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)),
				null, null, Map.of());
	}

}
