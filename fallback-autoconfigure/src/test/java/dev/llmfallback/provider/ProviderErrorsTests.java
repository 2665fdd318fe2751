package dev.llmfallback.provider;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonParseException;
import org.junit.jupiter.api.Test;

import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderErrorsTests {

	@Test
	void statusesMapToKinds() {
		assertThat(ProviderErrors.kindForStatus(400)).isEqualTo(ErrorKind.BAD_REQUEST);
		assertThat(ProviderErrors.kindForStatus(401)).isEqualTo(ErrorKind.AUTHENTICATION);
		assertThat(ProviderErrors.kindForStatus(402)).isEqualTo(ErrorKind.QUOTA_EXCEEDED);
		assertThat(ProviderErrors.kindForStatus(403)).isEqualTo(ErrorKind.PERMISSION);
		assertThat(ProviderErrors.kindForStatus(404)).isEqualTo(ErrorKind.NOT_FOUND);
		assertThat(ProviderErrors.kindForStatus(408)).isEqualTo(ErrorKind.TIMEOUT);
		assertThat(ProviderErrors.kindForStatus(413)).isEqualTo(ErrorKind.BAD_REQUEST);
		assertThat(ProviderErrors.kindForStatus(429)).isEqualTo(ErrorKind.RATE_LIMITED);
		assertThat(ProviderErrors.kindForStatus(503)).isEqualTo(ErrorKind.SERVER_ERROR);
		assertThat(ProviderErrors.kindForStatus(529)).isEqualTo(ErrorKind.OVERLOADED);
	}

	@Test
	void retryAfterInSecondsMillisecondsOrDate() {
		HttpHeaders seconds = new HttpHeaders();
		seconds.set("retry-after", "2");
		assertThat(ProviderErrors.retryAfter(seconds)).isEqualTo(Duration.ofSeconds(2));
		HttpHeaders millis = new HttpHeaders();
		millis.set("retry-after", "2");
		millis.set("retry-after-ms", "1500");
		assertThat(ProviderErrors.retryAfter(millis)).isEqualTo(Duration.ofMillis(1500));
		HttpHeaders date = new HttpHeaders();
		date.set("retry-after",
				DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30)));
		assertThat(ProviderErrors.retryAfter(date)).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(31));
		HttpHeaders garbage = new HttpHeaders();
		garbage.set("retry-after", "soon");
		assertThat(ProviderErrors.retryAfter(garbage)).isNull();
		assertThat(ProviderErrors.retryAfter(new HttpHeaders())).isNull();
	}

	@Test
	void shouldRetryIsTrueFalseOrUnsaid() {
		assertThat(ProviderErrors.shouldRetry(headers("x-should-retry", "true"))).isTrue();
		assertThat(ProviderErrors.shouldRetry(headers("X-Should-Retry", " FALSE "))).isFalse();
		assertThat(ProviderErrors.shouldRetry(headers("x-should-retry", "maybe"))).isNull();
		assertThat(ProviderErrors.shouldRetry(new HttpHeaders())).isNull();
	}

	private static HttpHeaders headers(String name, String value) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(name, value);
		return headers;
	}

	@Test
	void goDurations() {
		assertThat(ProviderErrors.goDuration("6m0s")).isEqualTo(Duration.ofMinutes(6));
		assertThat(ProviderErrors.goDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
		assertThat(ProviderErrors.goDuration("20ms")).isEqualTo(Duration.ofMillis(20));
		assertThat(ProviderErrors.goDuration("1h2m3s")).isEqualTo(Duration.ofSeconds(3723));
		assertThat(ProviderErrors.goDuration("later")).isNull();
		assertThat(ProviderErrors.goDuration("5x")).isNull();
	}

	@Test
	void instantsInTheFutureOrPast() {
		assertThat(ProviderErrors.untilInstant("2000-01-01T00:00:00Z")).isEqualTo(Duration.ZERO);
		assertThat(ProviderErrors.untilInstant(java.time.Instant.now().plusSeconds(60).toString()))
			.isBetween(Duration.ofSeconds(55), Duration.ofSeconds(61));
		assertThat(ProviderErrors.untilInstant("tomorrow")).isNull();
	}

	@Test
	void transportFailuresAreClassified() {
		assertThat(ProviderErrors.fromTransport("p", new TimeoutException()).kind()).isEqualTo(ErrorKind.TIMEOUT);
		assertThat(ProviderErrors.fromTransport("p",
				new WebClientRequestException(new ConnectException("refused"), org.springframework.http.HttpMethod.POST,
						java.net.URI.create("http://localhost"), new HttpHeaders()))
			.kind()).isEqualTo(ErrorKind.CONNECTION);
		assertThat(ProviderErrors.fromTransport("p", new IOException("Connection reset by peer")).kind())
			.isEqualTo(ErrorKind.CONNECTION);
		assertThat(ProviderErrors.fromTransport("p", new JsonParseException(null, "bad")).kind())
			.isEqualTo(ErrorKind.MALFORMED_RESPONSE);
		LlmException classified = new LlmException(ErrorKind.OVERLOADED, "p", 529, null, "", null);
		assertThat(ProviderErrors.fromTransport("p", classified)).isSameAs(classified);
	}

	@Test
	void redactionRemovesKeysAndKeyShapedTokens() {
		String key = "sk-proj-abcdefghijklmnop";
		assertThat(ProviderErrors.redact("Incorrect API key provided: " + key + ".", key)).doesNotContain(key)
			.contains("******");
		assertThat(ProviderErrors.redact("Incorrect API key provided: sk-abc***xyz.", null)).doesNotContain("sk-abc");
		assertThat(ProviderErrors.redact("key AIzaSyA1234567890abcdefghij invalid", null)).doesNotContain("AIza");
		assertThat(ProviderErrors.redact("x".repeat(1000), null)).hasSizeLessThan(310);
		assertThat(ProviderErrors.redact(null, key)).isEmpty();
	}

}
