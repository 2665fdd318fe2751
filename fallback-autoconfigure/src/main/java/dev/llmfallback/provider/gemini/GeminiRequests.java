package dev.llmfallback.provider.gemini;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.Message;
import dev.llmfallback.ResponseFormat;
import dev.llmfallback.ToolCall;
import dev.llmfallback.ToolDefinition;
import dev.llmfallback.provider.ProviderSettings;

/**
 * Maps a {@link ChatRequest} to Gemini's {@code GenerateContentRequest}: assistant turns
 * become {@code model} turns, tool calls {@code functionCall} parts with the thought
 * signatures they came with, and consecutive tool results one {@code user} turn of
 * {@code functionResponse} parts.
 */
final class GeminiRequests {

	/**
	 * The thought signature Google documents for a function call no Gemini model signed,
	 * such as one another provider made.
	 */
	static final String UNSIGNED = "skip_thought_signature_validator";

	private static final String JSON = "application/json";

	private static final Pattern GEMINI_VERSION = Pattern.compile("(?:models/)?gemini-(\\d+)");

	private final ProviderSettings settings;

	private final ObjectMapper objectMapper;

	private final boolean requiresSignatures;

	GeminiRequests(ProviderSettings settings, ObjectMapper objectMapper) {
		this.settings = settings;
		this.objectMapper = objectMapper;
		this.requiresSignatures = requiresSignatures(settings.model());
	}

	/**
	 * Gemini 3 and later answer 400 to a model turn whose function calls lack the thought
	 * signature they came with; earlier models take them unsigned.
	 */
	private static boolean requiresSignatures(String model) {
		Matcher version = GEMINI_VERSION.matcher(model);
		return version.lookingAt() && Integer.parseInt(version.group(1)) >= 3;
	}

	/**
	 * The JSON body of a request.
	 * @param request the request
	 * @return the body
	 * @throws JsonProcessingException when the body cannot be written
	 */
	byte[] body(ChatRequest request) throws JsonProcessingException {
		return this.objectMapper.writeValueAsBytes(toGemini(request));
	}

	GeminiRequest toGemini(ChatRequest request) {
		GeminiContent system = (request.system() != null && !request.system().isBlank())
				? new GeminiContent(null, List.of(GeminiPart.ofText(request.system()))) : null;
		ResponseFormat format = request.responseFormat();
		Map<String, Object> schema = (format != null) ? format.schema() : null;
		boolean subset = schema != null && GeminiSchemas.isOpenApiSubset(schema);
		GeminiGenerationConfig config = new GeminiGenerationConfig(
				(request.maxTokens() != null) ? request.maxTokens() : this.settings.maxOutputTokens(),
				request.temperature(), request.stopSequences().isEmpty() ? null : request.stopSequences(),
				(format != null) ? JSON : null, subset ? schema : null, (schema != null && !subset) ? schema : null);
		return new GeminiRequest(contents(request.messages()), system, tools(request.tools()),
				config.isEmpty() ? null : config, (request.toolChoice() != null && !request.tools().isEmpty())
						? GeminiToolConfig.of(request.toolChoice()) : null);
	}

	private List<GeminiContent> contents(List<Message> messages) {
		List<GeminiContent> contents = new ArrayList<>();
		List<GeminiPart> results = new ArrayList<>();
		for (int i = 0; i < messages.size(); i++) {
			Message message = messages.get(i);
			if (message.role() == Message.Role.TOOL) {
				results.add(GeminiPart.ofFunctionResponse(new GeminiFunctionResponse(message.toolCallId(),
						toolName(messages, i), functionResponse(message.content()))));
				continue;
			}
			if (!results.isEmpty()) {
				contents.add(new GeminiContent("user", List.copyOf(results)));
				results.clear();
			}
			contents.add((message.role() == Message.Role.ASSISTANT) ? modelTurn(message)
					: new GeminiContent("user", List.of(GeminiPart.ofText(message.content()))));
		}
		if (!results.isEmpty()) {
			contents.add(new GeminiContent("user", List.copyOf(results)));
		}
		return contents;
	}

	private GeminiContent modelTurn(Message message) {
		List<GeminiPart> parts = new ArrayList<>();
		if (!message.content().isEmpty() || message.toolCalls().isEmpty()) {
			parts.add(GeminiPart.ofText(message.content()));
		}
		List<ToolCall> calls = message.toolCalls();
		boolean unsigned = this.requiresSignatures && calls.stream().allMatch((call) -> call.signature() == null);
		for (int i = 0; i < calls.size(); i++) {
			ToolCall call = calls.get(i);
			// of parallel calls, Gemini signs the first only
			String signature = (unsigned && i == 0) ? UNSIGNED : call.signature();
			parts.add(GeminiPart.ofFunctionCall(new GeminiFunctionCall(call.id(), call.name(), args(call)), signature));
		}
		return new GeminiContent("model", parts);
	}

	private JsonNode args(ToolCall call) {
		JsonNode args = readTree(call.arguments());
		// A model can produce invalid arguments; Gemini only takes an object.
		return (args != null && args.isObject()) ? args : this.objectMapper.createObjectNode();
	}

	private JsonNode functionResponse(String content) {
		JsonNode result = readTree(content);
		if (result != null && result.isObject()) {
			return result;
		}
		ObjectNode wrapped = this.objectMapper.createObjectNode();
		wrapped.put("result", content);
		return wrapped;
	}

	private JsonNode readTree(String json) {
		try {
			return this.objectMapper.readTree(json);
		}
		catch (JsonProcessingException ex) {
			return null;
		}
	}

	private static String toolName(List<Message> messages, int resultIndex) {
		Message result = messages.get(resultIndex);
		if (result.toolName() != null && !result.toolName().isBlank()) {
			return result.toolName();
		}
		for (int i = resultIndex - 1; i >= 0; i--) {
			for (ToolCall call : messages.get(i).toolCalls()) {
				if (result.toolCallId().equals(call.id())) {
					return call.name();
				}
			}
		}
		return result.toolCallId();
	}

	private static List<GeminiTool> tools(List<ToolDefinition> tools) {
		if (tools.isEmpty()) {
			return null;
		}
		List<GeminiFunctionDeclaration> declarations = tools.stream().map(GeminiRequests::declaration).toList();
		return List.of(new GeminiTool(declarations));
	}

	private static GeminiFunctionDeclaration declaration(ToolDefinition tool) {
		String description = tool.description().isEmpty() ? null : tool.description();
		boolean subset = GeminiSchemas.isOpenApiSubset(tool.parameters());
		return new GeminiFunctionDeclaration(tool.name(), description, subset ? tool.parameters() : null,
				subset ? null : tool.parameters());
	}

}
