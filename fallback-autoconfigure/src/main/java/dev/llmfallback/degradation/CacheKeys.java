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
	private static final ThreadLocal<KeyDigest> DIGESTS = ThreadLocal.withInitial(KeyDigest::new);

	private CacheKeys() {
	}

	/**
	 * The key of a request.
	 * @param request the request
	 * @return a hexadecimal SHA-256
	 */
	public static String of(ChatRequest request) {
		KeyDigest digest = DIGESTS.get();
		digest.reset();
		field(digest, request.system());
		field(digest, (request.temperature() != null) ? Double.doubleToLongBits(request.temperature()) : null);
		field(digest, (request.maxTokens() != null) ? (long) request.maxTokens() : null);
		List<String> stops = request.stopSequences();
		field(digest, (long) stops.size());
		for (String stop : stops) {
			field(digest, stop);
		}
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
		return HexFormat.of().formatHex(digest.sha256.digest());
	}

	private static void field(KeyDigest digest, String value) {
		if (value == null) {
			digest.sha256.update((byte) 0);
			return;
		}
		digest.sha256.update((byte) 1);
		digest.utf8(value);
	}

	private static void field(KeyDigest digest, Long value) {
		if (value == null) {
			digest.sha256.update((byte) 0);
			return;
		}
		digest.sha256.update((byte) 2);
		digest.bytes(value, 8);
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

	/**
	 * A thread's digest and the buffer strings are encoded into before the digest reads
	 * them, so that a key costs no copy of the prompt.
	 */
	private static final class KeyDigest {

		private final MessageDigest sha256 = sha256();

		/** Longer strings are copied rather than kept in a buffer that outlives them. */
		private static final int MAX_BUFFER = 64 * 1024;

		private byte[] buffer = new byte[1024];

		void reset() {
			this.sha256.reset();
		}

		/**
		 * Feed a string's length in bytes and its bytes, as
		 * {@code getBytes(StandardCharsets.UTF_8)} would give them (a lone surrogate is
		 * {@code ?}).
		 */
		void utf8(String value) {
			int length = value.length();
			if (3 * length > MAX_BUFFER) {
				byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
				bytes(bytes.length, 4);
				this.sha256.update(bytes);
				return;
			}
			if (this.buffer.length < 3 * length) {
				this.buffer = new byte[3 * length];
			}
			byte[] out = this.buffer;
			int n = 0;
			for (int i = 0; i < length; i++) {
				char c = value.charAt(i);
				if (c < 0x80) {
					out[n++] = (byte) c;
				}
				else if (c < 0x800) {
					out[n++] = (byte) (0xC0 | (c >> 6));
					out[n++] = (byte) (0x80 | (c & 0x3F));
				}
				else if (Character.isHighSurrogate(c) && i + 1 < length
						&& Character.isLowSurrogate(value.charAt(i + 1))) {
					int codePoint = Character.toCodePoint(c, value.charAt(++i));
					out[n++] = (byte) (0xF0 | (codePoint >> 18));
					out[n++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
					out[n++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
					out[n++] = (byte) (0x80 | (codePoint & 0x3F));
				}
				else if (Character.isSurrogate(c)) {
					out[n++] = '?';
				}
				else {
					out[n++] = (byte) (0xE0 | (c >> 12));
					out[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
					out[n++] = (byte) (0x80 | (c & 0x3F));
				}
			}
			bytes(n, 4);
			this.sha256.update(out, 0, n);
		}

		void bytes(long value, int count) {
			for (int shift = 8 * (count - 1); shift >= 0; shift -= 8) {
				this.sha256.update((byte) (value >>> shift));
			}
		}

	}

}
