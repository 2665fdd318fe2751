package dev.llmfallback.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import dev.llmfallback.LlmRouter;
import dev.llmfallback.actuator.RouterState;
import dev.llmfallback.dashboard.LlmDashboard;
import dev.llmfallback.routing.LatencyTracker;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;

class LlmDashboardAutoConfigurationTests {

	private static final String[] PROVIDERS = { "llm.providers[0].name=anthropic",
			"llm.providers[0].model=claude-sonnet-4-20250514", "llm.providers[0].priority=1",
			"llm.providers[1].name=openai", "llm.providers[1].model=gpt-4o", "llm.providers[1].priority=2",
			"ANTHROPIC_API_KEY=sk-ant-test-key-1234567890", "OPENAI_API_KEY=sk-openai-test-key-1234567890" };

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class, LlmDashboardAutoConfiguration.class,
				JacksonAutoConfiguration.class, WebClientAutoConfiguration.class))
		.withPropertyValues(PROVIDERS);

	@Test
	void dashboardIsOffByDefault() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(LlmRouter.class)
			.doesNotHaveBean(LlmDashboard.class)
			.doesNotHaveBean("llmDashboardRouterFunction"));
	}

	@Test
	void flagServesThePageAndItsAssets() {
		this.contextRunner.withPropertyValues("llm.dashboard.enabled=true").run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(LlmDashboard.class).hasBean("llmDashboardRouterFunction");
			WebTestClient client = client(context);
			client.get()
				.uri("/llm/dashboard")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.TEXT_HTML)
				.expectBody(String.class)
				.value((html) -> assertThat(html).contains("data-events=\"/llm/dashboard/events\"")
					.contains("src=\"/llm/dashboard/assets/dashboard.js\"")
					.doesNotContain("{{path}}")
					.doesNotContain("http://", "https://"));
			client.get()
				.uri("/llm/dashboard/assets/dashboard.js")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.value((script) -> assertThat(script).contains("new EventSource"));
			client.get().uri("/llm/dashboard/assets/dashboard.css").exchange().expectStatus().isOk();
		});
	}

	@Test
	void pathIsConfigurable() {
		this.contextRunner.withPropertyValues("llm.dashboard.enabled=true", "llm.dashboard.path=/ops/llm/")
			.run((context) -> {
				WebTestClient client = client(context);
				client.get()
					.uri("/ops/llm")
					.exchange()
					.expectStatus()
					.isOk()
					.expectBody(String.class)
					.value((html) -> assertThat(html).contains("/ops/llm/events"));
				client.get().uri("/llm/dashboard").exchange().expectStatus().isNotFound();
			});
	}

	@Test
	void invalidPathOrIntervalStopsStartUp() {
		this.contextRunner
			.withPropertyValues("llm.dashboard.enabled=true", "llm.dashboard.path=dashboard",
					"llm.dashboard.refresh-interval=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("llm.dashboard.path must start with '/'")
				.hasMessageContaining("llm.dashboard.refresh-interval must be positive"));
	}

	@Test
	void userDashboardWins() {
		this.contextRunner.withPropertyValues("llm.dashboard.enabled=true")
			.withUserConfiguration(UserDashboard.class)
			.run((context) -> assertThat(context).hasSingleBean(LlmDashboard.class)
				.getBean(LlmDashboard.class)
				.isSameAs(context.getBean(UserDashboard.class).dashboard));
	}

	@Test
	void backsOffInAServletApplication() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class, LlmDashboardAutoConfiguration.class))
			.withPropertyValues(PROVIDERS)
			.withPropertyValues("llm.dashboard.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(RouterState.class)
				.doesNotHaveBean(LlmDashboard.class));
	}

	@Test
	void backsOffInANonWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class, LlmDashboardAutoConfiguration.class))
			.withPropertyValues(PROVIDERS)
			.withPropertyValues("llm.dashboard.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(RouterState.class)
				.doesNotHaveBean(LlmDashboard.class));
	}

	@Test
	void backsOffWithoutARouter() {
		this.contextRunner.withPropertyValues("llm.enabled=false", "llm.dashboard.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(LlmDashboard.class));
	}

	private static WebTestClient client(org.springframework.context.ApplicationContext context) {
		return WebTestClient.bindToRouterFunction(context.getBean("llmDashboardRouterFunction", RouterFunction.class))
			.build();
	}

	@Configuration(proxyBeanMethods = false)
	static class UserDashboard {

		private LlmDashboard dashboard;

		@Bean
		LlmDashboard userDashboard(RouterState state, LatencyTracker latencies) {
			this.dashboard = new LlmDashboard(state, latencies, new ObjectMapper(), Duration.ofSeconds(5),
					Clock.systemUTC());
			return this.dashboard;
		}

	}

}
