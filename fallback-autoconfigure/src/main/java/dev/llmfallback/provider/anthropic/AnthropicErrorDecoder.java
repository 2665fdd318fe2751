package dev.llmfallback.provider.anthropic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.provider.ErrorDecoder;
import dev.llmfallback.provider.ProviderErrors;
import dev.llmfallback.provider.ProviderSettings;
import org.springframework.http.HttpHeaders;

/**
 * Classifies Anthropic's errors, from an HTTP error response or from an {@code error}
 * event inside a stream: by {@code error.type} first, refined by the message for the
 * context-window and billing cases, by HTTP status when the body is not Anthropic's.
 */
class AnthropicErrorDecoder implements ErrorDecoder {

	private static final String RATE_LIMIT_PREFIX = "anthropic-ratelimit-";

	private static final String RESET_SUFFIX = "-reset";

	private final ProviderSettings settings;

	private final ObjectMapper objectMapper;

	AnthropicErrorDecoder(ProviderSettings settings, ObjectMapper objectMapper) {
		this.settings = settings;
		this.objectMapper = objectMapper;
	}

	@Override
	public LlmException decode(int status, HttpHeaders headers, String body) {
		ErrorResponse response = parse(body);
		ErrorDetail error = (response != null) ? response.error() : null;
		String requestId = headers.getFirst("request-id");
		if (requestId == null && response != null) {
			requestId = response.requestId();
		}
		ErrorKind kind = kind(status, error);
		Duration retryAfter = ProviderErrors.retryAfter(headers);
		if (retryAfter == null && kind == ErrorKind.RATE_LIMITED) {
			retryAfter = untilReset(headers);
		}
		String detail = (error != null) ? detail(error, requestId) : withRequestId(
				(body == null || body.isBlank()) ? "empty error body" : "non-JSON error body", requestId);
		return new LlmException(kind, this.settings.name(), status, retryAfter, ProviderErrors.shouldRetry(headers),
				detail, null);
	}

	/**
	 * Classify an {@code error} event received inside a 200 stream, the same way as the
	 * HTTP error with that {@code error.type}; there is no error status to report.
	 * @param error the event's error
	 * @return the exception
	 */
	LlmException decodeEvent(ErrorDetail error) {
		ErrorDetail safe = (error != null) ? error : new ErrorDetail(null, null);
		return new LlmException(kind(null, safe), this.settings.name(), null, null, detail(safe, null), null);
	}

	private ErrorResponse parse(String body) {
		if (body == null || body.isBlank()) {
			return null;
		}
		try {
			ErrorResponse response = this.objectMapper.readValue(body, ErrorResponse.class);
			return (response != null && response.error() != null) ? response : null;
		}
		catch (JsonProcessingException | RuntimeException ex) {
			return null;
		}
	}

	private static ErrorKind kind(Integer status, ErrorDetail error) {
		String type = (error != null) ? error.type() : null;
		String message = (error != null && error.message() != null) ? error.message().toLowerCase(Locale.ROOT) : "";
		if ("billing_error".equals(type) || message.contains("credit balance")) {
			return ErrorKind.QUOTA_EXCEEDED;
		}
		if (type == null) {
			return byStatus(status);
		}
		return switch (type) {
			case "invalid_request_error", "request_too_large" -> isContextLength(message) ? ErrorKind.CONTEXT_LENGTH
					: isContentPolicy(message) ? ErrorKind.CONTENT_POLICY : ErrorKind.BAD_REQUEST;
			case "authentication_error" -> ErrorKind.AUTHENTICATION;
			case "permission_error" -> ErrorKind.PERMISSION;
			case "not_found_error" -> ErrorKind.NOT_FOUND;
			case "rate_limit_error" -> ErrorKind.RATE_LIMITED;
			case "api_error" -> ErrorKind.SERVER_ERROR;
			case "overloaded_error" -> ErrorKind.OVERLOADED;
			case "timeout_error" -> ErrorKind.TIMEOUT;
			default -> byStatus(status);
		};
	}

	private static ErrorKind byStatus(Integer status) {
		// An unknown error event in a 200 stream is a server-side failure.
		return (status != null) ? ProviderErrors.kindForStatus(status) : ErrorKind.SERVER_ERROR;
	}

	private static boolean isContextLength(String message) {
		return message.contains("prompt is too long") || message.contains("context window")
				|| message.contains("context limit") || message.contains("context length");
	}

	private static boolean isContentPolicy(String message) {
		return message.contains("content filtering policy");
	}

	/**
	 * When no {@code retry-after} is sent: the latest reset of the buckets reported as
	 * exhausted (all of them must refill), else the earliest reset of any bucket.
	 */
	private static Duration untilReset(HttpHeaders headers) {
		List<Duration> exhausted = new ArrayList<>();
		List<Duration> all = new ArrayList<>();
		for (String name : headers.keySet()) {
			String lower = name.toLowerCase(Locale.ROOT);
			if (!lower.startsWith(RATE_LIMIT_PREFIX) || !lower.endsWith(RESET_SUFFIX)) {
				continue;
			}
			Duration reset = ProviderErrors.untilInstant(headers.getFirst(name));
			if (reset == null) {
				continue;
			}
			all.add(reset);
			String bucket = lower.substring(0, lower.length() - RESET_SUFFIX.length());
			if (isZero(headers.getFirst(bucket + "-remaining"))) {
				exhausted.add(reset);
			}
		}
		if (!exhausted.isEmpty()) {
			return exhausted.stream().max(Duration::compareTo).get();
		}
		return all.stream().min(Duration::compareTo).orElse(null);
	}

	private static boolean isZero(String remaining) {
		try {
			return remaining != null && Long.parseLong(remaining.trim()) <= 0;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private String detail(ErrorDetail error, String requestId) {
		String type = (error.type() != null) ? error.type() : "error";
		String text = withRequestId(type, requestId);
		if (error.message() != null && !error.message().isBlank()) {
			text = text + ": " + error.message();
		}
		return ProviderErrors.redact(text, this.settings.apiKey());
	}

	private String withRequestId(String text, String requestId) {
		String value = (requestId != null && !requestId.isBlank()) ? text + " (request-id " + requestId + ")" : text;
		return ProviderErrors.redact(value, this.settings.apiKey());
	}

}
