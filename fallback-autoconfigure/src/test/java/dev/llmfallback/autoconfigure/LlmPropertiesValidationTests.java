package dev.llmfallback.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.llmfallback.LlmRouter;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each invalid configuration stops start-up with one message naming the property.
 */
class LlmPropertiesValidationTests {

	private static final String SECRET = "sk-very-secret-key-0123456789";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class, JacksonAutoConfiguration.class,
				WebClientAutoConfiguration.class))
		.withPropertyValues("OPENAI_API_KEY=" + SECRET, "ANTHROPIC_API_KEY=" + SECRET);

	@Test
	void validConfigurationStarts() {
		run(List.of(), (context) -> assertThat(context).hasNotFailed().hasSingleBean(LlmRouter.class));
	}

	@Test
	void duplicateName() {
		assertFails("llm.providers[1].name 'anthropic' is also the name of llm.providers[0]; names must be unique",
				"llm.providers[1].name=anthropic", "llm.providers[1].type=openai");
	}

	@Test
	void duplicatePriority() {
		assertFails("llm.providers[1].priority 1 is also the priority of llm.providers[0]",
				"llm.providers[1].priority=1");
	}

	@Test
	void unknownType() {
		assertFails("llm.providers[1].type 'cohere' is not a known type; use one of openai, anthropic, google",
				"llm.providers[1].type=cohere");
	}

	@Test
	void typeMissingForANameThatIsNoType() {
		assertFails("llm.providers[1].type must be set because the name 'groq' is not a provider type",
				"llm.providers[1].name=groq");
	}

	@Test
	void negativeRetries() {
		assertFails("llm.fallback.max-retries must be 0 or more, was -1", "llm.fallback.max_retries=-1");
	}

	@Test
	void missingModel() {
		assertFails("llm.providers[0].model must be set", "llm.providers[0].model=");
	}

	@Test
	void missingKeyNamesTheEnvironmentVariableAndNeverPrintsKeys() {
		this.contextRunner
			.withPropertyValues("llm.providers[0].name=google", "llm.providers[0].model=gemini-2.0-flash",
					"llm.providers[0].priority=1", "llm.providers[1].name=openai", "llm.providers[1].model=gpt-4o",
					"llm.providers[1].api-key=" + SECRET, "llm.providers[1].priority=2")
			.run((context) -> {
				String message = failureMessage(context);
				assertThat(message).contains(
						"llm.providers[0].api-key is not set and the environment variable GEMINI_API_KEY or GOOGLE_API_KEY is empty")
					.doesNotContain(SECRET);
			});
	}

	@Test
	void disabledProviderNeedsNoKey() {
		run(List.of("llm.providers[2].name=google", "llm.providers[2].model=gemini-2.0-flash",
				"llm.providers[2].enabled=false"), (context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void unknownOnErrorEntry() {
		assertFails("llm.fallback.on-error[1] 'tiemout' is neither an HTTP status from 400 to 599 nor an error kind",
				"llm.fallback.on_error=429,tiemout");
	}

	@Test
	void statusOutsideTheErrorRange() {
		assertFails("llm.fallback.on-error[0] '200' is neither an HTTP status", "llm.fallback.on-error=200");
	}

	@Test
	void missingBaseUrlForACompatibleServer() {
		assertFails("llm.providers[1].base-url must be set for type openai-compatible",
				"llm.providers[1].type=openai-compatible");
	}

	@Test
	void invalidBaseUrl() {
		assertFails("llm.providers[0].base-url 'localhost:8080' must be an absolute http or https URL",
				"llm.providers[0].base-url=localhost:8080");
	}

	@Test
	void nonPositiveTimeout() {
		assertFails("llm.providers[0].response-timeout must be positive", "llm.providers[0].response-timeout=0s");
	}

	@Test
	void noProviders() {
		this.contextRunner.run((context) -> assertThat(failureMessage(context))
			.contains("llm.providers must list at least one provider"));
	}

	@Test
	void unknownKeyStopsStartUp() {
		assertFails("llm.fallback.retries", "llm.fallback.retries=3");
	}

	@Test
	void invalidTierNamesTheProperty() {
		assertFails("llm.providers[0].tier", "llm.providers[0].tier=huge");
	}

	@Test
	void priceNeedsInputAndOutput() {
		assertFails("llm.providers[0].price needs both input and output", "llm.providers[0].price.input=3");
	}

	@Test
	void budgetShareMustBeAFraction() {
		assertFails("llm.budget.downgrade-at must be above 0 and at most 1, was 1.5", "llm.budget.downgrade-at=1.5");
	}

	@Test
	void budgetLimitsMustBePositive() {
		assertFails("llm.budget.per-day must be positive, was 0", "llm.budget.per-day=0");
	}

	@Test
	void poolSizeMustBePositive() {
		assertFails("llm.http.max-connections must be positive, was 0", "llm.http.max-connections=0");
	}

	@Test
	void cacheSizeMustBePositive() {
		assertFails("llm.cache.max-size must be positive, was 0", "llm.cache.max-size=0");
	}

	@Test
	void hedgingPercentileMustBeAFraction() {
		assertFails("llm.fallback.hedging.percentile must be above 0 and at most 1, was 95.0",
				"llm.fallback.hedging.percentile=95");
	}

	@Test
	void unknownStrategyNamesTheProperty() {
		assertFails("llm.routing.strategy", "llm.routing.strategy=random");
	}

	@Test
	void tokensPerMinuteNeedFleetRateLimits() {
		assertFails(
				"llm.providers[0].tokens-per-minute is counted for the whole fleet on Redis; set llm.redis.rate-limits=true",
				"llm.providers[0].tokens-per-minute=1000");
	}

	@Test
	void weightMustNotBeNegative() {
		assertFails("llm.providers[1].weight must not be negative, was -1", "llm.routing.strategy=weighted",
				"llm.providers[1].weight=-1");
	}

	@Test
	void weightNeedsTheWeightedStrategy() {
		assertFails("llm.providers[0].weight is used only by the weighted strategy; set llm.routing.strategy=weighted",
				"llm.providers[0].weight=3");
	}

	@Test
	void weightsBindWithTheWeightedStrategy() {
		run(List.of("llm.routing.strategy=weighted", "llm.providers[0].weight=3", "llm.providers[1].weight=0"),
				(context) -> assertThat(context).hasNotFailed().hasSingleBean(LlmRouter.class));
	}

	@Test
	void everyProblemIsReportedAtOnce() {
		run(List.of("llm.providers[0].model=", "llm.fallback.max-retries=-2"), (context) -> {
			Throwable failure = NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure());
			assertThat(failure).isInstanceOf(InvalidLlmPropertiesException.class);
			assertThat(((InvalidLlmPropertiesException) failure).getProblems()).hasSize(2);
			FailureAnalysis analysis = new InvalidLlmPropertiesFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("    - llm.providers[0].model must be set",
					"    - llm.fallback.max-retries must be 0 or more, was -2");
			assertThat(analysis.getAction()).contains("llm.*");
		});
	}

	private void assertFails(String expectedMessage, String... overrides) {
		run(List.of(overrides), (context) -> {
			String message = failureMessage(context);
			assertThat(message).contains(expectedMessage).doesNotContain(SECRET);
		});
	}

	private void run(List<String> overrides,
			org.springframework.boot.test.context.runner.ContextConsumer<AssertableApplicationContext> assertions) {
		List<String> properties = new ArrayList<>(List.of("llm.providers[0].name=anthropic",
				"llm.providers[0].model=claude-sonnet-4-20250514", "llm.providers[0].priority=1",
				"llm.providers[1].name=openai", "llm.providers[1].model=gpt-4o", "llm.providers[1].priority=2"));
		properties.addAll(overrides);
		this.contextRunner.withPropertyValues(properties.toArray(String[]::new)).run(assertions);
	}

	private static String failureMessage(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		StringBuilder messages = new StringBuilder();
		for (Throwable ex = context.getStartupFailure(); ex != null; ex = ex.getCause()) {
			messages.append(ex.getMessage()).append('\n');
		}
		return messages.toString();
	}

}
