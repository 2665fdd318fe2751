package dev.llmfallback.gateway;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.Message;
import dev.llmfallback.ResponseFormat;
import dev.llmfallback.ToolCall;
import dev.llmfallback.ToolChoice;
import dev.llmfallback.ToolDefinition;

/**
 * Reads an OpenAI Chat Completions request body into a {@link ChatRequest}: system and
 * developer messages become the system prompt, user, assistant and tool messages the
 * conversation, {@code response_format} the form of the answer and {@code tool_choice}
 * whether a tool must be called. Parameters the router has no use for (such as
 * {@code top_p} or {@code user}) are ignored, as OpenAI-compatible servers commonly do.
 */
class GatewayRequestReader {

	/** The header by which a client caps a request's cost, in US dollars. */
	static final String MAX_COST = "x-llm-max-cost";

	private final ObjectMapper objectMapper;

	private final GatewayModels models;

	GatewayRequestReader(ObjectMapper objectMapper, GatewayModels models) {
		this.objectMapper = objectMapper;
		this.models = models;
	}

	/**
	 * Read a request, with the cap on its cost that the {@value #MAX_COST} header sets.
	 */
	GatewayRequest read(String body, String maxCost) {
		JsonNode root = parse(body);
		String model = optionalText(root, "model");
		model = (model != null) ? model : GatewayModels.AUTO;
		ChatRequest.Builder builder = ChatRequest.builder()
			.preferredProvider(this.models.preferredProvider(model))
			.preferredModel(this.models.preferredModel(model));
		readMessages(root.get("messages"), builder);
		readTools(root.get("tools"), builder);
		builder.toolChoice(toolChoice(root.get("tool_choice")));
		builder.maxTokens(maxTokens(root));
		builder.temperature(temperature(root.get("temperature")));
		builder.stopSequences(stop(root.get("stop")));
		builder.maxCost(maxCost(maxCost));
		builder.responseFormat(responseFormat(root.get("response_format")));
		if (root.hasNonNull("n") && root.get("n").asInt(-1) != 1) {
			throw new InvalidGatewayRequestException("n", "Only n = 1 is supported.");
		}
		boolean stream = flag(root.get("stream"), "stream");
		boolean includeUsage = flag(root.path("stream_options").get("include_usage"), "stream_options.include_usage");
		return new GatewayRequest(builder.build(), model, stream, includeUsage);
	}

	private static BigDecimal maxCost(String header) {
		if (header == null) {
			return null;
		}
		try {
			BigDecimal maxCost = new BigDecimal(header.trim());
			if (maxCost.signum() >= 0) {
				return maxCost;
			}
		}
		catch (NumberFormatException ex) {
			// refused below
		}
		throw new InvalidGatewayRequestException(MAX_COST,
				"The " + MAX_COST + " header must be a number of US dollars, 0 or more, such as 0.02.");
	}

	private JsonNode parse(String body) {
		if (body == null || body.isBlank()) {
			throw new InvalidGatewayRequestException(null, "The request body must be a JSON object.");
		}
		try {
			JsonNode root = this.objectMapper.readTree(body);
			if (root == null || !root.isObject()) {
				throw new InvalidGatewayRequestException(null, "The request body must be a JSON object.");
			}
			return root;
		}
		catch (JsonProcessingException ex) {
			// the parser's message would quote the body
			throw new InvalidGatewayRequestException(null, "The request body is not valid JSON (line "
					+ ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() + ").");
		}
	}

	private void readMessages(JsonNode messages, ChatRequest.Builder builder) {
		if (messages == null || !messages.isArray() || messages.isEmpty()) {
			throw new InvalidGatewayRequestException("messages", "'messages' must be a non-empty array.");
		}
		List<String> system = new ArrayList<>();
		Map<String, String> toolNames = new HashMap<>();
		for (int i = 0; i < messages.size(); i++) {
			String param = "messages[" + i + "]";
			JsonNode message = messages.get(i);
			if (!message.isObject()) {
				throw new InvalidGatewayRequestException(param, "'" + param + "' must be an object.");
			}
			String role = optionalText(message, "role");
			if (role == null) {
				throw new InvalidGatewayRequestException(param + ".role", "'" + param + ".role' must be set.");
			}
			String content = content(message.get("content"), param + ".content");
			switch (role) {
				case "system", "developer" -> system.add(content);
				case "user" -> builder.message(Message.user(content));
				case "assistant" -> builder.message(assistant(message, content, param, toolNames));
				case "tool" -> builder.message(toolResult(message, content, param, toolNames));
				default -> throw new InvalidGatewayRequestException(param + ".role", "'" + param
						+ ".role' must be one of system, developer, user, assistant, tool; was '" + role + "'.");
			}
		}
		if (!system.isEmpty()) {
			builder.system(String.join("\n\n", system));
		}
	}

	private Message assistant(JsonNode message, String content, String param, Map<String, String> toolNames) {
		JsonNode calls = message.get("tool_calls");
		if (calls == null || calls.isNull()) {
			return Message.assistant(content);
		}
		if (!calls.isArray()) {
			throw new InvalidGatewayRequestException(param + ".tool_calls",
					"'" + param + ".tool_calls' must be an array.");
		}
		List<ToolCall> toolCalls = new ArrayList<>();
		for (int j = 0; j < calls.size(); j++) {
			String callParam = param + ".tool_calls[" + j + "]";
			JsonNode function = calls.get(j).path("function");
			String id = optionalText(calls.get(j), "id");
			String name = optionalText(function, "name");
			if (id == null || name == null) {
				throw new InvalidGatewayRequestException(callParam,
						"'" + callParam + "' must have an 'id' and a 'function.name'.");
			}
			String callId = SignedToolCallIds.callId(id);
			toolNames.put(callId, name);
			toolCalls
				.add(new ToolCall(callId, name, optionalText(function, "arguments"), SignedToolCallIds.signature(id)));
		}
		return Message.assistant(content, toolCalls);
	}

	private Message toolResult(JsonNode message, String content, String param, Map<String, String> toolNames) {
		String id = optionalText(message, "tool_call_id");
		if (id == null) {
			throw new InvalidGatewayRequestException(param + ".tool_call_id",
					"'" + param + ".tool_call_id' must be set for a tool message.");
		}
		String callId = SignedToolCallIds.callId(id);
		String name = toolNames.getOrDefault(callId, optionalText(message, "name"));
		return Message.toolResult(callId, name, content);
	}

	private String content(JsonNode content, String param) {
		if (content == null || content.isNull()) {
			return "";
		}
		if (content.isTextual()) {
			return content.asText();
		}
		if (!content.isArray()) {
			throw new InvalidGatewayRequestException(param, "'" + param + "' must be a string or an array of parts.");
		}
		StringBuilder text = new StringBuilder();
		for (int j = 0; j < content.size(); j++) {
			JsonNode part = content.get(j);
			String type = optionalText(part, "type");
			if (!"text".equals(type) || !part.path("text").isTextual()) {
				throw new InvalidGatewayRequestException(param + "[" + j + "]",
						"'" + param + "[" + j + "]' must be a text part; type '" + type + "' is not supported.");
			}
			text.append(part.get("text").asText());
		}
		return text.toString();
	}

	@SuppressWarnings("unchecked")
	private void readTools(JsonNode tools, ChatRequest.Builder builder) {
		if (tools == null || tools.isNull()) {
			return;
		}
		if (!tools.isArray()) {
			throw new InvalidGatewayRequestException("tools", "'tools' must be an array.");
		}
		for (int i = 0; i < tools.size(); i++) {
			String param = "tools[" + i + "]";
			JsonNode tool = tools.get(i);
			JsonNode function = tool.path("function");
			String name = optionalText(function, "name");
			if (!"function".equals(optionalText(tool, "type")) || name == null) {
				throw new InvalidGatewayRequestException(param,
						"'" + param + "' must have type 'function' and a 'function.name'.");
			}
			JsonNode parameters = function.get("parameters");
			Map<String, Object> schema = (parameters != null && parameters.isObject())
					? this.objectMapper.convertValue(parameters, LinkedHashMap.class) : null;
			builder.tool(new ToolDefinition(name, optionalText(function, "description"), schema));
		}
	}

	/**
	 * OpenAI's {@code tool_choice}: {@code auto}, {@code none}, {@code required}, or a
	 * function to call as {@code {"type":"function","function":{"name":...}}}.
	 */
	private static ToolChoice toolChoice(JsonNode choice) {
		if (choice == null || choice.isNull()) {
			return null;
		}
		if (choice.isTextual()) {
			return switch (choice.asText()) {
				case "auto" -> ToolChoice.auto();
				case "none" -> ToolChoice.none();
				case "required" -> ToolChoice.required();
				default -> throw invalidToolChoice();
			};
		}
		String name = choice.path("function").path("name").asText(null);
		if (!"function".equals(choice.path("type").asText(null)) || name == null || name.isBlank()) {
			throw invalidToolChoice();
		}
		return ToolChoice.tool(name);
	}

	private static InvalidGatewayRequestException invalidToolChoice() {
		return new InvalidGatewayRequestException("tool_choice",
				"'tool_choice' must be auto, none, required or {\"type\":\"function\",\"function\":{\"name\":...}}.");
	}

	/**
	 * OpenAI's {@code response_format}: {@code text} (the default), {@code json_object},
	 * or {@code json_schema} with a {@code json_schema.name} and {@code .schema}.
	 */
	@SuppressWarnings("unchecked")
	private ResponseFormat responseFormat(JsonNode format) {
		if (format == null || format.isNull()) {
			return null;
		}
		String type = format.isObject() ? optionalText(format, "type") : null;
		if ("text".equals(type)) {
			return null;
		}
		if ("json_object".equals(type)) {
			return ResponseFormat.json();
		}
		if (!"json_schema".equals(type)) {
			throw new InvalidGatewayRequestException("response_format",
					"'response_format.type' must be one of text, json_object, json_schema.");
		}
		JsonNode jsonSchema = format.path("json_schema");
		String name = optionalText(jsonSchema, "name");
		if (name == null || !jsonSchema.path("schema").isObject() || jsonSchema.get("schema").isEmpty()) {
			throw new InvalidGatewayRequestException("response_format.json_schema",
					"'response_format.json_schema' must have a 'name' and a non-empty 'schema' object.");
		}
		Map<String, Object> schema = this.objectMapper.convertValue(jsonSchema.get("schema"), LinkedHashMap.class);
		boolean strict = flag(jsonSchema.get("strict"), "response_format.json_schema.strict");
		try {
			return strict ? ResponseFormat.strictJsonSchema(name, schema) : ResponseFormat.jsonSchema(name, schema);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidGatewayRequestException("response_format.json_schema.name",
					"'response_format.json_schema.name' must be 1 to 64 of a-z, A-Z, 0-9, _ and -.");
		}
	}

	private static Integer maxTokens(JsonNode root) {
		String param = root.hasNonNull("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
		JsonNode value = root.get(param);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() <= 0) {
			throw new InvalidGatewayRequestException(param, "'" + param + "' must be a positive integer.");
		}
		return value.asInt();
	}

	private static Double temperature(JsonNode value) {
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 2) {
			throw new InvalidGatewayRequestException("temperature", "'temperature' must be a number between 0 and 2.");
		}
		return value.asDouble();
	}

	private static List<String> stop(JsonNode value) {
		if (value == null || value.isNull()) {
			return List.of();
		}
		if (value.isTextual()) {
			return List.of(value.asText());
		}
		List<String> stops = new ArrayList<>();
		if (value.isArray()) {
			value.forEach((stop) -> stops.add(stop.isTextual() ? stop.asText() : null));
		}
		if (!value.isArray() || stops.contains(null)) {
			throw new InvalidGatewayRequestException("stop", "'stop' must be a string or an array of strings.");
		}
		return stops;
	}

	private static boolean flag(JsonNode value, String param) {
		if (value == null || value.isNull()) {
			return false;
		}
		if (!value.isBoolean()) {
			throw new InvalidGatewayRequestException(param, "'" + param + "' must be a boolean.");
		}
		return value.asBoolean();
	}

	private static String optionalText(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isTextual()) {
			throw new InvalidGatewayRequestException(field, "'" + field + "' must be a string.");
		}
		return value.asText();
	}

}
