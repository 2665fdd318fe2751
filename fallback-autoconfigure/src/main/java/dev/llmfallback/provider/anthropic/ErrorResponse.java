package dev.llmfallback.provider.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An error body: {@code {"type":"error","error":{...},"request_id":...}}. Unknown fields
 * are ignored.
 *
 * @param type {@code error}
 * @param error the error
 * @param requestId the request id, in newer bodies
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ErrorResponse(String type, ErrorDetail error, @JsonProperty("request_id") String requestId) {

}
