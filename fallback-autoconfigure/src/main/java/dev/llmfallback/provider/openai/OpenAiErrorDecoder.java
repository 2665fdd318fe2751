package dev.llmfallback.provider.openai;

import java.time.Duration;
import java.util.Locale;

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
 * Classifies OpenAI errors, {@code {"error":{"message","type","param","code"}}}, by HTTP
 * status first and then by {@code error.code}; the same rules apply to an error payload
 * inside a successful stream.
 */
final class OpenAiErrorDecoder implements ErrorDecoder {

	private final ProviderSettings settings;

	private final ObjectMapper objectMapper;

	OpenAiErrorDecoder(ProviderSettings settings, ObjectMapper objectMapper) {
		this.settings = settings;
		this.objectMapper = objectMapper;
	}

	@Override
	public LlmException decode(int status, HttpHeaders headers, String body) {
		JsonNode error = errorNode(body);
		if (error == null) {
			ErrorKind kind = ProviderErrors.kindForStatus(status);
			String detail = (body == null || body.isBlank()) ? "empty body" : "non-JSON body";
			return failure(kind, status, headers, detail);
		}
		return classify(status, headers, error);
	}

	/**
	 * Classify an error payload found in a successful response or in a stream, where
	 * there is no error status.
	 * @param error the {@code error} value of the payload
	 * @return the exception
	 */
	LlmException decodePayload(JsonNode error) {
		return classify(null, HttpHeaders.EMPTY, error);
	}

	private JsonNode errorNode(String body) {
		if (body == null || body.isBlank()) {
			return null;
		}
		try {
			JsonNode root = this.objectMapper.readTree(body);
			JsonNode error = (root != null) ? root.get("error") : null;
			return (error != null && !error.isNull()) ? error : null;
		}
		catch (JsonProcessingException ex) {
			return null;
		}
	}

	private LlmException classify(Integer status, HttpHeaders headers, JsonNode error) {
		String message = error.isTextual() ? error.asText() : text(error, "message");
		String type = text(error, "type");
		String code = text(error, "code");
		Integer effectiveStatus = (status != null) ? status : numericStatus(code);
		ErrorKind kind = kind(effectiveStatus, lower(code), lower(type), message);
		return failure(kind, status, headers, detail(code, type, message));
	}

	private LlmException failure(ErrorKind kind, Integer status, HttpHeaders headers, String detail) {
		Boolean shouldRetry = ProviderErrors.shouldRetry(headers);
		return new LlmException(kind, this.settings.name(), status, retryAfter(kind, shouldRetry, headers), shouldRetry,
				detail, null);
	}

	private static ErrorKind kind(Integer status, String code, String type, String message) {
		if ("context_length_exceeded".equals(code)
				|| (message != null && message.toLowerCase(Locale.ROOT).contains("maximum context length"))) {
			return ErrorKind.CONTEXT_LENGTH;
		}
		if ("insufficient_quota".equals(code) || "insufficient_quota".equals(type)) {
			return ErrorKind.QUOTA_EXCEEDED;
		}
		return switch (String.valueOf(code)) {
			case "rate_limit_exceeded" -> ErrorKind.RATE_LIMITED;
			case "invalid_api_key" -> ErrorKind.AUTHENTICATION;
			case "model_not_found" -> ErrorKind.NOT_FOUND;
			case "content_filter", "content_policy_violation" -> ErrorKind.CONTENT_POLICY;
			// this model cannot take the request as it stands; another provider may
			case "unsupported_value", "unsupported_parameter" -> ErrorKind.UNSUPPORTED_REQUEST;
			default -> (status != null) ? ProviderErrors.kindForStatus(status) : kindForType(type);
		};
	}

	/**
	 * The kind of an error without a status, from its {@code type}: an unknown error
	 * inside a stream is taken as a server failure.
	 */
	private static ErrorKind kindForType(String type) {
		return switch (String.valueOf(type)) {
			case "invalid_request_error" -> ErrorKind.BAD_REQUEST;
			case "authentication_error" -> ErrorKind.AUTHENTICATION;
			case "permission_error" -> ErrorKind.PERMISSION;
			case "not_found_error" -> ErrorKind.NOT_FOUND;
			case "rate_limit_error", "requests", "tokens" -> ErrorKind.RATE_LIMITED;
			default -> ErrorKind.SERVER_ERROR;
		};
	}

	/**
	 * The wait asked for, unless the failure is not worth retrying: a spent quota's
	 * {@code retry-after} would only delay the move to another provider. The provider's
	 * own {@code x-should-retry: true} overrides the kind, as it does for the retry.
	 */
	private static Duration retryAfter(ErrorKind kind, Boolean shouldRetry, HttpHeaders headers) {
		if (!kind.isRetryable() && !Boolean.TRUE.equals(shouldRetry)) {
			return null;
		}
		Duration retryAfter = ProviderErrors.retryAfter(headers);
		if (retryAfter != null || kind != ErrorKind.RATE_LIMITED) {
			return retryAfter;
		}
		Duration requests = ProviderErrors.goDuration(headers.getFirst("x-ratelimit-reset-requests"));
		Duration tokens = ProviderErrors.goDuration(headers.getFirst("x-ratelimit-reset-tokens"));
		if (requests == null || tokens == null) {
			return (requests != null) ? requests : tokens;
		}
		return (requests.compareTo(tokens) >= 0) ? requests : tokens;
	}

	private String detail(String code, String type, String message) {
		String reason = (code != null) ? code : type;
		String detail = (reason != null && message != null) ? reason + ": " + message
				: (reason != null) ? reason : message;
		// redact also masks the partly hidden keys OpenAI echoes, such as sk-abc***xyz
		return ProviderErrors.redact(detail, this.settings.apiKey());
	}

	private static Integer numericStatus(String code) {
		if (code != null && code.matches("[45]\\d\\d")) {
			return Integer.valueOf(code);
		}
		return null;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && !value.isNull() && !value.asText().isEmpty()) ? value.asText() : null;
	}

	private static String lower(String value) {
		return (value != null) ? value.toLowerCase(Locale.ROOT) : null;
	}

}
