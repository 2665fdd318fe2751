package dev.llmfallback.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * OpenAI's error body: {@code {"error":{"message","type","param","code"}}}. Its message
 * never holds prompt text or keys.
 *
 * @param error the error
 */
record GatewayError(Detail error) {

	static GatewayError of(String message, String type, String param, String code) {
		return new GatewayError(new Detail(message, type, param, code));
	}

	/**
	 * What went wrong.
	 *
	 * @param message a sentence for people
	 * @param type the error's type, such as {@code invalid_request_error}
	 * @param param the request parameter at fault, or {@code null}
	 * @param code a code for programs, or {@code null}
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	record Detail(String message, String type, String param, String code) {

	}

}
