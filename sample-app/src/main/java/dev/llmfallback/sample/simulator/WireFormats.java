package dev.llmfallback.sample.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The simulated answers and errors, in each provider's real wire format.
 */
final class WireFormats {

	private WireFormats() {
	}

	static Map<String, Object> openAiAnswer(String model, List<String> words, int inputTokens) {
		return Map
			.of("id", "chatcmpl-sim", "object", "chat.completion", "created", 1, "model", model, "choices",
					List.of(Map.of("index", 0, "message",
							Map.of("role", "assistant", "content", String.join("", words)), "finish_reason", "stop")),
					"usage", openAiUsage(inputTokens, words.size()));
	}

	static List<String> openAiStream(String model, List<String> words, int inputTokens) {
		List<Object> events = new ArrayList<>();
		events.add(openAiChunk(model, Map.of("role", "assistant", "content", ""), null));
		words.forEach((word) -> events.add(openAiChunk(model, Map.of("content", word), null)));
		events.add(openAiChunk(model, Map.of(), "stop"));
		events.add(Map.of("id", "chatcmpl-sim", "object", "chat.completion.chunk", "created", 1, "model", model,
				"choices", List.of(), "usage", openAiUsage(inputTokens, words.size())));
		List<String> lines = new ArrayList<>(
				events.stream().map(Json::write).map((data) -> "data: " + data + "\n\n").toList());
		lines.add("data: [DONE]\n\n");
		return lines;
	}

	static Map<String, Object> openAiError(int status) {
		String type = switch (status) {
			case 400, 401, 403, 404 -> "invalid_request_error";
			case 429 -> "requests";
			default -> "server_error";
		};
		String code = switch (status) {
			case 400 -> "invalid_value";
			case 401 -> "invalid_api_key";
			case 403 -> "unsupported_country_region_territory";
			case 404 -> "model_not_found";
			case 429 -> "rate_limit_exceeded";
			default -> "server_error";
		};
		return Map.of("error", Map.of("message", "Simulated failure", "type", type, "param", "", "code", code));
	}

	static Map<String, Object> anthropicAnswer(String model, List<String> words, int inputTokens) {
		return Map.of("id", "msg_sim", "type", "message", "role", "assistant", "model", model, "content",
				List.of(Map.of("type", "text", "text", String.join("", words))), "stop_reason", "end_turn", "usage",
				Map.of("input_tokens", inputTokens, "output_tokens", words.size()));
	}

	static List<String> anthropicStream(String model, List<String> words, int inputTokens) {
		List<String> events = new ArrayList<>();
		events.add(anthropicEvent("message_start",
				Map.of("type", "message_start", "message",
						Map.of("id", "msg_sim", "type", "message", "role", "assistant", "model", model, "content",
								List.of(), "usage", Map.of("input_tokens", inputTokens, "output_tokens", 1)))));
		events.add(anthropicEvent("content_block_start", Map.of("type", "content_block_start", "index", 0,
				"content_block", Map.of("type", "text", "text", ""))));
		words.forEach((word) -> events.add(anthropicEvent("content_block_delta", Map.of("type", "content_block_delta",
				"index", 0, "delta", Map.of("type", "text_delta", "text", word)))));
		events.add(anthropicEvent("content_block_stop", Map.of("type", "content_block_stop", "index", 0)));
		events.add(anthropicEvent("message_delta", Map.of("type", "message_delta", "delta",
				Map.of("stop_reason", "end_turn"), "usage", Map.of("output_tokens", words.size()))));
		events.add(anthropicEvent("message_stop", Map.of("type", "message_stop")));
		return events;
	}

	static Map<String, Object> anthropicError(int status) {
		String type = switch (status) {
			case 400 -> "invalid_request_error";
			case 401 -> "authentication_error";
			case 403 -> "permission_error";
			case 404 -> "not_found_error";
			case 413 -> "request_too_large";
			case 429 -> "rate_limit_error";
			case 529 -> "overloaded_error";
			default -> "api_error";
		};
		return Map.of("type", "error", "error", Map.of("type", type, "message", "Simulated failure"));
	}

	static Map<String, Object> geminiAnswer(String model, List<String> words, int inputTokens) {
		return geminiChunk(model, String.join("", words), "STOP", inputTokens, words.size());
	}

	static List<String> geminiStream(String model, List<String> words, int inputTokens) {
		List<String> events = new ArrayList<>();
		for (int i = 0; i < words.size(); i++) {
			boolean last = i == words.size() - 1;
			Map<String, Object> chunk = geminiChunk(model, words.get(i), last ? "STOP" : null, inputTokens, i + 1);
			events.add("data: " + Json.write(chunk) + "\r\n\r\n");
		}
		return events;
	}

	static Map<String, Object> geminiError(int status) {
		String code = switch (status) {
			case 400 -> "INVALID_ARGUMENT";
			case 401 -> "UNAUTHENTICATED";
			case 403 -> "PERMISSION_DENIED";
			case 404 -> "NOT_FOUND";
			case 429 -> "RESOURCE_EXHAUSTED";
			case 503 -> "UNAVAILABLE";
			case 504 -> "DEADLINE_EXCEEDED";
			default -> "INTERNAL";
		};
		return Map.of("error", Map.of("code", status, "message", "Simulated failure", "status", code));
	}

	private static Map<String, Object> openAiChunk(String model, Map<String, Object> delta, String finishReason) {
		Map<String, Object> choice = new java.util.LinkedHashMap<>();
		choice.put("index", 0);
		choice.put("delta", delta);
		choice.put("finish_reason", finishReason);
		return Map.of("id", "chatcmpl-sim", "object", "chat.completion.chunk", "created", 1, "model", model, "choices",
				List.of(choice));
	}

	private static Map<String, Object> openAiUsage(int inputTokens, int outputTokens) {
		return Map.of("prompt_tokens", inputTokens, "completion_tokens", outputTokens, "total_tokens",
				inputTokens + outputTokens);
	}

	private static String anthropicEvent(String name, Map<String, Object> data) {
		return "event: " + name + "\ndata: " + Json.write(data) + "\n\n";
	}

	private static Map<String, Object> geminiChunk(String model, String text, String finishReason, int inputTokens,
			int outputTokens) {
		Map<String, Object> candidate = new java.util.LinkedHashMap<>();
		candidate.put("content", Map.of("role", "model", "parts", List.of(Map.of("text", text))));
		if (finishReason != null) {
			candidate.put("finishReason", finishReason);
		}
		candidate.put("index", 0);
		return Map.of(
				"candidates", List.of(candidate), "usageMetadata", Map.of("promptTokenCount", inputTokens,
						"candidatesTokenCount", outputTokens, "totalTokenCount", inputTokens + outputTokens),
				"modelVersion", model);
	}

}
