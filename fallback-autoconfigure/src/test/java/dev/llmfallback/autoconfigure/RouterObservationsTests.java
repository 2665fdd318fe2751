package dev.llmfallback.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.LlmRouter;
import dev.llmfallback.provider.ProviderClientFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The router makes its {@code llm.request} and {@code llm.attempt} observations when the
 * application traces, or when {@code llm.observations.without-tracer} asks for them.
 */
class RouterObservationsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class, JacksonAutoConfiguration.class,
				WebClientAutoConfiguration.class))
		.withBean(ProviderClientFactory.class, () -> LlmAutoConfigurationTests.EchoClient::new)
		.withUserConfiguration(Observing.class)
		.withPropertyValues("llm.providers[0].name=anthropic", "llm.providers[0].model=claude-sonnet-4-20250514",
				"llm.providers[0].api-key=test");

	@Test
	void withoutATracerTheRouterDoesNotObserve() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(LlmRouter.class).call(ChatRequest.of("hello")).text()).isEqualTo("echo");
			assertThat(context.getBean(Observed.class).names()).isEmpty();
		});
	}

	@Test
	void withATracerEachCallAndAttemptIsObserved() {
		this.contextRunner.withBean(Tracer.class, () -> Tracer.NOOP).run((context) -> {
			context.getBean(LlmRouter.class).call(ChatRequest.of("hello"));
			assertThat(context.getBean(Observed.class).names()).containsExactly("llm.request", "llm.attempt");
		});
	}

	@Test
	void withoutATracerThePropertyAsksForTheObservations() {
		this.contextRunner.withPropertyValues("llm.observations.without-tracer=true").run((context) -> {
			context.getBean(LlmRouter.class).call(ChatRequest.of("hello"));
			assertThat(context.getBean(Observed.class).names()).containsExactly("llm.request", "llm.attempt");
		});
	}

	@Test
	void withoutMicrometerTracingOnTheClassPathTheRouterDoesNotObserve() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Tracer.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			context.getBean(LlmRouter.class).call(ChatRequest.of("hello"));
			assertThat(context.getBean(Observed.class).names()).isEmpty();
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Observing {

		@Bean
		Observed observed() {
			return new Observed();
		}

		@Bean
		ObservationRegistry observationRegistry(Observed observed) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(observed);
			return registry;
		}

	}

	/** Names of the observations started, in order. */
	static class Observed implements ObservationHandler<Observation.Context> {

		private final List<String> names = new CopyOnWriteArrayList<>();

		@Override
		public void onStart(Observation.Context context) {
			this.names.add(context.getName());
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

		List<String> names() {
			return this.names;
		}

	}

}
