package dev.llmfallback.routing;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import dev.llmfallback.Attempt;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.Tier;

import static org.assertj.core.api.Assertions.assertThat;

class PreferredProviderTests {

	private final ScriptedProviderClient anthropic = new ScriptedProviderClient("anthropic", 1, Tier.FULL);

	private final ScriptedProviderClient openai = new ScriptedProviderClient("openai", 2, Tier.FULL);

	private final ScriptedProviderClient google = new ScriptedProviderClient("google", 3, Tier.BASIC);

	private final FailoverRouter router = FailoverRouterTests.router(
			new FallbackPolicy(Set.of(429, 500, 502, 503), Set.of(ErrorKind.TIMEOUT)), this.anthropic, this.openai,
			this.google);

	@Test
	void preferredProviderIsTriedFirst() {
		ChatResponse response = this.router.call(ChatRequest.builder().user("hi").preferredProvider("google").build());
		assertThat(response.provider()).isEqualTo("google");
		assertThat(this.anthropic.calls()).isZero();
		assertThat(this.openai.calls()).isZero();
	}

	@Test
	void afterThePreferredProviderTheOthersFollowInTheirOrder() {
		this.openai.failWith(ErrorKind.SERVER_ERROR, 503);
		ChatResponse response = this.router.call(ChatRequest.builder().user("hi").preferredProvider("openai").build());
		assertThat(response.provider()).isEqualTo("anthropic");
		assertThat(response.attempts()).extracting(Attempt::provider).containsExactly("openai");
	}

	@Test
	void preferredProviderOfATierTheRequestRefusesIsNotTried() {
		ChatResponse response = this.router
			.call(ChatRequest.builder().user("hi").minimumTier(Tier.FULL).preferredProvider("google").build());
		assertThat(response.provider()).isEqualTo("anthropic");
		assertThat(this.google.calls()).isZero();
	}

	@Test
	void unknownOrNoPreferenceKeepsTheConfiguredOrder() {
		assertThat(this.router.call(ChatRequest.builder().user("hi").preferredProvider("mistral").build()).provider())
			.isEqualTo("anthropic");
		assertThat(this.router.call(ChatRequest.of("hi")).provider()).isEqualTo("anthropic");
	}

	@Test
	void streamsPreferTheProviderToo() {
		StepVerifier.create(this.router.stream(ChatRequest.builder().user("hi").preferredProvider("openai").build()))
			.thenConsumeWhile((chunk) -> true, (chunk) -> assertThat(chunk.provider()).isEqualTo("openai"))
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		assertThat(this.anthropic.calls()).isZero();
	}

	@Test
	void preferenceSurvivesToBuilder() {
		ChatRequest request = ChatRequest.builder().user("hi").preferredProvider("openai").preferredModel("m").build();
		assertThat(request.toBuilder().build().preferredProvider()).isEqualTo("openai");
		assertThat(request.toBuilder().build().preferredModel()).isEqualTo("m");
		assertThat(ChatRequest.of("hi").preferredProvider()).isNull();
		assertThat(ChatRequest.of("hi").preferredModel()).isNull();
	}

	@Test
	void everyProviderOfAPreferredModelComesFirstInPriorityOrder() {
		ScriptedProviderClient east = new ScriptedProviderClient("east", "gpt-4o", 2, Tier.FULL, 1);
		ScriptedProviderClient west = new ScriptedProviderClient("west", "gpt-4o", 3, Tier.FULL, 1);
		FailoverRouter router = FailoverRouterTests.router(
				new FallbackPolicy(Set.of(429, 500, 502, 503), Set.of(ErrorKind.TIMEOUT)), this.anthropic, east, west);
		ChatRequest request = ChatRequest.builder().user("hi").preferredModel("gpt-4o").build();
		assertThat(router.call(request).provider()).isEqualTo("east");
		east.failWith(ErrorKind.SERVER_ERROR, 503);
		ChatResponse response = router.call(request);
		assertThat(response.provider()).isEqualTo("west");
		assertThat(response.attempts()).extracting(Attempt::provider).containsExactly("east");
		assertThat(this.anthropic.calls()).isZero();
	}

	@Test
	void aPreferredProviderComesBeforeTheProvidersOfAPreferredModel() {
		ChatResponse response = this.router
			.call(ChatRequest.builder().user("hi").preferredProvider("google").preferredModel("openai-model").build());
		assertThat(response.provider()).isEqualTo("google");
		this.google.failWith(ErrorKind.SERVER_ERROR, 503);
		assertThat(this.router
			.call(ChatRequest.builder().user("hi").preferredProvider("google").preferredModel("openai-model").build())
			.provider()).isEqualTo("openai");
	}

}
