package dev.llmfallback.gateway;

/**
 * A request the gateway cannot take as it stands: answered with HTTP 400. The message
 * says what is wrong and never quotes the prompt.
 */
class InvalidGatewayRequestException extends RuntimeException {

	private final String param;

	InvalidGatewayRequestException(String param, String message) {
		super(message);
		this.param = param;
	}

	String param() {
		return this.param;
	}

}
