package dev.llmfallback.provider.anthropic;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.Message;
import dev.llmfallback.ResponseFormat;
import dev.llmfallback.ToolCall;
import dev.llmfallback.ToolDefinition;
import dev.llmfallback.provider.ProviderSettings;

/**
 * Maps a {@link ChatRequest} to the body of {@code POST /v1/messages}: the system prompt
 * as a top-level field, tool calls as {@code tool_use} blocks, tool results as
 * {@code tool_result} blocks of a user turn, consecutive turns of one role merged into
 * one turn (Anthropic requires alternating roles).
 */
class AnthropicRequestMapper {

	/**
	 * Anthropic requires {@code max_tokens}: used when neither request nor settings set
	 * one.
	 */
	static final int DEFAULT_MAX_TOKENS = 4096;

	static final String JSON_INSTRUCTION = "Answer with one JSON object and nothing else: no prose, no code fence.";

	private static final String USER = "user";

	private static final String ASSISTANT = "assistant";

	// Anthropic accepts temperatures up to 1 only; OpenAI-style values up to 2 are
	// capped.
	private static final double MAX_TEMPERATURE = 1.0;

	private final ProviderSettings settings;

	private final ObjectMapper objectMapper;

	AnthropicRequestMapper(ProviderSettings settings, ObjectMapper objectMapper) {
		this.settings = settings;
		this.objectMapper = objectMapper;
	}

	/**
	 * The body of a non-streaming request.
	 * @param request the request
	 * @return the body
	 * @throws IllegalArgumentException when a tool call's arguments are not a JSON object
	 */
	MessagesRequest map(ChatRequest request) {
		Double temperature = (request.temperature() != null) ? Math.min(request.temperature(), MAX_TEMPERATURE) : null;
		ResponseFormat format = request.responseFormat();
		boolean jsonObject = format != null && format.type() == ResponseFormat.Type.JSON;
		OutputConfig outputConfig = (format != null && format.type() == ResponseFormat.Type.JSON_SCHEMA)
				? OutputConfig.jsonSchema(format.schema()) : null;
		return new MessagesRequest(this.settings.model(), maxTokens(request),
				jsonObject ? withJsonInstruction(request.system()) : emptyToNull(request.system()),
				messages(request.messages()), tools(request.tools()), temperature,
				request.stopSequences().isEmpty() ? null : request.stopSequences(), null, outputConfig,
				(request.toolChoice() != null && !request.tools().isEmpty()) ? ToolChoiceSpec.of(request.toolChoice())
						: null);
	}

	/**
	 * Anthropic constrains an answer to a JSON Schema only: for any JSON object the
	 * system prompt asks for one, and the router refuses an answer that is not.
	 */
	private static String withJsonInstruction(String system) {
		return (system == null || system.isEmpty()) ? JSON_INSTRUCTION : system + "\n\n" + JSON_INSTRUCTION;
	}

	private int maxTokens(ChatRequest request) {
		if (request.maxTokens() != null) {
			return request.maxTokens();
		}
		return (this.settings.maxOutputTokens() != null) ? this.settings.maxOutputTokens() : DEFAULT_MAX_TOKENS;
	}

	private List<RequestMessage> messages(List<Message> messages) {
		List<RequestMessage> turns = new ArrayList<>();
		String role = null;
		List<RequestContentBlock> blocks = new ArrayList<>();
		for (Message message : messages) {
			String messageRole = (message.role() == Message.Role.ASSISTANT) ? ASSISTANT : USER;
			if (!messageRole.equals(role)) {
				addTurn(turns, role, blocks);
				role = messageRole;
				blocks = new ArrayList<>();
			}
			blocks.addAll(blocks(message));
		}
		addTurn(turns, role, blocks);
		return turns;
	}

	private static void addTurn(List<RequestMessage> turns, String role, List<RequestContentBlock> blocks) {
		if (role == null) {
			return;
		}
		boolean plainText = blocks.size() == 1 && "text".equals(blocks.get(0).type());
		turns
			.add(plainText ? RequestMessage.ofText(role, blocks.get(0).text()) : RequestMessage.ofBlocks(role, blocks));
	}

	private List<RequestContentBlock> blocks(Message message) {
		if (message.role() == Message.Role.TOOL) {
			return List.of(RequestContentBlock.toolResult(message.toolCallId(), message.content()));
		}
		if (message.toolCalls().isEmpty()) {
			return List.of(RequestContentBlock.text(message.content()));
		}
		List<RequestContentBlock> blocks = new ArrayList<>();
		if (!message.content().isEmpty()) {
			blocks.add(RequestContentBlock.text(message.content()));
		}
		for (ToolCall call : message.toolCalls()) {
			blocks.add(RequestContentBlock.toolUse(call.id(), call.name(), input(call)));
		}
		return blocks;
	}

	private JsonNode input(ToolCall call) {
		try {
			JsonNode input = this.objectMapper.readTree(call.arguments());
			if (input != null && input.isObject()) {
				return input;
			}
		}
		catch (JsonProcessingException ex) {
			// reported below
		}
		throw new IllegalArgumentException("arguments of tool call " + call.id() + " (" + call.name()
				+ ") are not a JSON object, as Anthropic requires");
	}

	private static List<ToolSpec> tools(List<ToolDefinition> tools) {
		if (tools.isEmpty()) {
			return null;
		}
		return tools.stream()
			.map((tool) -> new ToolSpec(tool.name(), emptyToNull(tool.description()), tool.parameters()))
			.toList();
	}

	private static String emptyToNull(String text) {
		return (text != null && !text.isEmpty()) ? text : null;
	}

}
