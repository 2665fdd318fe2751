package dev.llmfallback.autoconfigure;

import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.LlmRouter;
import dev.llmfallback.gateway.GatewayApiKeys;
import dev.llmfallback.gateway.GatewayModels;
import dev.llmfallback.gateway.LlmGateway;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

class LlmGatewayAutoConfigurationTests {

	private static final String[] PROVIDERS = { "llm.providers[0].name=anthropic",
			"llm.providers[0].model=claude-sonnet-4-20250514", "llm.providers[0].priority=1",
			"llm.providers[1].name=openai", "llm.providers[1].model=gpt-4o", "llm.providers[1].priority=2",
			"ANTHROPIC_API_KEY=sk-ant-test-key-1234567890", "OPENAI_API_KEY=sk-openai-test-key-1234567890" };

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class, LlmGatewayAutoConfiguration.class,
				JacksonAutoConfiguration.class, WebClientAutoConfiguration.class))
		.withPropertyValues(PROVIDERS);

	@Test
	void gatewayIsOffByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(LlmRouter.class).doesNotHaveBean(LlmGateway.class);
			assertThat(context).doesNotHaveBean("llmGatewayRouterFunction");
		});
	}

	@Test
	void flagServesTheConfiguredModels() {
		this.contextRunner.withPropertyValues("llm.gateway.enabled=true").run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(LlmGateway.class).hasBean("llmGatewayRouterFunction");
			client(context.getBean("llmGatewayRouterFunction", RouterFunction.class)).get()
				.uri("/v1/models")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.data[*].id")
				.isEqualTo(List.of("auto", "claude-sonnet-4-20250514", "gpt-4o"))
				.jsonPath("$.data[*].owned_by")
				.isEqualTo(List.of("llm-fallback", "anthropic", "openai"));
		});
	}

	@Test
	void apiKeysAndPathAreApplied() {
		this.contextRunner
			.withPropertyValues("llm.gateway.enabled=true", "llm.gateway.api-keys=gw-one,gw-two",
					"llm.gateway.path=/llm")
			.run((context) -> {
				WebTestClient client = client(context.getBean("llmGatewayRouterFunction", RouterFunction.class));
				client.get().uri("/llm/v1/models").exchange().expectStatus().isUnauthorized();
				client.get()
					.uri("/llm/v1/models")
					.header("Authorization", "Bearer gw-two")
					.exchange()
					.expectStatus()
					.isOk();
				client.get()
					.uri("/v1/models")
					.header("Authorization", "Bearer gw-two")
					.exchange()
					.expectStatus()
					.isNotFound();
			});
	}

	@Test
	void gatewayKeysAreNotShownByTheGatewayBean() {
		this.contextRunner.withPropertyValues("llm.gateway.enabled=true", "llm.gateway.api-keys=gw-secret-key")
			.run((context) -> assertThat(context.getBean(LlmGateway.class).toString()).doesNotContain("gw-secret"));
	}

	@Test
	void backsOffInAServletApplication() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class, LlmGatewayAutoConfiguration.class))
			.withPropertyValues(PROVIDERS)
			.withPropertyValues("llm.gateway.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(LlmRouter.class)
				.doesNotHaveBean(LlmGateway.class));
	}

	@Test
	void backsOffInANonWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class, LlmGatewayAutoConfiguration.class))
			.withPropertyValues(PROVIDERS)
			.withPropertyValues("llm.gateway.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(LlmRouter.class)
				.doesNotHaveBean(LlmGateway.class));
	}

	@Test
	void backsOffWithoutARouter() {
		this.contextRunner.withPropertyValues("llm.enabled=false", "llm.gateway.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(LlmRouter.class)
				.doesNotHaveBean(LlmGateway.class));
	}

	@Test
	void servesAUserRouterWhenTheStartersIsOff() {
		this.contextRunner.withPropertyValues("llm.enabled=false", "llm.gateway.enabled=true")
			.withUserConfiguration(UserRouter.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(LlmGateway.class);
				client(context.getBean("llmGatewayRouterFunction", RouterFunction.class)).post()
					.uri("/v1/chat/completions")
					.header("Content-Type", "application/json")
					.bodyValue("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
					.exchange()
					.expectStatus()
					.isOk()
					.expectBody()
					.jsonPath("$.choices[0].message.content")
					.isEqualTo("from the user's router");
			});
	}

	@Test
	void userGatewayWins() {
		this.contextRunner.withPropertyValues("llm.gateway.enabled=true")
			.withUserConfiguration(UserGateway.class)
			.run((context) -> assertThat(context).hasSingleBean(LlmGateway.class)
				.getBean(LlmGateway.class)
				.isSameAs(context.getBean(UserGateway.class).gateway));
	}

	@Test
	void userRouterFunctionWins() {
		this.contextRunner.withPropertyValues("llm.gateway.enabled=true")
			.withUserConfiguration(UserRouterFunction.class)
			.run((context) -> client(context.getBean("llmGatewayRouterFunction", RouterFunction.class)).get()
				.uri("/v1/models")
				.exchange()
				.expectStatus()
				.isNotFound());
	}

	@SuppressWarnings("unchecked")
	private static WebTestClient client(RouterFunction<?> routes) {
		return WebTestClient.bindToRouterFunction((RouterFunction<ServerResponse>) routes).build();
	}

	@Configuration(proxyBeanMethods = false)
	static class UserRouter {

		@Bean
		LlmRouter userRouter() {
			return new LlmRouter() {

				@Override
				public Mono<ChatResponse> chat(ChatRequest request) {
					return Mono.just(ChatResponse.builder().text("from the user's router").build());
				}

				@Override
				public Flux<ChatChunk> stream(ChatRequest request) {
					return Flux.just(ChatChunk.ofText("from the user's router"));
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserGateway {

		final LlmGateway gateway;

		UserGateway(LlmRouter router) {
			this.gateway = new LlmGateway(router, new GatewayModels(List.of()), new GatewayApiKeys(List.of()),
					new ObjectMapper(), Clock.systemUTC());
		}

		@Bean
		LlmGateway userGateway() {
			return this.gateway;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserRouterFunction {

		@Bean
		RouterFunction<ServerResponse> llmGatewayRouterFunction() {
			return RouterFunctions.route().GET("/health-only", (request) -> ServerResponse.ok().build()).build();
		}

	}

}
