package dev.llmfallback.provider;

import dev.llmfallback.LlmException;
import org.springframework.http.HttpHeaders;

/**
 * Turns a provider's HTTP error response into a classified {@link LlmException}: one per
 * wire format, because each provider words its errors differently.
 */
@FunctionalInterface
public interface ErrorDecoder {

	/**
	 * Classify an error response.
	 * @param status the HTTP status
	 * @param headers the response headers
	 * @param body the response body, possibly empty or not JSON
	 * @return the exception
	 */
	LlmException decode(int status, HttpHeaders headers, String body);

}
