package dev.llmfallback.degradation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.Message;
import dev.llmfallback.ToolCall;
import dev.llmfallback.ToolDefinition;

/**
 * The key a request's answer is cached under: a SHA-256 of the normalised request (system
 * prompt, messages, tools, temperature, output limit, stop sequences), independent of the
 * provider and of map ordering. Each field is fed to the digest with its length, so no
 * two different requests share an encoding. The prompt text itself is never part of a
 * key.
 */
public final class CacheKeys {

	private static final ObjectMapper CANONICAL = JsonMapper.builder()
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	/**
	 * Every answer is stored under its key: one digest per thread, reset for each key.
	 */
	private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(CacheKeys::sha256);

	private CacheKeys() {
	}

	/**
	 * The key of a request.
	 * @param request the request
	 * @return a hexadecimal SHA-256
	 */
	public static String of(ChatRequest request) {
		MessageDigest digest = DIGESTS.get();
		digest.reset();
		field(digest, request.system());
		field(digest, (request.temperature() != null) ? Double.doubleToLongBits(request.temperature()) : null);
		field(digest, (request.maxTokens() != null) ? (long) request.maxTokens() : null);
		List<String> stops = request.stopSequences();
		field(digest, (long) stops.size());
		stops.forEach((stop) -> field(digest, stop));
		field(digest, (long) request.messages().size());
		for (Message message : request.messages()) {
			field(digest, message.role().name());
			field(digest, message.content());
			field(digest, message.toolCallId());
			field(digest, (long) message.toolCalls().size());
			for (ToolCall call : message.toolCalls()) {
				field(digest, call.id());
				field(digest, call.name());
				field(digest, call.arguments());
			}
		}
		field(digest, (long) request.tools().size());
		for (ToolDefinition tool : request.tools()) {
			field(digest, tool.name());
			field(digest, tool.description());
			field(digest, canonical(tool));
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static void field(MessageDigest digest, String value) {
		if (value == null) {
			digest.update((byte) 0);
			return;
		}
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		digest.update((byte) 1);
		digestBytes(digest, bytes.length, 4);
		digest.update(bytes);
	}

	private static void field(MessageDigest digest, Long value) {
		if (value == null) {
			digest.update((byte) 0);
			return;
		}
		digest.update((byte) 2);
		digestBytes(digest, value, 8);
	}

	private static void digestBytes(MessageDigest digest, long value, int count) {
		for (int shift = 8 * (count - 1); shift >= 0; shift -= 8) {
			digest.update((byte) (value >>> shift));
		}
	}

	private static String canonical(ToolDefinition tool) {
		try {
			return CANONICAL.writeValueAsString(tool.parameters());
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Cannot compute the cache key of tool '" + tool.name() + "'", ex);
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
