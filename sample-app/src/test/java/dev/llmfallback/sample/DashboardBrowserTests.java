package dev.llmfallback.sample;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.llmfallback.sample.simulator.Fault;
import dev.llmfallback.sample.simulator.ProviderSimulator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The dashboard in headless Chromium: a provider broken from the dashboard's own button
 * shows its breaker OPEN and the failover in the live feed. Writes
 * {@code target/dashboard.png}. Skipped without Chromium, except on CI ({@code CI=true}),
 * where it fails.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "sample.simulator.token-delay=1ms",
		"sample.simulator.latency=0ms", "llm.fallback.initial-interval=10ms" })
class DashboardBrowserTests {

	private static final Path SCREENSHOT = Path.of("target", "dashboard.png");

	@LocalServerPort
	private int port;

	@Autowired
	private WebTestClient client;

	@Autowired
	private ProviderSimulator simulator;

	@Autowired
	private CircuitBreakerRegistry circuitBreakers;

	@AfterEach
	void heal() {
		SampleReset.heal(this.simulator, this.circuitBreakers);
	}

	@Test
	void brokenProviderShowsItsOpenBreakerAndTheFailover() throws Exception {
		try (HeadlessChromium chromium = chromium()) {
			chromium.navigate("http://127.0.0.1:" + this.port + "/llm/dashboard");
			chromium.waitFor("three provider cards", "document.querySelectorAll('.card').length === 3");
			chromium.waitFor("the simulator panel", "!document.getElementById('simulator').hidden");
			assertThat(chromium.evaluate("document.getElementById('level-value').textContent").asText())
				.isEqualTo("full");
			assertThat(state(chromium, "anthropic")).isEqualTo("CLOSED");

			chromium.evaluate("document.querySelector('.sim-row[data-provider=anthropic] "
					+ "button[data-fault=\"503\"]').click()");
			chromium.waitFor("the fault to show", "document.querySelector('.sim-row[data-provider=anthropic] "
					+ ".sim-fault').textContent === '503'");
			assertThat(this.simulator.fault("anthropic")).contains(Fault.status(503));

			for (int i = 0; i < 2; i++) {
				this.client.post()
					.uri("/chat")
					.bodyValue(Map.of("message", "Hello"))
					.exchange()
					.expectStatus()
					.isOk()
					.expectBody()
					.jsonPath("$.provider")
					.isEqualTo("openai");
			}
			assertThat(this.circuitBreakers.circuitBreaker("anthropic").getState())
				.isEqualTo(CircuitBreaker.State.OPEN);
			chromium.waitFor("the breaker OPEN on the card",
					"document.querySelector('.card[data-provider=anthropic] .state').textContent === 'OPEN'");
			chromium.waitFor("when it half-opens on the card",
					"document.querySelector('.card[data-provider=anthropic] .half-opens')?.textContent"
							+ ".startsWith('Half-opens at ') === true");
			assertThat(chromium.evaluate("document.querySelectorAll('.half-opens').length").asInt())
				.as("only the open breaker's card")
				.isEqualTo(1);
			chromium.waitFor("a failover in the feed", "[...document.querySelectorAll('#feed li[data-type=FAILOVER]')]"
					+ ".some((item) => item.textContent.includes('anthropic'))");
			chromium.waitFor("the breaker transition in the feed",
					"document.querySelector('#feed li[data-type=BREAKER_TRANSITION][data-kind=OPEN]') !== null");
			assertThat(chromium
				.evaluate("document.querySelector('.card[data-provider=anthropic] .last-error')" + ".textContent")
				.asText()).contains("SERVER_ERROR");
			assertThat(chromium.evaluate("document.getElementById('conn-text').textContent").asText())
				.isEqualTo("live");

			byte[] png = chromium.screenshot(SCREENSHOT);
			assertThat(png).startsWith(0x89, 'P', 'N', 'G');
			assertThat(png.length).isGreaterThan(20_000);
		}
	}

	private static String state(HeadlessChromium chromium, String provider) {
		return chromium.evaluate("document.querySelector('.card[data-provider=" + provider + "] .state').textContent")
			.asText();
	}

	private static HeadlessChromium chromium() throws Exception {
		Optional<HeadlessChromium> chromium = HeadlessChromium.start(1440, 1100);
		if (chromium.isEmpty()) {
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				fail("Chromium is required on CI (CI=true) but neither chromium nor chromium-browser is on the PATH");
			}
			Assumptions.abort("Chromium is not installed (apt-get install chromium): skipping the dashboard check");
		}
		return chromium.get();
	}

}
