package dev.llmfallback.actuator;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.FinishReason;
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
