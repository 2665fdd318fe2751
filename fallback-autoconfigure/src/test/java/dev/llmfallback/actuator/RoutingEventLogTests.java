package dev.llmfallback.actuator;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.llmfallback.Attempt;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.FinishReason;
import dev.llmfallback.LlmException;
import dev.llmfallback.Tier;
import dev.llmfallback.cost.BudgetStatus;
import dev.llmfallback.cost.BudgetStatus.Decision;
import dev.llmfallback.cost.BudgetTracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@link RoutingEventLog} records each change of the budget's decision once, however many
 * answers see it.
 */
class RoutingEventLogTests {

	private static final ChatRequest REQUEST = ChatRequest.of("Hello");

	private static final ChatResponse ANSWER = ChatResponse.builder()
		.text("Hi")
		.finishReason(FinishReason.STOP)
		.provider("openai")
		.model("gpt-4o")
		.build();

	private final SettableBudget budget = new SettableBudget();

	private final RoutingEventLog log = new RoutingEventLog(10,
			Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC), this.budget);

	@Test
	void unchangedBudgetLogsNothing() {
		answer(3);
		assertThat(this.log.recent()).isEmpty();
	}

	@Test
	void eachChangeOfTheDecisionIsLoggedOnce() {
		answer(2);
		this.budget.decision = Decision.DOWNGRADED;
		answer(3);
		this.budget.decision = Decision.NORMAL;
		answer(2);
		assertThat(this.log.recent()).extracting(RoutingEvent::type, RoutingEvent::kind, RoutingEvent::detail)
			.containsExactly(tuple(RoutingEvent.Type.BUDGET, "DOWNGRADED", "budget normal -> downgraded"),
					tuple(RoutingEvent.Type.BUDGET, "NORMAL", "budget downgraded -> normal"));
	}

	@Test
	void aSkipIsLoggedButIsNotTheProvidersLastError() {
		ChatResponse afterFailover = ANSWER.toBuilder()
			.attempts(List.of(
					Attempt.of("anthropic", "claude",
							LlmException.skipped(ErrorKind.COST_CAP, "anthropic", "price unknown"), Duration.ZERO),
					Attempt.of("gemini", "gemini-2.5-flash",
							LlmException.skipped(ErrorKind.CIRCUIT_OPEN, "gemini", "breaker open"), Duration.ZERO),
					Attempt.of("mistral", "mistral-large",
							new LlmException(ErrorKind.SERVER_ERROR, "mistral", 503, null, "down", null),
							Duration.ofMillis(5))))
			.build();
		this.log.onAnswer(REQUEST, afterFailover, Duration.ofMillis(20));
		assertThat(this.log.recent()).extracting(RoutingEvent::type, RoutingEvent::provider, RoutingEvent::kind)
			.containsExactlyInAnyOrder(tuple(RoutingEvent.Type.FAILOVER, "anthropic", "COST_CAP"),
					tuple(RoutingEvent.Type.FAILOVER, "gemini", "CIRCUIT_OPEN"),
					tuple(RoutingEvent.Type.FAILOVER, "mistral", "SERVER_ERROR"));
		assertThat(this.log.lastError("anthropic")).isEmpty();
		assertThat(this.log.lastError("gemini")).isEmpty();
		assertThat(this.log.lastError("mistral"))
			.hasValueSatisfying((error) -> assertThat(error.status()).isEqualTo(503));
	}

	private void answer(int times) {
		for (int i = 0; i < times; i++) {
			this.log.onAnswer(REQUEST, ANSWER, Duration.ofMillis(20));
		}
	}

	private static final class SettableBudget implements BudgetTracker {

		private volatile Decision decision = Decision.NORMAL;

		@Override
		public void record(BigDecimal cost) {
		}

		@Override
		public BudgetStatus status() {
			return new BudgetStatus(this.decision, Tier.FULL, List.of());
		}

	}

}
