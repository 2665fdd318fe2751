package dev.llmfallback.springai;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.llmfallback.Attempt;
import dev.llmfallback.DegradationLevel;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.autoconfigure.LlmAutoConfiguration;
import dev.llmfallback.autoconfigure.LlmSpringAiAutoConfiguration;
import dev.llmfallback.provider.ContractPayloads;
import org.springframework.ai.chat.client.AdvisorParams;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.support.ToolCallbacks;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.util.MimeTypeUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Spring AI's {@link ChatClient} over the auto-configured {@link LlmRouterChatModel}, the
 * real router and codecs, and Anthropic and OpenAI on local HTTP servers answering their
 * recorded payloads.
 */
class LlmRouterChatModelTests {

	private static final String WEATHER = "What's the weather like in San Francisco?";

	private static final String JOKE = "Why did the opentelemetry developer go broke? \nBecause they kept trying to "
			+ "trace their steps back too far!";

	private final MockWebServer anthropic = ContractPayloads.startedServer();

	private final MockWebServer openai = ContractPayloads.startedServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class, LlmSpringAiAutoConfiguration.class,
				JacksonAutoConfiguration.class, WebClientAutoConfiguration.class))
		.withPropertyValues(ContractPayloads.anthropicThenOpenAi(this.anthropic, this.openai))
		.withPropertyValues("llm.cache.enabled=false");

	@AfterEach
	void close() throws IOException {
		this.anthropic.shutdown();
		this.openai.shutdown();
	}

	@Test
	void chatClientIsAnsweredAfterAFailoverThatItsMetadataNames() {
		this.anthropic
			.enqueue(ContractPayloads.httpResponse("anthropic/examples/assembled/error-529-overloaded.assembled.http"));
		this.openai.enqueue(ContractPayloads.json("openai/examples/chat-completion.json"));
		this.contextRunner.run((context) -> {
			ChatResponse response = ChatClient.create(context.getBean(ChatModel.class))
				.prompt()
				.system("Be brief.")
				.user("Weather?")
				.call()
				.chatResponse();

			assertThat(response.getResult().getOutput().getText())
				.startsWith("I'm unable to provide real-time weather updates.");
			assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo("STOP");
			assertThat(response.getMetadata().getModel()).isEqualTo("gpt-4o-2024-08-06");
			assertThat(response.getMetadata().getUsage().getPromptTokens()).isEqualTo(14);
			assertThat(response.getMetadata().getUsage().getCompletionTokens()).isEqualTo(37);
			assertThat((String) response.getMetadata().get(LlmRouterChatModel.PROVIDER)).isEqualTo("openai");
			assertThat((DegradationLevel) response.getMetadata().get(LlmRouterChatModel.LEVEL))
				.isEqualTo(DegradationLevel.FULL);
			List<Attempt> attempts = response.getMetadata().get(LlmRouterChatModel.ATTEMPTS);
			assertThat(attempts).extracting(Attempt::provider, Attempt::status)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("anthropic", 529));
			assertThat((Object) response.getMetadata().get(LlmRouterChatModel.COST)).isNotNull();
			JsonNode sent = body(this.openai.takeRequest(5, TimeUnit.SECONDS));
			assertThat(sent.at("/messages/0/role").asText()).isEqualTo("system");
			assertThat(sent.at("/messages/0/content").asText()).isEqualTo("Be brief.");
			assertThat(sent.at("/messages/1/content").asText()).isEqualTo("Weather?");
		});
	}

	@Test
	void nativeStructuredOutputIsAskedOfTheProviderAsItsResponseFormat() {
		JsonNode sent = sentForTheWeatherEntity(AdvisorParams.ENABLE_NATIVE_STRUCTURED_OUTPUT);
		assertThat(sent.at("/messages/0/content").asText()).as("no format instructions")
			.isEqualTo("Weather in San Francisco?");
		JsonNode format = sent.path("response_format");
		assertThat(format.path("type").asText()).isEqualTo("json_schema");
		assertThat(format.at("/json_schema/name").asText()).isEqualTo(LlmRouterChatModel.OUTPUT_SCHEMA_NAME);
		assertThat(format.at("/json_schema/strict").asBoolean()).isTrue();
		assertThat(format.at("/json_schema/schema/properties").fieldNames()).toIterable()
			.containsExactlyInAnyOrder("city", "temperature", "units");
	}

	@Test
	void withoutNativeStructuredOutputTheFormatIsInTheUserMessageOnly() {
		JsonNode sent = sentForTheWeatherEntity((advisors) -> {
		});
		assertThat(sent.at("/messages/0/content").asText()).startsWith("Weather in San Francisco?")
			.contains("JSON Schema");
		assertThat(sent.has("response_format")).isFalse();
	}

	/**
	 * Ask OpenAI, answering its recorded structured output, for a {@link Weather} entity
	 * with the given advisors, check the entity and return the body it was sent.
	 */
	private JsonNode sentForTheWeatherEntity(Consumer<ChatClient.AdvisorSpec> advisors) {
		this.openai.enqueue(ContractPayloads.json("openai/examples/chat-completion-structured-output.json"));
		AtomicReference<JsonNode> sent = new AtomicReference<>();
		this.contextRunner.withPropertyValues("llm.providers[0].enabled=false").run((context) -> {
			Weather weather = ChatClient.create(context.getBean(ChatModel.class))
				.prompt()
				.advisors(advisors)
				.user("Weather in San Francisco?")
				.call()
				.entity(Weather.class);

			assertThat(weather).isEqualTo(new Weather("San Francisco", 65, "f"));
			sent.set(body(this.openai.takeRequest(5, TimeUnit.SECONDS)));
		});
		return sent.get();
	}

	@Test
	void defaultOptionsCopyTheirOutputSchema() {
		LlmRouterChatOptions options = LlmRouterChatOptions.from(ToolCallingChatOptions.builder()
			.model("gpt-4o")
			.toolNames(java.util.Set.of("weather"))
			.maxTokens(100)
			.build());
		options.setOutputSchema("{\"type\":\"object\"}");
		LlmRouterChatOptions copy = options.copy();
		assertThat(copy).isNotSameAs(options);
		assertThat(copy.getOutputSchema()).isEqualTo("{\"type\":\"object\"}");
		assertThat(copy.getModel()).isEqualTo("gpt-4o");
		assertThat(copy.getMaxTokens()).isEqualTo(100);
		assertThat(copy.getToolNames()).containsExactly("weather");
	}

	@Test
	void toolsRunThroughSpringAiAndTheirResultsGoBackToTheModel() {
		this.openai.enqueue(ContractPayloads.json("openai/examples/recorded/chat-completion-tool-call.json"));
		this.openai.enqueue(ContractPayloads.json("openai/examples/recorded/chat-completion-after-tool-result.json"));
		WeatherTools tools = new WeatherTools();
		this.contextRunner.withPropertyValues("llm.providers[0].enabled=false").run((context) -> {
			String answer = ChatClient.create(context.getBean(ChatModel.class))
				.prompt()
				.user(WEATHER)
				.tools(tools)
				.call()
				.content();

			assertThat(answer).isEqualTo("The weather in San Francisco is 70 degrees and sunny.");
			assertThat(tools.asked).containsExactly("San Francisco");
			JsonNode first = body(this.openai.takeRequest(5, TimeUnit.SECONDS));
			assertThat(first.at("/tools/0/function/name").asText()).isEqualTo("get_current_weather");
			assertThat(first.at("/tools/0/function/parameters/properties/location/type").asText()).isEqualTo("string");
			JsonNode second = body(this.openai.takeRequest(5, TimeUnit.SECONDS));
			assertThat(second.at("/messages/1/tool_calls/0/id").asText()).isEqualTo("call_NnblzAO7oa78mQTzjUYLcouN");
			assertThat(second.at("/messages/2/role").asText()).isEqualTo("tool");
			assertThat(second.at("/messages/2/tool_call_id").asText()).isEqualTo("call_NnblzAO7oa78mQTzjUYLcouN");
			assertThat(second.at("/messages/2/content").asText()).contains("70 degrees and sunny");
		});
	}

	@Test
	void aToolThatReturnsDirectlyAnswersWithoutAnotherCall() {
		this.openai.enqueue(ContractPayloads.json("openai/examples/recorded/chat-completion-tool-call.json"));
		this.openai.enqueue(ContractPayloads.sse("openai/examples/recorded/chat-completion-stream-tool-call.sse"));
		DirectWeatherTools tools = new DirectWeatherTools();
		this.contextRunner.withPropertyValues("llm.providers[0].enabled=false").run((context) -> {
			ChatClient client = ChatClient.create(context.getBean(ChatModel.class));

			String called = client.prompt().user(WEATHER).tools(tools).call().content();
			String streamed = String.join("",
					client.prompt()
						.user(WEATHER)
						.tools(tools)
						.stream()
						.content()
						.collectList()
						.block(Duration.ofSeconds(10)));

			assertThat(called).contains("70 degrees and sunny");
			assertThat(streamed).contains("70 degrees and sunny");
			assertThat(tools.asked).containsExactly("San Francisco", "San Francisco");
			assertThat(this.openai.getRequestCount()).isEqualTo(2);
		});
	}

	@Test
	void withInternalToolExecutionOffTheCallsGoToTheCaller() {
		this.openai.enqueue(ContractPayloads.json("openai/examples/recorded/chat-completion-tool-call.json"));
		WeatherTools tools = new WeatherTools();
		this.contextRunner.withPropertyValues("llm.providers[0].enabled=false").run((context) -> {
			ChatResponse response = context.getBean(ChatModel.class)
				.call(new Prompt(WEATHER,
						ToolCallingChatOptions.builder()
							.toolCallbacks(ToolCallbacks.from(tools))
							.internalToolExecutionEnabled(false)
							.build()));

			assertThat(response.getResult().getOutput().getToolCalls()).singleElement().satisfies((call) -> {
				assertThat(call.id()).isEqualTo("call_NnblzAO7oa78mQTzjUYLcouN");
				assertThat(call.name()).isEqualTo("get_current_weather");
				assertThat(call.arguments()).isEqualTo("{\"location\":\"San Francisco\"}");
			});
			assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo("TOOL_CALLS");
			assertThat(tools.asked).isEmpty();
			assertThat(this.openai.getRequestCount()).isEqualTo(1);
		});
	}

	@Test
	void aStreamSendsItsTextAsItComesAndEndsWithItsFinishReason() {
		this.openai.enqueue(ContractPayloads.sse("openai/examples/recorded/chat-completion-stream.sse"));
		this.contextRunner.withPropertyValues("llm.providers[0].enabled=false").run((context) -> {
			List<ChatResponse> responses = ChatClient.create(context.getBean(ChatModel.class))
				.prompt()
				.user("Tell me a joke")
				.stream()
				.chatResponse()
				.collectList()
				.block(Duration.ofSeconds(10));

			assertThat(responses).hasSizeGreaterThan(10);
			assertThat(responses.stream().map((response) -> response.getResult().getOutput().getText()))
				.filteredOn((text) -> !text.isEmpty())
				.hasSizeGreaterThan(10)
				.containsSequence("Why", " did");
			assertThat(String.join("",
					responses.stream().map((response) -> response.getResult().getOutput().getText()).toList()))
				.isEqualTo(JOKE);
			assertThat(responses.get(0).getMetadata().<String>get(LlmRouterChatModel.PROVIDER)).isEqualTo("openai");
			assertThat(responses.get(responses.size() - 1).getResult().getMetadata().getFinishReason())
				.isEqualTo("STOP");
		});
	}

	@Test
	void aStreamRunsItsToolCallsAndGoesOnWithTheAnswer() {
		this.openai.enqueue(ContractPayloads.sse("openai/examples/recorded/chat-completion-stream-tool-call.sse"));
		this.openai.enqueue(ContractPayloads.sse("openai/examples/recorded/chat-completion-stream.sse"));
		WeatherTools tools = new WeatherTools();
		this.contextRunner.withPropertyValues("llm.providers[0].enabled=false").run((context) -> {
			List<String> texts = ChatClient.create(context.getBean(ChatModel.class))
				.prompt()
				.user(WEATHER)
				.tools(tools)
				.stream()
				.content()
				.collectList()
				.block(Duration.ofSeconds(10));

			assertThat(String.join("", texts)).isEqualTo(JOKE);
			assertThat(tools.asked).containsExactly("San Francisco");
			this.openai.takeRequest(5, TimeUnit.SECONDS);
			JsonNode second = body(this.openai.takeRequest(5, TimeUnit.SECONDS));
			assertThat(second.at("/messages/1/tool_calls/0/function/arguments").asText())
				.isEqualTo("{\"location\":\"San Francisco\"}");
			assertThat(second.at("/messages/2/content").asText()).contains("70 degrees and sunny");
		});
	}

	@Test
	void whenEveryProviderFailsTheStaticAnswerSaysSoInItsMetadata() {
		this.anthropic
			.enqueue(ContractPayloads.httpResponse("anthropic/examples/assembled/error-529-overloaded.assembled.http"));
		this.openai
			.enqueue(ContractPayloads.httpResponse("openai/examples/assembled/error-500-server-error.assembled.http"));
		this.contextRunner.run((context) -> {
			ChatResponse response = context.getBean(ChatModel.class).call(new Prompt("Weather?"));

			assertThat(response.getResult().getOutput().getText()).startsWith("Service temporarily limited");
			assertThat(response.getMetadata().<DegradationLevel>get(LlmRouterChatModel.LEVEL))
				.isEqualTo(DegradationLevel.STATIC);
			assertThat(response.getMetadata().<List<Attempt>>get(LlmRouterChatModel.ATTEMPTS))
				.extracting(Attempt::provider)
				.containsExactly("anthropic", "openai");
		});
	}

	@Test
	void aFailureOfTheRequestItselfReachesTheCallerWithItsTrail() {
		this.anthropic.enqueue(
				ContractPayloads.httpResponse("anthropic/examples/assembled/error-400-prompt-too-long.assembled.http"));
		this.contextRunner.run((context) -> assertThatExceptionOfType(LlmException.class)
			.isThrownBy(() -> context.getBean(ChatModel.class).call(new Prompt("Weather?")))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(ErrorKind.CONTEXT_LENGTH);
				assertThat(ex.attempts()).extracting(Attempt::provider).contains("anthropic");
			}));
	}

	@Test
	void thePromptsModelIsTriedFirstAndItsLimitsArePassedOn() {
		this.openai.enqueue(ContractPayloads.json("openai/examples/chat-completion.json"));
		this.contextRunner.run((context) -> {
			ChatResponse response = context.getBean(ChatModel.class)
				.call(new Prompt("Weather?",
						ChatOptions.builder()
							.model("gpt-4o")
							.maxTokens(50)
							.temperature(0.2)
							.stopSequences(List.of("END"))
							.build()));

			assertThat(response.getMetadata().<String>get(LlmRouterChatModel.PROVIDER)).isEqualTo("openai");
			assertThat(this.anthropic.getRequestCount()).isZero();
			JsonNode sent = body(this.openai.takeRequest(5, TimeUnit.SECONDS));
			assertThat(sent.at("/max_tokens").asInt(sent.at("/max_completion_tokens").asInt())).isEqualTo(50);
			assertThat(sent.at("/temperature").asDouble()).isEqualTo(0.2);
			assertThat(sent.at("/stop/0").asText()).isEqualTo("END");
		});
	}

	@Test
	void mediaIsRefusedRatherThanDropped() {
		this.contextRunner.run((context) -> {
			UserMessage withImage = UserMessage.builder()
				.text("What is in this picture?")
				.media(new Media(MimeTypeUtils.IMAGE_PNG, new ByteArrayResource(new byte[] { 1, 2, 3 })))
				.build();
			assertThatIllegalArgumentException()
				.isThrownBy(() -> context.getBean(ChatModel.class).call(new Prompt(withImage)))
				.withMessageContaining("media");
			assertThat(this.anthropic.getRequestCount() + this.openai.getRequestCount()).isZero();
		});
	}

	private static JsonNode body(RecordedRequest request) throws IOException {
		assertThat(request).as("a request reached the provider").isNotNull();
		return new ObjectMapper().readTree(request.getBody().readUtf8());
	}

	static class DirectWeatherTools {

		final List<String> asked = new CopyOnWriteArrayList<>();

		@Tool(name = "get_current_weather", description = "Get the current weather", returnDirect = true)
		String weather(String location) {
			this.asked.add(location);
			return "The weather in " + location + " is 70 degrees and sunny.";
		}

	}

	record Weather(String city, int temperature, String units) {

	}

	static class WeatherTools {

		final List<String> asked = new CopyOnWriteArrayList<>();

		@Tool(name = "get_current_weather", description = "Get the current weather")
		String weather(String location) {
			this.asked.add(location);
			return "The weather in " + location + " is 70 degrees and sunny.";
		}

	}

}
