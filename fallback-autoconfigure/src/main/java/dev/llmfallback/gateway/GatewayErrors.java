package dev.llmfallback.gateway;

import java.time.Duration;
import java.util.Locale;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.llmfallback.Attempt;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Turns a failure into an HTTP status and OpenAI's error body. A request the providers
 * rejected as invalid, or whose cost cap no provider fits, is the client's fault (400);
 * when every path failed, the status says whether waiting may help (503), the providers
 * were too slow (504) or failed (502). Messages name error kinds and counts only, never
 * prompt text or keys.
 * <p>
 * Headers tell an OpenAI client whether and when to try again, as OpenAI's own API does:
 * {@code x-should-retry}, which its SDKs obey over their status rule, is {@code false}
 * when waiting cannot help (an invalid request, a key or quota every provider refused),
 * and {@code retry-after-ms} and {@code Retry-After} give the shortest wait a provider
 * asked for, when every provider that failed for a passing reason asked for one.
 */
final class GatewayErrors {

	private static final Log logger = LogFactory.getLog(GatewayErrors.class);

	private static final String SHOULD_RETRY_HEADER = "x-should-retry";

	private static final String RETRY_AFTER_MS_HEADER = "retry-after-ms";

	private GatewayErrors() {
	}

	/**
	 * The status, headers and body a failure is answered with.
	 *
	 * @param status the HTTP status
	 * @param body the error body
	 * @param shouldRetry whether a client should try again, {@code null} when unsaid
	 * @param retryAfter how long it should wait first, {@code null} when unsaid
	 */
	record Answer(HttpStatus status, GatewayError body, Boolean shouldRetry, Duration retryAfter) {

		/**
		 * An answer no later try would change.
		 * @param status the HTTP status
		 * @param body the error body
		 * @return the answer, saying not to try again
		 */
		static Answer notWorthRetrying(HttpStatus status, GatewayError body) {
			return new Answer(status, body, false, null);
		}

		/**
		 * Write the headers that say whether and when to try again.
		 * @param headers the response's headers
		 */
		void retryHeaders(HttpHeaders headers) {
			if (this.shouldRetry != null) {
				headers.set(SHOULD_RETRY_HEADER, this.shouldRetry.toString());
			}
			if (this.retryAfter != null) {
				headers.set(RETRY_AFTER_MS_HEADER, String.valueOf(this.retryAfter.toMillis()));
				headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(wholeSecondsAtLeastOne(this.retryAfter)));
			}
		}

		private static long wholeSecondsAtLeastOne(Duration duration) {
			long seconds = duration.toSeconds();
			return Math.max(1, (duration.toNanosPart() > 0) ? seconds + 1 : seconds);
		}

	}

	static Answer of(Throwable error) {
		if (error instanceof InvalidGatewayRequestException invalid) {
			return Answer.notWorthRetrying(HttpStatus.BAD_REQUEST,
					GatewayError.of(invalid.getMessage(), "invalid_request_error", invalid.param(), "invalid_value"));
		}
		if (error instanceof IllegalArgumentException invalid) {
			// ChatRequest and its values check themselves; their messages name fields
			// only
			return Answer.notWorthRetrying(HttpStatus.BAD_REQUEST,
					GatewayError.of(invalid.getMessage(), "invalid_request_error", null, "invalid_value"));
		}
		if (error instanceof LlmException failure) {
			return of(failure);
		}
		logger.error("Gateway request failed unexpectedly: " + error.getClass().getName());
		return new Answer(HttpStatus.INTERNAL_SERVER_ERROR,
				GatewayError.of("The gateway failed to answer.", "server_error", null, null), null, null);
	}

	static Answer unauthorized() {
		return Answer.notWorthRetrying(HttpStatus.UNAUTHORIZED,
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
				Answer.notWorthRetrying(HttpStatus.BAD_REQUEST,
						GatewayError.of("The providers rejected the request as invalid (" + kind + ")" + tried + ".",
								"invalid_request_error", null, kind.name().toLowerCase(Locale.ROOT)));
			case CONTEXT_LENGTH -> Answer.notWorthRetrying(HttpStatus.BAD_REQUEST,
					GatewayError.of("The request is longer than every available model's context window" + tried + ".",
							"invalid_request_error", "messages", "context_length_exceeded"));
			case COST_CAP -> Answer.notWorthRetrying(HttpStatus.BAD_REQUEST, GatewayError.of(
					"No provider fits the request's cost cap: each one's estimated cost is higher or its price unknown.",
					"invalid_request_error", GatewayRequestReader.MAX_COST, "cost_cap"));
			case TIMEOUT -> upstream(HttpStatus.GATEWAY_TIMEOUT, failure, tried);
			case RATE_LIMITED, OVERLOADED, CIRCUIT_OPEN, LOCAL_LIMIT ->
				upstream(HttpStatus.SERVICE_UNAVAILABLE, failure, tried);
			default -> upstream(HttpStatus.BAD_GATEWAY, failure, tried);
		};
	}

	private static Answer upstream(HttpStatus status, LlmException failure, String tried) {
		ErrorKind kind = failure.kind();
		boolean worthRetrying = waitingMayHelp(kind);
		return new Answer(status,
				GatewayError.of("No provider could answer (" + kind + ")" + tried + ".", "server_error", null,
						kind.name().toLowerCase(Locale.ROOT)),
				worthRetrying, worthRetrying ? retryAfter(failure) : null);
	}

	/**
	 * How long until some provider may answer: the shortest wait asked for by the
	 * providers that failed for a passing reason or were skipped until a known time (an
	 * open breaker, a rate limit), or {@code null} when one that failed did not say,
	 * since it may answer at once. A skip without a known end (a breaker forced open, a
	 * full bulkhead) and a refusal for good (a quota, a key) ask for nothing.
	 */
	private static Duration retryAfter(LlmException failure) {
		if (failure.attempts().isEmpty()) {
			return failure.retryAfter();
		}
		Duration shortest = null;
		for (Attempt attempt : failure.attempts()) {
			Duration wait = attempt.retryAfter();
			boolean failedForNow = attempt.kind().isRetryable();
			if (failedForNow && wait == null) {
				return null;
			}
			boolean asks = failedForNow || isSkip(attempt.kind());
			if (asks && wait != null && (shortest == null || wait.compareTo(shortest) < 0)) {
				shortest = wait;
			}
		}
		return shortest;
	}

	/**
	 * Whether a later try may be answered: after a transient failure, or once a breaker
	 * half-opens or a local limit refreshes; not after a refusal (a key, a quota, a
	 * policy) every provider would repeat.
	 */
	private static boolean waitingMayHelp(ErrorKind kind) {
		return kind.isRetryable() || isSkip(kind);
	}

	private static boolean isSkip(ErrorKind kind) {
		return kind == ErrorKind.CIRCUIT_OPEN || kind == ErrorKind.LOCAL_LIMIT;
	}

}
