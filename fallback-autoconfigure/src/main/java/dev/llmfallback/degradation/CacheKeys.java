package dev.llmfallback.degradation;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.Message;
import dev.llmfallback.ResponseFormat;
import dev.llmfallback.ToolCall;
import dev.llmfallback.ToolChoice;
import dev.llmfallback.ToolDefinition;

/**
 * The key a request's answer is cached under: a SHA-256 of the normalised request (system
 * prompt, messages, tools, temperature, output limit, stop sequences, response format,
 * tool choice), independent of the provider and of map ordering. Each field is fed to the
 * digest with its length, so no two different requests share an encoding. The prompt text
 * itself is never part of a key.
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
		digest.start();
		digest.field(request.system());
		digest.field((request.temperature() != null) ? Double.doubleToLongBits(request.temperature()) : null);
		digest.field((request.maxTokens() != null) ? (long) request.maxTokens() : null);
		List<String> stops = request.stopSequences();
		digest.field((long) stops.size());
		for (String stop : stops) {
			digest.field(stop);
		}
		digest.field((long) request.messages().size());
		for (Message message : request.messages()) {
			digest.field(message.role().name());
			digest.field(message.content());
			digest.field(message.toolCallId());
			digest.field((long) message.toolCalls().size());
			for (ToolCall call : message.toolCalls()) {
				digest.field(call.id());
				digest.field(call.name());
				digest.field(call.arguments());
			}
		}
		digest.field((long) request.tools().size());
		for (ToolDefinition tool : request.tools()) {
			digest.field(tool.name());
			digest.field(tool.description());
			digest.field(canonical(tool.parameters(), "tool '" + tool.name() + "'"));
		}
		// last and only when set, so that the keys of requests without one stay as they
		// were
		ResponseFormat format = request.responseFormat();
		if (format != null) {
			digest.field(format.type().name());
			if (format.schema() != null) {
				digest.field(format.name());
				digest.field(format.strict() ? 1L : 0L);
				digest.field(canonical(format.schema(), "response format '" + format.name() + "'"));
			}
		}
		ToolChoice choice = request.toolChoice();
		if (choice != null) {
			digest.field(choice.mode().name());
			digest.field(choice.name());
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static String canonical(Map<String, Object> schema, String what) {
		try {
			return CANONICAL.writeValueAsString(schema);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Cannot compute the cache key of " + what, ex);
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
	 * A thread's digest and the buffer a key's fields are written into, read by the
	 * digest at once: no copy of the prompt, no call to the digest per byte.
	 */
	private static final class KeyDigest {

		/** Longer strings are copied rather than kept in a buffer that outlives them. */
		private static final int MAX_BUFFER = 64 * 1024;

		private final MessageDigest sha256 = sha256();

		private final byte[] hash = new byte[32];

		private byte[] buffer = new byte[1024];

		private int position;

		/** Forget what a key that failed half-way (an unserializable tool) left. */
		void start() {
			this.sha256.reset();
			this.position = 0;
		}

		/**
		 * A string: absent, or its length in bytes and its bytes as
		 * {@code getBytes(StandardCharsets.UTF_8)} gives them (a lone surrogate is
		 * {@code ?}).
		 */
		void field(String value) {
			if (value == null) {
				room(1);
				this.buffer[this.position++] = 0;
				return;
			}
			int length = value.length();
			if (3 * length > MAX_BUFFER) {
				byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
				room(5);
				this.buffer[this.position++] = 1;
				bigEndian(bytes.length, 4);
				flush();
				this.sha256.update(bytes);
				return;
			}
			room(5 + 3 * length);
			byte[] out = this.buffer;
			int lengthAt = this.position + 1;
			int n = lengthAt + 4;
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
			out[this.position] = 1;
			this.position = lengthAt;
			bigEndian(n - lengthAt - 4, 4);
			this.position = n;
		}

		/** A number: absent, or its eight bytes. */
		void field(Long value) {
			room(9);
			if (value == null) {
				this.buffer[this.position++] = 0;
				return;
			}
			this.buffer[this.position++] = 2;
			bigEndian(value, 8);
		}

		/**
		 * The digest of the fields written since the last one, ready for the next key.
		 */
		byte[] digest() {
			flush();
			try {
				this.sha256.digest(this.hash, 0, this.hash.length);
			}
			catch (DigestException ex) {
				throw new IllegalStateException("SHA-256 digest failed", ex);
			}
			return this.hash;
		}

		private void bigEndian(long value, int count) {
			for (int shift = 8 * (count - 1); shift >= 0; shift -= 8) {
				this.buffer[this.position++] = (byte) (value >>> shift);
			}
		}

		private void room(int bytes) {
			if (this.position + bytes > this.buffer.length) {
				flush();
				if (bytes > this.buffer.length) {
					this.buffer = new byte[bytes];
				}
			}
		}

		private void flush() {
			this.sha256.update(this.buffer, 0, this.position);
			this.position = 0;
		}

	}

}
