package dev.llmfallback.redis;

import java.math.BigDecimal;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.llmfallback.ChatResponse;
import dev.llmfallback.DegradationLevel;
import dev.llmfallback.FinishReason;
import dev.llmfallback.Usage;

/**
 * The JSON form of a cached answer on Redis, version 1:
 * {@code {"v":1,"text":"…","finishReason":"STOP","usage":{"input":12,"output":30,"cachedInput":0},"cost":"0.0004","provider":"openai","model":"gpt-4o","level":"FULL"}}.
 * A value of another version, or one that does not parse, reads as a miss, so instances
 * of different versions can share one Redis during a rolling upgrade. Fields a later
 * version adds are ignored.
 */
public class CachedAnswerFormat {

	/** The version this class writes and reads. */
	public static final int VERSION = 1;

	private final ObjectMapper mapper;

	/**
	 * Create the format.
	 * @param mapper the mapper that writes and reads the JSON
	 */
	public CachedAnswerFormat(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Write an answer.
	 * @param response the answer
	 * @return its JSON
	 */
	public String write(ChatResponse response) {
		ObjectNode node = this.mapper.createObjectNode();
		node.put("v", VERSION);
		node.put("text", response.text());
		node.put("finishReason", response.finishReason().name());
		ObjectNode usage = node.putObject("usage");
		usage.put("input", response.usage().inputTokens());
		usage.put("output", response.usage().outputTokens());
		usage.put("cachedInput", response.usage().cachedInputTokens());
		response.cost().ifPresent((cost) -> node.put("cost", cost.toPlainString()));
		node.put("provider", response.provider());
		node.put("model", response.model());
		node.put("level", response.level().name());
		try {
			return this.mapper.writeValueAsString(node);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Cannot write a cached answer", ex);
		}
	}

	/**
	 * Read an answer.
	 * @param json the stored JSON
	 * @return the answer, or empty for another version or a value that does not parse
	 */
	public Optional<ChatResponse> read(String json) {
		try {
			JsonNode node = this.mapper.readTree(json);
			if (node == null || node.path("v").asInt(-1) != VERSION || !node.path("text").isTextual()) {
				return Optional.empty();
			}
			JsonNode usage = node.path("usage");
			ChatResponse.Builder builder = ChatResponse.builder()
				.text(node.path("text").asText())
				.finishReason(FinishReason.valueOf(node.path("finishReason").asText()))
				.usage(new Usage(usage.path("input").asLong(), usage.path("output").asLong(),
						usage.path("cachedInput").asLong()))
				.provider(text(node, "provider"))
				.model(text(node, "model"))
				.level(DegradationLevel.valueOf(node.path("level").asText()));
			if (node.hasNonNull("cost")) {
				builder.cost(new BigDecimal(node.path("cost").asText()));
			}
			return Optional.of(builder.build());
		}
		catch (JsonProcessingException | IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static String text(JsonNode node, String field) {
		return node.hasNonNull(field) ? node.get(field).asText() : null;
	}

}
