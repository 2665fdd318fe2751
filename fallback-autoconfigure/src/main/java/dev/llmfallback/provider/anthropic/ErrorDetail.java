package dev.llmfallback.provider.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The {@code error} object of an error body or stream error event. Unknown fields are
 * ignored.
 *
 * @param type the error type, such as {@code rate_limit_error}
 * @param message the human-readable message
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ErrorDetail(String type, String message) {

}
