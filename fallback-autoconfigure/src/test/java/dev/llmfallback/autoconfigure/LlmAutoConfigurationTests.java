package dev.llmfallback.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.llmfallback.ChatChunk;
import dev.llmfallback.ChatRequest;
import dev.llmfallback.ChatResponse;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.LlmException;
import dev.llmfallback.LlmRouter;
import dev.llmfallback.Tier;
import dev.llmfallback.provider.ProviderClient;
import dev.llmfallback.provider.ProviderClientFactory;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.provider.ProviderType;
import dev.llmfallback.provider.ProviderWebClientCustomizer;
import dev.llmfallback.provider.ProviderWebClients;
import dev.llmfallback.resilience.ResilienceSettings;
import dev.llmfallback.degradation.DegradingRouter;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

class LlmAutoConfigurationTests {

	private static final String[] KEYS = { "ANTHROPIC_API_KEY=sk-ant-test-key-1234567890",
			"OPENAI_API_KEY=sk-openai-test-key-1234567890", "GEMINI_API_KEY=gemini-test-key-1234567890" };

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class, JacksonAutoConfiguration.class,
				WebClientAutoConfiguration.class))
		.withUserConfiguration(EchoClients.class);

	@Test
	void seedConfigurationBindsAsItStands() {
		this.contextRunner.withInitializer((context) -> context.getEnvironment().getPropertySources().addFirst(seed()))
			.withPropertyValues(KEYS)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(LlmRouter.class)
					.hasSingleBean(ProviderWebClients.class);
				LlmSettings settings = context.getBean(LlmSettings.class);
				assertThat(settings.providers())
					.extracting(ProviderSettings::name, ProviderSettings::type, ProviderSettings::model,
							ProviderSettings::priority)
					.containsExactly(
							org.assertj.core.groups.Tuple.tuple("anthropic", ProviderType.ANTHROPIC,
									"claude-sonnet-4-20250514", 1),
							org.assertj.core.groups.Tuple.tuple("openai", ProviderType.OPENAI, "gpt-4o", 2),
							org.assertj.core.groups.Tuple.tuple("google", ProviderType.GOOGLE, "gemini-2.0-flash", 3));
				assertThat(settings.resilience().maxRetries()).isEqualTo(2);
				assertThat(settings.resilience().backoff()).isEqualTo(ResilienceSettings.Backoff.EXPONENTIAL);
				assertThat(settings.routing().fallbackPolicy().statuses()).containsExactlyInAnyOrder(429, 500, 502,
						503);
				assertThat(settings.routing().fallbackPolicy().kinds()).containsExactly(ErrorKind.TIMEOUT);
				assertThat(settings.providers().get(0).apiKey()).isEqualTo("sk-ant-test-key-1234567890");
			});
	}

	@Test
	void defaultsAreResolvedPerType() {
		this.contextRunner.withInitializer((context) -> context.getEnvironment().getPropertySources().addFirst(seed()))
			.withPropertyValues(KEYS)
			.run((context) -> {
				List<ProviderSettings> providers = context.getBean(LlmSettings.class).providers();
				assertThat(providers).extracting(ProviderSettings::baseUrl)
					.containsExactly(URI.create("https://api.anthropic.com"), URI.create("https://api.openai.com/v1"),
							URI.create("https://generativelanguage.googleapis.com"));
				assertThat(providers).allSatisfy((provider) -> {
					assertThat(provider.tier()).isEqualTo(Tier.FULL);
					assertThat(provider.timeouts().connect()).isEqualTo(Duration.ofSeconds(5));
					assertThat(provider.timeouts().response()).isEqualTo(Duration.ofSeconds(45));
					assertThat(provider.timeouts().firstToken()).isEqualTo(Duration.ofSeconds(20));
				});
				LlmFallbackProperties defaults = new LlmProperties().getFallback();
				assertThat(defaults.getOnError()).contains("429", "503", "timeout", "connection");
			});
	}

	@Test
	void providerPoolsAreSizedByProperty() {
		this.contextRunner
			.withPropertyValues("llm.providers[0].name=openai", "llm.providers[0].model=gpt-4o",
					"llm.providers[0].api-key=sk-test-1234567890")
			.run((context) -> assertThat(context.getBean(ProviderWebClients.class).maxConnections()).isEqualTo(500));
		this.contextRunner
			.withPropertyValues("llm.providers[0].name=openai", "llm.providers[0].model=gpt-4o",
					"llm.providers[0].api-key=sk-test-1234567890", "llm.http.max-connections=1200")
			.run((context) -> assertThat(context.getBean(ProviderWebClients.class).maxConnections()).isEqualTo(1200));
	}

	@Test
	void googleKeyIsReadFromEitherVariable() {
		this.contextRunner
			.withPropertyValues("llm.providers[0].name=google", "llm.providers[0].model=gemini-2.0-flash",
					"GOOGLE_API_KEY=from-google-variable")
			.run((context) -> assertThat(context.getBean(LlmSettings.class).providers().get(0).apiKey())
				.isEqualTo("from-google-variable"));
	}

	@Test
	void overridesAndKebabCaseBind() {
		this.contextRunner
			.withPropertyValues("llm.providers[0].name=local", "llm.providers[0].type=openai-compatible",
					"llm.providers[0].model=llama3", "llm.providers[0].base-url=http://localhost:11434/v1/",
					"llm.providers[0].tier=basic", "llm.providers[0].response-timeout=3s",
					"llm.providers[0].context-window=8192", "llm.providers[0].price.input=0.15",
					"llm.providers[0].price.output=0.60", "llm.providers[0].headers.X-Team=search",
					"llm.timeouts.connect=1s", "llm.fallback.on-error=timeout,529", "llm.fallback.max-retries=0",
					"llm.fallback.backoff=none")
			.run((context) -> {
				LlmSettings settings = context.getBean(LlmSettings.class);
				ProviderSettings local = settings.providers().get(0);
				assertThat(local.type()).isEqualTo(ProviderType.OPENAI_COMPATIBLE);
				assertThat(local.baseUrl()).isEqualTo(URI.create("http://localhost:11434/v1"));
				assertThat(local.apiKey()).isNull();
				assertThat(local.tier()).isEqualTo(Tier.BASIC);
				assertThat(local.timeouts().response()).isEqualTo(Duration.ofSeconds(3));
				assertThat(local.timeouts().connect()).isEqualTo(Duration.ofSeconds(1));
				assertThat(local.contextWindow()).isEqualTo(8192);
				assertThat(local.headers()).containsEntry("X-Team", "search");
				assertThat(settings.routing().fallbackPolicy().statuses()).containsExactly(529);
				assertThat(settings.resilience().maxRetries()).isZero();
				assertThat(settings.resilience().backoff()).isEqualTo(ResilienceSettings.Backoff.NONE);
				assertThat(settings.prices().get("local").output()).isEqualByComparingTo("0.60");
				assertThat(settings.prices().get("local").cachedInput()).isEqualByComparingTo("0.15");
			});
	}

	@Test
	void providersWithoutPriorityComeLastAndDisabledOnesAreLeftOut() {
		this.contextRunner
			.withPropertyValues("llm.providers[0].name=a", "llm.providers[0].type=openai-compatible",
					"llm.providers[0].model=m", "llm.providers[0].base-url=http://localhost:1",
					"llm.providers[1].name=b", "llm.providers[1].type=openai-compatible", "llm.providers[1].model=m",
					"llm.providers[1].base-url=http://localhost:2", "llm.providers[1].priority=5",
					"llm.providers[2].name=c", "llm.providers[2].type=openai-compatible", "llm.providers[2].model=m",
					"llm.providers[2].base-url=http://localhost:3", "llm.providers[2].enabled=false")
			.run((context) -> assertThat(context.getBean(LlmSettings.class).providers())
				.extracting(ProviderSettings::name)
				.containsExactly("b", "a"));
	}

	@Test
	void routerWalksTheConfiguredProviders() {
		this.contextRunner.withInitializer((context) -> context.getEnvironment().getPropertySources().addFirst(seed()))
			.withPropertyValues(KEYS)
			.run((context) -> {
				ChatResponse response = context.getBean(LlmRouter.class).call(ChatRequest.of("hi"));
				assertThat(response.provider()).isEqualTo("anthropic");
				assertThat(context.getBean(LlmRouter.class)).isInstanceOf(DegradingRouter.class);
			});
	}

	@Test
	void userRouterWins() {
		this.contextRunner.withInitializer((context) -> context.getEnvironment().getPropertySources().addFirst(seed()))
			.withPropertyValues(KEYS)
			.withBean(LlmRouter.class, UserRouter::new)
			.run((context) -> assertThat(context).getBean(LlmRouter.class).isInstanceOf(UserRouter.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("llm.enabled=false", "llm.providers[0].name=nonsense")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(LlmRouter.class)
				.doesNotHaveBean(LlmSettings.class)
				.doesNotHaveBean(ProviderWebClients.class));
	}

	@Test
	void backsOffWithoutWebClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebClient.class))
			.withInitializer((context) -> context.getEnvironment().getPropertySources().addFirst(seed()))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(LlmRouter.class));
	}

	@Test
	void customizersAdjustEveryProviderClient() {
		java.util.List<String> customized = new java.util.concurrent.CopyOnWriteArrayList<>();
		this.contextRunner.withInitializer((context) -> context.getEnvironment().getPropertySources().addFirst(seed()))
			.withPropertyValues(KEYS)
			.withBean(ProviderWebClientCustomizer.class, () -> (settings, builder) -> customized.add(settings.name()))
			.run((context) -> {
				ProviderWebClients webClients = context.getBean(ProviderWebClients.class);
				context.getBean(LlmSettings.class).providers().forEach(webClients::create);
				assertThat(customized).containsExactly("anthropic", "openai", "google");
			});
	}

	private static PropertySource<?> seed() {
		try {
			return new YamlPropertySourceLoader().load("seed", new ClassPathResource("seed.yml")).get(0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	public static class EchoClients {

		@Bean
		ProviderClientFactory echoClientFactory() {
			return EchoClient::new;
		}

	}

	public record EchoClient(ProviderSettings settings) implements ProviderClient {

		@Override
		public Mono<ChatResponse> chat(ChatRequest request) {
			return Mono.just(ChatResponse.builder().text("echo").provider(this.settings.name()).build());
		}

		@Override
		public Flux<ChatChunk> stream(ChatRequest request) {
			return chat(request).map((response) -> ChatChunk.ofText(response.text())).flux();
		}

	}

	static class UserRouter implements LlmRouter {

		@Override
		public Mono<ChatResponse> chat(ChatRequest request) {
			return Mono.error(new LlmException(ErrorKind.SERVER_ERROR, "user", null, null, "", null));
		}

		@Override
		public Flux<ChatChunk> stream(ChatRequest request) {
			return Flux.empty();
		}

	}

}
