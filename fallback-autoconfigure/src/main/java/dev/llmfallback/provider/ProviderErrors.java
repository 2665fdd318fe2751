package dev.llmfallback.provider;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import reactor.netty.http.client.PrematureCloseException;

import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import org.springframework.core.codec.CodecException;
import org.springframework.http.HttpHeaders;

/**
 * The classification rules every wire format shares: HTTP status to {@link ErrorKind},
 * transport failures, {@code Retry-After} and the providers' reset headers, and the
 * redaction of secrets from provider messages.
 */
public final class ProviderErrors {

	private static final int MAX_DETAIL_LENGTH = 300;

	private static final Pattern KEY_LIKE = Pattern
		.compile("(sk-[A-Za-z0-9_*.\\-]{6,}|AIza[0-9A-Za-z_\\-]{10,}|key-[A-Za-z0-9]{16,}|[\\w.\\-]*\\*{3,}[\\w\\-]*)");

	private static final Pattern GO_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

	private ProviderErrors() {
	}

	/**
	 * The kind an HTTP error status stands for, before the body refines it.
	 * @param status the status
	 * @return the kind
	 */
	public static ErrorKind kindForStatus(int status) {
		return switch (status) {
			case 401 -> ErrorKind.AUTHENTICATION;
			case 402 -> ErrorKind.QUOTA_EXCEEDED;
			case 403 -> ErrorKind.PERMISSION;
			case 404 -> ErrorKind.NOT_FOUND;
			case 408 -> ErrorKind.TIMEOUT;
			case 409 -> ErrorKind.SERVER_ERROR;
			case 429 -> ErrorKind.RATE_LIMITED;
			case 529 -> ErrorKind.OVERLOADED;
			default -> (status >= 500) ? ErrorKind.SERVER_ERROR : ErrorKind.BAD_REQUEST;
		};
	}

	/**
	 * The delay a response asks for: {@code retry-after-ms}, then {@code retry-after} in
	 * seconds or as an HTTP date.
	 * @param headers the response headers
	 * @return the delay, or {@code null} when the response names none
	 */
	public static Duration retryAfter(HttpHeaders headers) {
		String millis = headers.getFirst("retry-after-ms");
		if (millis != null) {
			try {
				return Duration.ofMillis(Math.max(0, (long) Double.parseDouble(millis.trim())));
			}
			catch (NumberFormatException ex) {
				// fall through to retry-after
			}
		}
		String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(value.trim()) * 1000)));
		}
		catch (NumberFormatException ex) {
			try {
				Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				Duration delay = Duration.between(Instant.now(), at);
				return delay.isNegative() ? Duration.ZERO : delay;
			}
			catch (DateTimeParseException notADate) {
				return null;
			}
		}
	}

	/**
	 * Whether a response says the same call may succeed when repeated:
	 * {@code x-should-retry}, sent by OpenAI and Anthropic.
	 * @param headers the response headers
	 * @return {@code true} or {@code false} as the header says, {@code null} when it is
	 * absent or says something else
	 */
	public static Boolean shouldRetry(HttpHeaders headers) {
		String value = headers.getFirst("x-should-retry");
		if (value == null) {
			return null;
		}
		return switch (value.trim().toLowerCase(Locale.ROOT)) {
			case "true" -> Boolean.TRUE;
			case "false" -> Boolean.FALSE;
			default -> null;
		};
	}

	/**
	 * Parse a Go-style duration such as {@code 6m0s}, {@code 1.5s} or {@code 20ms}, as in
	 * OpenAI's {@code x-ratelimit-reset-*} headers.
	 * @param value the text
	 * @return the duration, or {@code null} when the text is not one
	 */
	public static Duration goDuration(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		Matcher matcher = GO_DURATION.matcher(value.trim());
		long nanos = 0;
		int end = 0;
		while (matcher.find()) {
			if (matcher.start() != end) {
				return null;
			}
			double amount = Double.parseDouble(matcher.group(1));
			long unitNanos = switch (matcher.group(2)) {
				case "h" -> 3_600_000_000_000L;
				case "m" -> 60_000_000_000L;
				case "s" -> 1_000_000_000L;
				default -> 1_000_000L;
			};
			nanos += (long) (amount * unitNanos);
			end = matcher.end();
		}
		return (end == value.trim().length() && end > 0) ? Duration.ofNanos(nanos) : null;
	}

	/**
	 * The time until an RFC 3339 instant, as in Anthropic's
	 * {@code anthropic-ratelimit-*-reset} headers.
	 * @param value the text
	 * @return the delay, zero when the instant has passed, or {@code null} when the text
	 * is not an instant
	 */
	public static Duration untilInstant(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			Duration delay = Duration.between(Instant.now(), Instant.parse(value.trim()));
			return delay.isNegative() ? Duration.ZERO : delay;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * Classify a failure that is not an HTTP error status: a refused or broken
	 * connection, a timeout, or an answer that could not be decoded.
	 * @param provider the provider's name
	 * @param error the failure
	 * @return the classified exception ({@code error} itself when it already is one)
	 */
	public static LlmException fromTransport(String provider, Throwable error) {
		if (error instanceof LlmException llmException) {
			return llmException;
		}
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			ErrorKind kind = kindOf(cause);
			if (kind != null) {
				return new LlmException(kind, provider, null, null, describe(kind, cause), error);
			}
		}
		return new LlmException(ErrorKind.CONNECTION, provider, null, null, error.getClass().getSimpleName(), error);
	}

	private static ErrorKind kindOf(Throwable cause) {
		if (cause instanceof TimeoutException || cause instanceof ReadTimeoutException
				|| cause instanceof ConnectTimeoutException) {
			return ErrorKind.TIMEOUT;
		}
		if (cause instanceof ConnectException || cause instanceof UnknownHostException
				|| cause instanceof PrematureCloseException) {
			return ErrorKind.CONNECTION;
		}
		if (cause instanceof JsonProcessingException || cause instanceof CodecException) {
			return ErrorKind.MALFORMED_RESPONSE;
		}
		if (cause instanceof IOException) {
			return ErrorKind.CONNECTION;
		}
		return null;
	}

	private static String describe(ErrorKind kind, Throwable cause) {
		return switch (kind) {
			case TIMEOUT -> (cause instanceof ConnectTimeoutException) ? "connect timeout" : "timeout";
			case MALFORMED_RESPONSE -> "unreadable response: " + cause.getClass().getSimpleName();
			default -> cause.getClass().getSimpleName();
		};
	}

	/**
	 * Make a provider's message safe to show: remove the API key and anything shaped like
	 * a key, and cut it to a few hundred characters.
	 * @param text the provider's text
	 * @param apiKey the configured key, or {@code null}
	 * @return the redacted text, never {@code null}
	 */
	public static String redact(String text, String apiKey) {
		if (text == null) {
			return "";
		}
		String safe = text;
		if (apiKey != null && !apiKey.isEmpty()) {
			safe = safe.replace(apiKey, "******");
		}
		safe = KEY_LIKE.matcher(safe).replaceAll("******").replaceAll("\\s+", " ").trim();
		return (safe.length() > MAX_DETAIL_LENGTH) ? safe.substring(0, MAX_DETAIL_LENGTH) + "..." : safe;
	}

}
