package dev.llmfallback.sample;

import java.util.Map;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The sample's {@code POST /chat}, as the tests ask it.
 */
final class SampleChats {

	private SampleChats() {
	}

	/**
	 * Ask "Hello" and expect an answer, possibly degraded.
	 * @param client the client of the running sample
	 * @return the answer
	 */
	static ChatController.Answer hello(WebTestClient client) {
		return client.post()
			.uri("/chat")
			.bodyValue(Map.of("message", "Hello"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(ChatController.Answer.class)
			.returnResult()
			.getResponseBody();
	}

}
