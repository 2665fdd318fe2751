package dev.llmfallback;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ApiTests {

	@Test
	void requestNeedsAMessage() {
		assertThatIllegalArgumentException().isThrownBy(() -> ChatRequest.builder().system("be brief").build())
			.withMessage("ChatRequest.messages must contain at least one message");
	}

	@Test
	void requestRejectsNonsenseValuesNamingTheField() {
		assertThatIllegalArgumentException().isThrownBy(() -> ChatRequest.builder().maxTokens(0))
			.withMessageContaining("ChatRequest.maxTokens");
		assertThatIllegalArgumentException().isThrownBy(() -> ChatRequest.builder().temperature(3.0))
			.withMessageContaining("ChatRequest.temperature");
		assertThatIllegalArgumentException().isThrownBy(() -> Message.toolResult(" ", "lookup", "{}"))
			.withMessageContaining("Message.toolCallId");
		assertThatIllegalArgumentException().isThrownBy(() -> ChatRequest.builder().maxCost(new BigDecimal("-0.01")))
			.withMessageContaining("ChatRequest.maxCost");
		Map<String, Object> schema = Map.of("type", "object");
		assertThatIllegalArgumentException().isThrownBy(() -> ResponseFormat.jsonSchema("my schema", schema))
			.withMessageContaining("ResponseFormat.name")
			.withMessageContaining("'my schema'");
		assertThatIllegalArgumentException().isThrownBy(() -> ResponseFormat.jsonSchema("a".repeat(65), schema))
			.withMessageContaining("ResponseFormat.name");
		assertThatIllegalArgumentException().isThrownBy(() -> ResponseFormat.jsonSchema("answer", Map.of()))
			.withMessageContaining("ResponseFormat.schema");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ResponseFormat(ResponseFormat.Type.JSON, "answer", schema, false))
			.withMessageContaining("takes no name, schema or strict");
		assertThatIllegalArgumentException().isThrownBy(() -> new ResponseFormat(null, null, null, false))
			.withMessageContaining("ResponseFormat.type");
	}

	@Test
	void aToolChoiceMustNameOneOfTheRequestsTools() {
		ToolDefinition weather = new ToolDefinition("weather", "Current weather", Map.of("type", "object"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ChatRequest.builder().user("hi").toolChoice(ToolChoice.required()).build())
			.withMessageContaining("ChatRequest.toolChoice REQUIRED needs the request to have tools");
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> ChatRequest.builder().user("hi").tool(weather).toolChoice(ToolChoice.tool("time")).build())
			.withMessageContaining("ChatRequest.toolChoice names the tool 'time'");
		assertThatIllegalArgumentException().isThrownBy(() -> ToolChoice.tool(" "))
			.withMessageContaining("ToolChoice.name");
		assertThatIllegalArgumentException().isThrownBy(() -> new ToolChoice(ToolChoice.Mode.AUTO, "weather"))
			.withMessageContaining("ToolChoice.name");
		assertThat(ChatRequest.builder().user("hi").toolChoice(ToolChoice.none()).build().toolChoice())
			.isEqualTo(ToolChoice.none());
		ChatRequest forced = ChatRequest.builder()
			.user("hi")
			.tool(weather)
			.toolChoice(ToolChoice.tool("weather"))
			.build();
		assertThat(forced.toBuilder().build().toolChoice()).isEqualTo(ToolChoice.tool("weather"));
	}

	@Test
	void requestIsImmutableAndCopiesThroughItsBuilder() {
		ToolDefinition weather = new ToolDefinition("weather", "Current weather", Map.of("type", "object"));
		ChatRequest request = ChatRequest.builder()
			.system("be brief")
			.user("What is the weather in Paris?")
			.message(Message.assistant("", List.of(new ToolCall("call_1", "weather", "{\"city\":\"Paris\"}"))))
			.message(Message.toolResult("call_1", "weather", "{\"celsius\":21}"))
			.tool(weather)
			.maxTokens(100)
			.temperature(0.2)
			.stopSequences(List.of("END"))
			.minimumTier(Tier.REDUCED)
			.cacheAllowed(false)
			.tag("feature", "weather")
			.maxCost(new BigDecimal("0.02"))
			.responseFormat(ResponseFormat.json())
			.build();
		ChatRequest copy = request.toBuilder().maxTokens(50).build();
		assertThat(copy.messages()).isEqualTo(request.messages());
		assertThat(copy.tools()).containsExactly(weather);
		assertThat(copy.maxTokens()).isEqualTo(50);
		assertThat(request.maxTokens()).isEqualTo(100);
		assertThat(copy.minimumTier()).isEqualTo(Tier.REDUCED);
		assertThat(copy.cacheAllowed()).isFalse();
		assertThat(copy.tags()).containsEntry("feature", "weather");
		assertThat(copy.stopSequences()).containsExactly("END");
		assertThat(copy.maxCost()).isEqualByComparingTo("0.02");
		assertThat(copy.responseFormat()).isEqualTo(ResponseFormat.json());
		assertThat(request.messages()).isUnmodifiable();
	}

	@Test
	void toStringNeverShowsPromptText() {
		ChatRequest request = ChatRequest.builder().system("secret system").user("my secret question").build();
		assertThat(request.toString()).doesNotContain("secret");
		assertThat(request.messages().get(0).toString()).doesNotContain("secret");
		assertThat(ChatChunk.ofText("secret answer").toString()).doesNotContain("secret");
		assertThat(ChatResponse.builder().text("secret answer").build().toString()).doesNotContain("secret");
	}

	@Test
	void tiersSatisfyLowerMinimums() {
		assertThat(Tier.FULL.satisfies(Tier.BASIC)).isTrue();
		assertThat(Tier.BASIC.satisfies(Tier.REDUCED)).isFalse();
		assertThat(Tier.values()).allSatisfy((tier) -> assertThat(tier.level().name()).isEqualTo(tier.name()));
		assertThat(DegradationLevel.CACHED.isDegraded()).isTrue();
		assertThat(DegradationLevel.FULL.isDegraded()).isFalse();
	}

	@Test
	void chunksAssembleIntoTheResponse() {
		List<ChatChunk> chunks = List.of(ChatChunk.ofText("The answer"), ChatChunk.ofText(" is 42."),
				ChatChunk.ofToolCall(new ToolCallDelta(0, "call_1", "lookup", "")),
				ChatChunk.ofToolCall(new ToolCallDelta(0, null, null, "{\"q\":")),
				ChatChunk.ofToolCall(new ToolCallDelta(1, "call_2", "other", "{}")),
				ChatChunk.ofToolCall(new ToolCallDelta(0, null, null, "\"x\"}")),
				ChatChunk.ofFinish(FinishReason.TOOL_CALLS, Usage.of(10, 5)).withSource("openai", "gpt-4o"));
		ChatResponse response = ChatResponse.fromChunks(chunks);
		assertThat(response.text()).isEqualTo("The answer is 42.");
		assertThat(response.toolCalls()).containsExactly(new ToolCall("call_1", "lookup", "{\"q\":\"x\"}"),
				new ToolCall("call_2", "other", "{}"));
		assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
		assertThat(response.usage()).isEqualTo(Usage.of(10, 5));
		assertThat(response.provider()).isEqualTo("openai");
		assertThat(response.model()).isEqualTo("gpt-4o");
	}

	@Test
	void unknownCostIsEmptyNotZero() {
		assertThat(ChatResponse.builder().build().cost()).isEmpty();
	}

	@Test
	void errorKindWordsAndVerdicts() {
		assertThat(ErrorKind.fromWord("context-length")).isEqualTo(ErrorKind.CONTEXT_LENGTH);
		assertThat(ErrorKind.fromWord(" Timeout ")).isEqualTo(ErrorKind.TIMEOUT);
		assertThat(ErrorKind.RATE_LIMITED.isRetryable()).isTrue();
		assertThat(ErrorKind.BAD_REQUEST.isRetryable()).isFalse();
		assertThat(ErrorKind.CONTEXT_LENGTH.isRetryable()).isFalse();
	}

	@Test
	void allFailedCarriesTheTrailAndTheLastKind() {
		LlmException first = new LlmException(ErrorKind.RATE_LIMITED, "anthropic", 429, Duration.ofSeconds(2),
				"rate_limit_error", null);
		LlmException last = new LlmException(ErrorKind.TIMEOUT, "openai", null, null, "no answer", null);
		List<Attempt> attempts = List.of(Attempt.of("anthropic", "claude", first, Duration.ofMillis(12)),
				Attempt.of("openai", "gpt-4o", last, Duration.ofMillis(900)));
		LlmException all = LlmException.allFailed(attempts, last);
		assertThat(all.kind()).isEqualTo(ErrorKind.TIMEOUT);
		assertThat(all.attempts()).hasSize(2);
		assertThat(all.getCause()).isSameAs(last);
		assertThat(all.getMessage()).contains("anthropic(claude) RATE_LIMITED 429", "openai(gpt-4o) TIMEOUT");
		assertThat(first.getMessage()).isEqualTo("anthropic: RATE_LIMITED (HTTP 429): rate_limit_error");
		assertThat(first.retryAfter()).isEqualTo(Duration.ofSeconds(2));
	}

}
