package dev.llmfallback.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import dev.llmfallback.LlmRouter;
import dev.llmfallback.provider.ProviderWebClients;
import dev.llmfallback.resilience.ResilienceRegistries;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link LlmRouter} bean an application injects: a non-web Spring Boot application
 * with the starter, every auto-configuration on its class path on, as
 * {@code @SpringBootApplication} turns them on, configured by {@code llm.*} properties as
 * a user would write them. So the router is measured with what comes with it in an
 * application: Boot's meter registry and {@code ObservationRegistry} (which observes the
 * HTTP calls; without a tracer the router makes no observations of its own), and
 * Resilience4j's own auto-configuration (its event buffers and metrics).
 */
final class RouterContext implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	/**
	 * Start a context.
	 * @param properties the {@code llm.*} properties
	 * @param configurations further configurations, such as beans that replace
	 * auto-configured ones
	 */
	RouterContext(Map<String, Object> properties, Class<?>... configurations) {
		List<Class<?>> sources = new ArrayList<>(List.of(Application.class));
		sources.addAll(List.of(configurations));
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("logging.level.root", "warn");
		all.put("llm.timeouts.deadline", "60s");
		all.putAll(properties);
		this.context = new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(all)
			.run();
	}

	/**
	 * The properties of an OpenAI provider on a mock.
	 * @param index its index in {@code llm.providers}; its priority is one more
	 * @param name its name
	 * @param baseUrl the mock's URL
	 * @param response the response (and first-token) timeout
	 * @return the properties
	 */
	static Map<String, Object> openAi(int index, String name, URI baseUrl, Duration response) {
		String key = "llm.providers[" + index + "].";
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(key + "name", name);
		properties.put(key + "type", "openai");
		properties.put(key + "model", "gpt-4o");
		properties.put(key + "api-key", "bench-key-" + name);
		properties.put(key + "priority", index + 1);
		properties.put(key + "base-url", baseUrl.toString());
		properties.put(key + "connect-timeout", "2s");
		properties.put(key + "response-timeout", response.toMillis() + "ms");
		properties.put(key + "first-token-timeout", response.toMillis() + "ms");
		return properties;
	}

	LlmRouter router() {
		return this.context.getBean(LlmRouter.class);
	}

	/**
	 * The circuit breaker the router uses for a provider.
	 * @param provider the provider's name
	 * @return its breaker
	 */
	CircuitBreaker breaker(String provider) {
		return this.context.getBean(ResilienceRegistries.class).circuitBreakers().circuitBreaker(provider);
	}

	/**
	 * The factory of the router's WebClients, to give a plain WebClient the same pool
	 * settings.
	 * @return the factory
	 */
	ProviderWebClients webClients() {
		return this.context.getBean(ProviderWebClients.class);
	}

	@Override
	public void close() {
		this.context.close();
	}

	/**
	 * The application.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}
