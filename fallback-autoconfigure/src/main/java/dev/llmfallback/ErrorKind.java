package dev.llmfallback;

import java.util.Locale;

/**
 * What went wrong with a provider call, classified once where the response is read.
 */
public enum ErrorKind {

	/** Too many requests or tokens for now (HTTP 429). */
	RATE_LIMITED(true),

	/**
	 * The account's quota or credit is spent (OpenAI {@code insufficient_quota}, HTTP
	 * 402).
	 */
	QUOTA_EXCEEDED(false),

	/** The provider is overloaded (Anthropic 529, {@code overloaded_error}). */
	OVERLOADED(true),

	/** The provider or a proxy failed (HTTP 500, 502, 503, 504 and other 5xx). */
	SERVER_ERROR(true),

	/** No answer in time: connect, response, first-token or idle timeout, or HTTP 408. */
	TIMEOUT(true),

	/** The connection could not be made or broke. */
	CONNECTION(true),

	/** The request is longer than the model's context window. */
	CONTEXT_LENGTH(false),

	/** The provider's safety or content policy refused the request or the answer. */
	CONTENT_POLICY(false),

	/** The API key is missing, wrong or revoked (HTTP 401). */
	AUTHENTICATION(false),

	/** The key may not use this model or feature (HTTP 403). */
	PERMISSION(false),

	/** The model or endpoint does not exist (HTTP 404). */
	NOT_FOUND(false),

	/** The provider rejected the request as invalid (HTTP 400, 413, 422). */
	BAD_REQUEST(false),

	/**
	 * This provider cannot take the request as it stands (an unsupported parameter or
	 * value, an output limit out of its range), though another provider may.
	 */
	UNSUPPORTED_REQUEST(false),

	/** The answer could not be read: malformed or truncated JSON, a stream cut short. */
	MALFORMED_RESPONSE(true),

	/** The provider was skipped because its circuit breaker is open. */
	CIRCUIT_OPEN(false),

	/**
	 * The provider was skipped because this application's own rate or concurrency limit
	 * for it is reached.
	 */
	LOCAL_LIMIT(false),

	/**
	 * The provider was skipped because its estimated cost for the request is above the
	 * request's cap ({@code ChatRequest.maxCost}) or its price is unknown: the request as
	 * it stands is refused, so trying it again cannot help.
	 */
	COST_CAP(false);

	private final boolean retryable;

	ErrorKind(boolean retryable) {
		this.retryable = retryable;
	}

	/**
	 * Whether trying the same provider again can succeed.
	 * @return {@code true} for transient failures
	 */
	public boolean isRetryable() {
		return this.retryable;
	}

	/**
	 * The kind a word of {@code llm.fallback.on-error} names, such as {@code timeout} or
	 * {@code context_length}; dashes and case do not matter.
	 * @param word the word
	 * @return the kind
	 * @throws IllegalArgumentException when no kind has that name
	 */
	public static ErrorKind fromWord(String word) {
		return valueOf(word.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
	}

}
