package dev.llmfallback.degradation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.Message;
import dev.llmfallback.ToolDefinition;

/**
 * The key a request's answer is cached under: a SHA-256 of the normalised request (system
 * prompt, messages, tools, temperature, output limit, stop sequences), independent of the
 * provider and of map ordering. The prompt text itself is never part of a key.
 */
public final class CacheKeys {

	private static final ObjectMapper CANONICAL = JsonMapper.builder()
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	private CacheKeys() {
	}

	/**
	 * The key of a request.
	 * @param request the request
	 * @return a hexadecimal SHA-256
	 */
	public static String of(ChatRequest request) {
		Map<String, Object> normalised = new LinkedHashMap<>();
		normalised.put("system", request.system());
		normalised.put("messages", request.messages().stream().map(CacheKeys::message).toList());
		normalised.put("tools", request.tools().stream().map(CacheKeys::tool).toList());
		normalised.put("temperature", request.temperature());
		normalised.put("maxTokens", request.maxTokens());
		normalised.put("stop", request.stopSequences());
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(CANONICAL.writeValueAsString(normalised).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (JsonProcessingException | NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Cannot compute the cache key of a request", ex);
		}
	}

	private static Map<String, Object> message(Message message) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("role", message.role());
		map.put("content", message.content());
		map.put("toolCalls",
				message.toolCalls()
					.stream()
					.map((call) -> List.of(String.valueOf(call.id()), call.name(), call.arguments()))
					.toList());
		map.put("toolCallId", message.toolCallId());
		return map;
	}

	private static Map<String, Object> tool(ToolDefinition tool) {
		return Map.of("name", tool.name(), "description", tool.description(), "parameters", tool.parameters());
	}

}
