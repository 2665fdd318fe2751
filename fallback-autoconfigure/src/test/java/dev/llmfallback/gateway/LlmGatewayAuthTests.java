package dev.llmfallback.gateway;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

class LlmGatewayAuthTests {

	private static final String BODY = "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

	private final RecordingRouter router = new RecordingRouter();

	private final WebTestClient client = this.router.client("gw-key-one", "gw-key-two");

	@Test
	void missingKeyIsA401InOpenAiShape() {
		post(null).expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
			.expectHeader()
			.valueEquals("x-should-retry", "false")
			.expectBody()
			.jsonPath("$.error.type")
			.isEqualTo("invalid_request_error")
			.jsonPath("$.error.code")
			.isEqualTo("invalid_api_key")
			.jsonPath("$.error.param")
			.isEmpty();
		assertThat(this.router.lastRequest()).isNull();
	}

	@Test
	void wrongKeyIsA401ThatDoesNotEchoTheKey() {
		post("Bearer gw-key-three").expectStatus()
			.isUnauthorized()
			.expectBody(String.class)
			.value((body) -> assertThat(body).doesNotContain("gw-key"));
		post("Bearer gw-key-on").expectStatus().isUnauthorized();
		post("Basic gw-key-one").expectStatus().isUnauthorized();
		post("gw-key-one").expectStatus().isUnauthorized();
		assertThat(this.router.lastRequest()).isNull();
	}

	@Test
	void rightKeysAreAccepted() {
		post("Bearer gw-key-one").expectStatus().isOk();
		post("Bearer gw-key-two").expectStatus().isOk();
		post("bearer gw-key-two").expectStatus().isOk();
		assertThat(this.router.lastRequest()).isNotNull();
	}

	@Test
	void modelsAreProtectedToo() {
		this.client.get().uri("/v1/models").exchange().expectStatus().isEqualTo(HttpStatus.UNAUTHORIZED);
		this.client.get()
			.uri("/v1/models")
			.header(HttpHeaders.AUTHORIZATION, "Bearer gw-key-two")
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void withoutKeysTheGatewayIsOpen() {
		WebTestClient open = this.router.client();
		open.post()
			.uri("/v1/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(BODY)
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void keysAreNeitherShownNorKept() {
		GatewayApiKeys keys = new GatewayApiKeys(List.of("gw-key-one", " "));
		assertThat(keys).hasToString("GatewayApiKeys[keys=1]");
		assertThat(keys.isRequired()).isTrue();
		assertThat(keys.accepts("Bearer gw-key-one")).isTrue();
		assertThat(keys.accepts("Bearer  ")).isFalse();
		assertThat(keys.accepts(null)).isFalse();
		assertThat(new GatewayApiKeys(List.of()).accepts(null)).isTrue();
	}

	private WebTestClient.ResponseSpec post(String authorization) {
		WebTestClient.RequestBodySpec request = this.client.post()
			.uri("/v1/chat/completions")
			.contentType(MediaType.APPLICATION_JSON);
		if (authorization != null) {
			request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		return request.bodyValue(BODY).exchange();
	}

}
