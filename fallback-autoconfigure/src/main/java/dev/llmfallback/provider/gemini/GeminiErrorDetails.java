package dev.llmfallback.provider.gemini;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import dev.llmfallback.provider.ProviderErrors;

/**
 * What the typed {@code details} of a {@code google.rpc.Status} say: the
 * {@code ErrorInfo} reason, the {@code RetryInfo} delay and the {@code QuotaFailure}
 * violations.
 *
 * @param reason the {@code ErrorInfo.reason}, such as {@code API_KEY_INVALID}, or
 * {@code null}
 * @param retryDelay the {@code RetryInfo.retryDelay}, or {@code null}
 * @param quotaIds the {@code quotaId} of every {@code QuotaFailure} violation
 * @param quotaValues the {@code quotaValue} of every violation that has one
 */
record GeminiErrorDetails(String reason, Duration retryDelay, List<String> quotaIds, List<String> quotaValues) {

	private static final String TYPE_PREFIX = "type.googleapis.com/google.rpc.";

	/**
	 * Read the details of an error.
	 * @param details the {@code details} array, possibly missing
	 * @return the details
	 */
	static GeminiErrorDetails of(JsonNode details) {
		String reason = null;
		Duration retryDelay = null;
		List<String> quotaIds = new ArrayList<>();
		List<String> quotaValues = new ArrayList<>();
		for (JsonNode detail : details) {
			String type = detail.path("@type").asText("");
			if (type.equals(TYPE_PREFIX + "ErrorInfo") && reason == null) {
				reason = textOrNull(detail.path("reason"));
			}
			else if (type.equals(TYPE_PREFIX + "RetryInfo")) {
				retryDelay = ProviderErrors.goDuration(detail.path("retryDelay").asText(""));
			}
			else if (type.equals(TYPE_PREFIX + "QuotaFailure")) {
				for (JsonNode violation : detail.path("violations")) {
					addIfPresent(quotaIds, violation.path("quotaId"));
					addIfPresent(quotaValues, violation.path("quotaValue"));
				}
			}
		}
		return new GeminiErrorDetails(reason, retryDelay, List.copyOf(quotaIds), List.copyOf(quotaValues));
	}

	/**
	 * Whether a quota that does not clear in seconds is spent: a per-day quota, or one
	 * whose limit is zero (a model the free tier may not use at all).
	 * @return {@code true} for a quota state rather than a rate limit
	 */
	boolean isLongTermQuota() {
		return this.quotaIds.stream().anyMatch((id) -> id.toLowerCase(Locale.ROOT).contains("perday"))
				|| this.quotaValues.contains("0");
	}

	private static void addIfPresent(List<String> values, JsonNode node) {
		String value = textOrNull(node);
		if (value != null) {
			values.add(value);
		}
	}

	private static String textOrNull(JsonNode node) {
		return (node.isValueNode() && !node.asText().isBlank()) ? node.asText() : null;
	}

}
