package dev.llmfallback.gateway;

import java.util.Locale;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import org.springframework.http.HttpStatus;

/**
 * Turns a failure into an HTTP status and OpenAI's error body. A request the providers
 * rejected as invalid is the client's fault (400); when every path failed, the status
 * says whether waiting may help (503), the providers were too slow (504) or failed (502).
 * Messages name error kinds and counts only, never prompt text or keys.
 */
final class GatewayErrors {

	private static final Log logger = LogFactory.getLog(GatewayErrors.class);

	private GatewayErrors() {
	}

	/**
	 * The status and body a failure is answered with.
	 *
	 * @param status the HTTP status
	 * @param body the error body
	 */
	record Answer(HttpStatus status, GatewayError body) {

	}

	static Answer of(Throwable error) {
		if (error instanceof InvalidGatewayRequestException invalid) {
			return new Answer(HttpStatus.BAD_REQUEST,
					GatewayError.of(invalid.getMessage(), "invalid_request_error", invalid.param(), "invalid_value"));
		}
		if (error instanceof IllegalArgumentException invalid) {
			// ChatRequest and its values check themselves; their messages name fields
			// only
			return new Answer(HttpStatus.BAD_REQUEST,
					GatewayError.of(invalid.getMessage(), "invalid_request_error", null, "invalid_value"));
		}
		if (error instanceof LlmException failure) {
			return of(failure);
		}
		logger.error("Gateway request failed unexpectedly: " + error.getClass().getName());
		return new Answer(HttpStatus.INTERNAL_SERVER_ERROR,
				GatewayError.of("The gateway failed to answer.", "server_error", null, null));
	}

	static Answer unauthorized() {
		return new Answer(HttpStatus.UNAUTHORIZED,
				GatewayError.of("Missing or incorrect API key: send 'Authorization: Bearer <key>'.",
						"invalid_request_error", null, "invalid_api_key"));
	}

	private static Answer of(LlmException failure) {
		ErrorKind kind = failure.kind();
		String tried = (failure.attempts().isEmpty()) ? "" : " after " + failure.attempts().size() + " failed attempt"
				+ ((failure.attempts().size() == 1) ? "" : "s");
		return switch (kind) {
			case BAD_REQUEST,
					UNSUPPORTED_REQUEST ->
				new Answer(HttpStatus.BAD_REQUEST,
						GatewayError.of("The providers rejected the request as invalid (" + kind + ")" + tried + ".",
								"invalid_request_error", null, kind.name().toLowerCase(Locale.ROOT)));
			case CONTEXT_LENGTH -> new Answer(HttpStatus.BAD_REQUEST,
					GatewayError.of("The request is longer than every available model's context window" + tried + ".",
							"invalid_request_error", "messages", "context_length_exceeded"));
			case TIMEOUT -> upstream(HttpStatus.GATEWAY_TIMEOUT, kind, tried);
			case RATE_LIMITED, OVERLOADED, CIRCUIT_OPEN, LOCAL_LIMIT ->
				upstream(HttpStatus.SERVICE_UNAVAILABLE, kind, tried);
			default -> upstream(HttpStatus.BAD_GATEWAY, kind, tried);
		};
	}

	private static Answer upstream(HttpStatus status, ErrorKind kind, String tried) {
		return new Answer(status, GatewayError.of("No provider could answer (" + kind + ")" + tried + ".",
				"server_error", null, kind.name().toLowerCase(Locale.ROOT)));
	}

}
