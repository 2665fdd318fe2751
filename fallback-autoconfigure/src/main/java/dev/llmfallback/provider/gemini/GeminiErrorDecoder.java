package dev.llmfallback.provider.gemini;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.provider.ErrorDecoder;
import dev.llmfallback.provider.ProviderErrors;
import dev.llmfallback.provider.ProviderSettings;
import org.springframework.http.HttpHeaders;

/**
 * Classifies Gemini's {@code google.rpc.Status} errors
 * ({@code {"error":{"code","message","status","details"}}}) by canonical status, then by
 * HTTP status. A bad key is a 400 {@code INVALID_ARGUMENT} with the {@code ErrorInfo}
 * reason {@code API_KEY_INVALID}; a 429 names its delay in {@code RetryInfo} and its
 * quota in {@code QuotaFailure}.
 */
final class GeminiErrorDecoder implements ErrorDecoder {

	private static final Pattern CONTEXT_LENGTH = Pattern.compile(
			"input token count.*exceed|exceeds the maximum number of tokens|context (length|window)|too many tokens");

	private static final Pattern RETRY_IN = Pattern.compile("retry in (\\d+(?:\\.\\d+)?s)");

	private static final int MAX_MESSAGE_LENGTH = 160;

	private final ProviderSettings settings;

	private final ObjectMapper objectMapper;

	GeminiErrorDecoder(ProviderSettings settings, ObjectMapper objectMapper) {
		this.settings = settings;
		this.objectMapper = objectMapper;
	}

	@Override
	public LlmException decode(int status, HttpHeaders headers, String body) {
		JsonNode error = errorObject(body);
		if (error == null) {
			return new LlmException(ProviderErrors.kindForStatus(status), this.settings.name(), status,
					ProviderErrors.retryAfter(headers), "HTTP " + status + " without a Google error body", null);
		}
		String code = error.path("status").asText("");
		String message = error.path("message").asText("");
		GeminiErrorDetails details = GeminiErrorDetails.of(error.path("details"));
		ErrorKind kind = classify(status, code, message, details);
		return new LlmException(kind, this.settings.name(), status, retryAfter(headers, message, details),
				detail(code, message, details), null);
	}

	/**
	 * Classify an error object found in a successful response, such as an error event
	 * inside a stream.
	 * @param code the error's {@code code}, an HTTP status
	 * @param body the JSON holding the error
	 * @return the exception
	 */
	LlmException decode(int code, String body) {
		return decode(code, HttpHeaders.EMPTY, body);
	}

	private JsonNode errorObject(String body) {
		if (body == null || body.isBlank()) {
			return null;
		}
		try {
			JsonNode tree = this.objectMapper.readTree(body);
			// Without alt=sse, errors can come as an array of one Status.
			JsonNode root = (tree != null && tree.isArray() && !tree.isEmpty()) ? tree.get(0) : tree;
			JsonNode error = (root != null) ? root.path("error") : null;
			return (error != null && error.isObject()) ? error : null;
		}
		catch (JsonProcessingException ex) {
			return null;
		}
	}

	private static ErrorKind classify(int status, String code, String message, GeminiErrorDetails details) {
		if ("API_KEY_INVALID".equals(details.reason()) || "API_KEY_EXPIRED".equals(details.reason())) {
			return ErrorKind.AUTHENTICATION;
		}
		return switch (code) {
			case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE" ->
				CONTEXT_LENGTH.matcher(message.toLowerCase(Locale.ROOT)).find() ? ErrorKind.CONTEXT_LENGTH
						: ErrorKind.BAD_REQUEST;
			case "UNAUTHENTICATED" -> ErrorKind.AUTHENTICATION;
			case "PERMISSION_DENIED" -> ErrorKind.PERMISSION;
			case "NOT_FOUND" -> ErrorKind.NOT_FOUND;
			case "RESOURCE_EXHAUSTED" -> details.isLongTermQuota() ? ErrorKind.QUOTA_EXCEEDED : ErrorKind.RATE_LIMITED;
			case "UNAVAILABLE", "INTERNAL", "UNKNOWN", "DATA_LOSS" -> ErrorKind.SERVER_ERROR;
			case "DEADLINE_EXCEEDED" -> ErrorKind.TIMEOUT;
			default -> ProviderErrors.kindForStatus(status);
		};
	}

	private static Duration retryAfter(HttpHeaders headers, String message, GeminiErrorDetails details) {
		if (details.retryDelay() != null) {
			return details.retryDelay();
		}
		Duration header = ProviderErrors.retryAfter(headers);
		if (header != null) {
			return header;
		}
		Matcher hint = RETRY_IN.matcher(message);
		return hint.find() ? ProviderErrors.goDuration(hint.group(1)) : null;
	}

	private String detail(String code, String message, GeminiErrorDetails details) {
		StringBuilder detail = new StringBuilder(code.isEmpty() ? "UNKNOWN_STATUS" : code);
		if (details.reason() != null) {
			detail.append(' ').append(details.reason());
		}
		details.quotaIds().forEach((quotaId) -> detail.append(' ').append(quotaId));
		// Redact before cutting, so that no part of a key survives the cut.
		String safeMessage = ProviderErrors.redact(message, this.settings.apiKey());
		if (!safeMessage.isEmpty()) {
			String shortMessage = (safeMessage.length() > MAX_MESSAGE_LENGTH)
					? safeMessage.substring(0, MAX_MESSAGE_LENGTH) + "..." : safeMessage;
			detail.append(": ").append(shortMessage);
		}
		return ProviderErrors.redact(detail.toString(), this.settings.apiKey());
	}

}
