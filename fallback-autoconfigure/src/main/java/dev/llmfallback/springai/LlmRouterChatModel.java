package dev.llmfallback.springai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.LlmRouter;
import dev.llmfallback.ResponseFormat;
import dev.llmfallback.ToolCall;
import dev.llmfallback.ToolDefinition;
import dev.llmfallback.Usage;
import dev.llmfallback.gateway.SignedToolCallIds;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.ModelOptionsUtils;
import org.springframework.ai.model.tool.DefaultToolExecutionEligibilityPredicate;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.ToolExecutionEligibilityPredicate;
import org.springframework.ai.model.tool.ToolExecutionResult;
import org.springframework.util.StringUtils;

/**
 * A Spring AI {@link ChatModel} that answers through an {@link LlmRouter}, so that
 * {@code ChatClient}, its advisors, chat memory and tools run over the router's failover
 * and degradation. The prompt's model, when it names a configured provider or model, is
 * tried first; its output limit, temperature and stop sequences are passed on, other
 * options are ignored. Tools run as Spring AI runs them, through its
 * {@link ToolCallingManager}, unless the options turn internal tool execution off.
 * <p>
 * Each response's metadata names the provider that answered ({@value #PROVIDER}), the
 * degradation level ({@value #LEVEL}), the failed attempts before it ({@value #ATTEMPTS},
 * a list of {@link dev.llmfallback.Attempt}) and the cost in US dollars ({@value #COST})
 * when it is known. A stream sends each text delta as it comes and the tool calls, finish
 * reason and usage with its last response. When no provider and no degraded level can
 * answer, the call fails with the router's {@link dev.llmfallback.LlmException} and its
 * trail.
 */
public class LlmRouterChatModel implements ChatModel {

	/** Metadata key of the configured provider that answered. */
	public static final String PROVIDER = "llm.provider";

	/** Metadata key of the {@link dev.llmfallback.DegradationLevel} that answered. */
	public static final String LEVEL = "llm.level";

	/** Metadata key of the failed attempts before the answer. */
	public static final String ATTEMPTS = "llm.attempts";

	/** Metadata key of the answer's cost in US dollars, when it is known. */
	public static final String COST = "llm.cost";

	/**
	 * The name OpenAI is sent for the schema of native structured output, as Spring AI's
	 * own OpenAI model names it; strict, as there.
	 */
	static final String OUTPUT_SCHEMA_NAME = "custom_schema";

	private final LlmRouter router;

	private final ToolCallingManager toolCallingManager;

	private final ToolExecutionEligibilityPredicate toolExecutionEligibility;

	private final ToolCallingChatOptions defaultOptions;

	/**
	 * Create a model with Spring AI's default tool calling and no default options.
	 * @param router the router that answers
	 */
	public LlmRouterChatModel(LlmRouter router) {
		this(router, ToolCallingManager.builder().build(), new DefaultToolExecutionEligibilityPredicate(),
				ToolCallingChatOptions.builder().build());
	}

	/**
	 * Create a model.
	 * @param router the router that answers
	 * @param toolCallingManager resolves the prompt's tools and runs their calls
	 * @param toolExecutionEligibility decides whether an answer's tool calls are run
	 * @param defaultOptions the options of prompts that bring none
	 */
	public LlmRouterChatModel(LlmRouter router, ToolCallingManager toolCallingManager,
			ToolExecutionEligibilityPredicate toolExecutionEligibility, ToolCallingChatOptions defaultOptions) {
		this.router = router;
		this.toolCallingManager = toolCallingManager;
		this.toolExecutionEligibility = toolExecutionEligibility;
		this.defaultOptions = defaultOptions;
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		Prompt request = withOptions(prompt);
		ChatResponse response = response(this.router.call(chatRequest(request)));
		if (!this.toolExecutionEligibility.isToolExecutionRequired(request.getOptions(), response)) {
			return response;
		}
		ToolExecutionResult tools = this.toolCallingManager.executeToolCalls(request, response);
		if (tools.returnDirect()) {
			return toolResults(response, tools);
		}
		return call(new Prompt(tools.conversationHistory(), request.getOptions()));
	}

	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		Prompt request = withOptions(prompt);
		return Flux.defer(() -> {
			List<ChatChunk> toolCallsAndEnd = new ArrayList<>();
			return this.router.stream(chatRequest(request)).<ChatResponse>handle((chunk, sink) -> {
				if (chunk.toolCall() != null || chunk.isFinal()) {
					// tool calls arrive in pieces: they go whole with the last response
					toolCallsAndEnd.add(chunk);
				}
				if (chunk.isFinal()) {
					sink.next(response(dev.llmfallback.ChatResponse.fromChunks(toolCallsAndEnd)));
				}
				else if (chunk.toolCall() == null) {
					sink.next(textResponse(chunk));
				}
			});
		})
			.concatMap(
					(response) -> this.toolExecutionEligibility.isToolExecutionRequired(request.getOptions(), response)
							? Flux.defer(() -> afterToolCalls(request, response))
								.subscribeOn(Schedulers.boundedElastic())
							: Flux.just(response));
	}

	private Flux<ChatResponse> afterToolCalls(Prompt request, ChatResponse response) {
		ToolExecutionResult tools = this.toolCallingManager.executeToolCalls(request, response);
		if (tools.returnDirect()) {
			return Flux.just(toolResults(response, tools));
		}
		return stream(new Prompt(tools.conversationHistory(), request.getOptions()));
	}

	/**
	 * The answer of tools that return their results directly to the caller.
	 */
	private static ChatResponse toolResults(ChatResponse response, ToolExecutionResult tools) {
		return ChatResponse.builder().from(response).generations(ToolExecutionResult.buildGenerations(tools)).build();
	}

	/**
	 * Options a {@code ChatClient} starts from, which take the output schema of native
	 * structured output.
	 * @return a copy of the default options
	 */
	@Override
	public ChatOptions getDefaultOptions() {
		return LlmRouterChatOptions.from(this.defaultOptions);
	}

	/**
	 * The prompt with tool-calling options: its own, or the defaults under the fields it
	 * sets.
	 */
	private Prompt withOptions(Prompt prompt) {
		ChatOptions options = prompt.getOptions();
		if (options instanceof ToolCallingChatOptions) {
			return prompt;
		}
		LlmRouterChatOptions merged = LlmRouterChatOptions.from(this.defaultOptions);
		if (options == null) {
			return new Prompt(prompt.getInstructions(), merged);
		}
		if (options.getModel() != null) {
			merged.setModel(options.getModel());
		}
		if (options.getMaxTokens() != null) {
			merged.setMaxTokens(options.getMaxTokens());
		}
		if (options.getTemperature() != null) {
			merged.setTemperature(options.getTemperature());
		}
		if (options.getStopSequences() != null) {
			merged.setStopSequences(options.getStopSequences());
		}
		if (options instanceof StructuredOutputChatOptions structured) {
			merged.setOutputSchema(structured.getOutputSchema());
		}
		return new Prompt(prompt.getInstructions(), merged);
	}

	private ChatRequest chatRequest(Prompt prompt) {
		ChatRequest.Builder builder = ChatRequest.builder();
		List<String> system = new ArrayList<>();
		for (Message message : prompt.getInstructions()) {
			switch (message.getMessageType()) {
				case SYSTEM -> system.add(message.getText());
				case USER -> builder.message(dev.llmfallback.Message.user(userText((UserMessage) message)));
				case ASSISTANT -> builder.message(assistant((AssistantMessage) message));
				case TOOL -> ((ToolResponseMessage) message).getResponses()
					.forEach((result) -> builder.message(dev.llmfallback.Message
						.toolResult(SignedToolCallIds.callId(result.id()), result.name(), result.responseData())));
			}
		}
		if (!system.isEmpty()) {
			builder.system(String.join("\n\n", system));
		}
		ToolCallingChatOptions options = (ToolCallingChatOptions) prompt.getOptions();
		if (options.getModel() != null) {
			builder.preferredProvider(options.getModel()).preferredModel(options.getModel());
		}
		if (options.getStopSequences() != null) {
			builder.stopSequences(options.getStopSequences());
		}
		if (options instanceof StructuredOutputChatOptions structured
				&& StringUtils.hasText(structured.getOutputSchema())) {
			builder.responseFormat(ResponseFormat.strictJsonSchema(OUTPUT_SCHEMA_NAME,
					ModelOptionsUtils.jsonToMap(structured.getOutputSchema())));
		}
		return builder.maxTokens(options.getMaxTokens())
			.temperature(options.getTemperature())
			.tools(this.toolCallingManager.resolveToolDefinitions(options)
				.stream()
				.map((tool) -> new ToolDefinition(tool.name(), tool.description(),
						ModelOptionsUtils.jsonToMap(tool.inputSchema())))
				.toList())
			.build();
	}

	private static String userText(UserMessage message) {
		if (!message.getMedia().isEmpty()) {
			throw new IllegalArgumentException("LlmRouterChatModel sends text only; a user message carries "
					+ message.getMedia().size() + " media attachment(s)");
		}
		return message.getText();
	}

	private static dev.llmfallback.Message assistant(AssistantMessage message) {
		List<ToolCall> toolCalls = message.getToolCalls()
			.stream()
			.map((call) -> new ToolCall(SignedToolCallIds.callId(call.id()), call.name(), call.arguments(),
					SignedToolCallIds.signature(call.id())))
			.toList();
		return dev.llmfallback.Message.assistant(message.getText(), toolCalls);
	}

	private static ChatResponse response(dev.llmfallback.ChatResponse answer) {
		AssistantMessage message = AssistantMessage.builder()
			.content(answer.text())
			.toolCalls(answer.toolCalls()
				.stream()
				.map((call) -> new AssistantMessage.ToolCall(SignedToolCallIds.of(call.id(), call.signature()),
						"function", call.name(), call.arguments()))
				.toList())
			.build();
		ChatGenerationMetadata.Builder generation = ChatGenerationMetadata.builder();
		if (answer.finishReason() != null) {
			generation.finishReason(answer.finishReason().name());
		}
		Map<String, Object> router = new LinkedHashMap<>();
		router.put(ATTEMPTS, answer.attempts());
		answer.cost().ifPresent((cost) -> router.put(COST, cost));
		return new ChatResponse(List.of(new Generation(message, generation.build())),
				metadata(answer.provider(), answer.model(), answer.level(), answer.usage(), router));
	}

	private static ChatResponse textResponse(ChatChunk chunk) {
		Map<String, Object> router = chunk.attempts().isEmpty() ? Map.of() : Map.of(ATTEMPTS, chunk.attempts());
		return new ChatResponse(List.of(new Generation(new AssistantMessage(chunk.text()))),
				metadata(chunk.provider(), chunk.model(), chunk.level(), null, router));
	}

	private static ChatResponseMetadata metadata(String provider, String model, dev.llmfallback.DegradationLevel level,
			Usage usage, Map<String, Object> router) {
		ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder().metadata(router);
		if (model != null) {
			metadata.model(model);
		}
		if (provider != null) {
			metadata.keyValue(PROVIDER, provider);
		}
		if (level != null) {
			metadata.keyValue(LEVEL, level);
		}
		if (usage != null) {
			metadata
				.usage(new DefaultUsage(Math.toIntExact(usage.inputTokens()), Math.toIntExact(usage.outputTokens())));
		}
		return metadata.build();
	}

}
