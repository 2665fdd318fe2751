package dev.llmfallback.sample.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the {@link ProviderSimulator} before the application context is refreshed and
 * points every configured provider at it: it copies the {@code llm.providers} list it
 * finds, with each entry's {@code base-url} replaced by the simulator's path for its wire
 * type and its {@code api-key} by a dummy. The application's own configuration therefore
 * names the real providers only. Switched off with
 * {@code sample.simulator.enabled=false}, which leaves the {@code llm.*} configuration as
 * it is given.
 */
public class SimulatorInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** The name of the property source that points the providers at the simulator. */
	public static final String PROPERTY_SOURCE = "providerSimulator";

	private static final Bindable<List<Map<String, Object>>> PROVIDER_LIST = Bindable.of(ResolvableType
		.forClassWithGenerics(List.class, ResolvableType.forClassWithGenerics(Map.class, String.class, Object.class)));

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (!environment.getProperty("sample.simulator.enabled", Boolean.class, true)) {
			return;
		}
		ProviderSimulator simulator = new ProviderSimulator(
				environment.getProperty("sample.simulator.port", Integer.class, 0),
				environment.getProperty("sample.simulator.latency", Duration.class, Duration.ZERO),
				environment.getProperty("sample.simulator.token-delay", Duration.class, Duration.ofMillis(30)));
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("sample.simulator.base-url", simulator.baseUrl());
		List<Map<String, Object>> providers = Binder.get(environment)
			.bind("llm.providers", PROVIDER_LIST)
			.orElse(List.of());
		for (int i = 0; i < providers.size(); i++) {
			String prefix = "llm.providers[" + i + "]";
			Map<String, Object> provider = providers.get(i);
			provider.forEach((key, value) -> {
				if (!isReplaced(key)) {
					flatten(prefix + "." + key, value, properties);
				}
			});
			properties.put(prefix + ".base-url", simulator.baseUrl() + path(provider));
			properties.put(prefix + ".api-key", "simulated-key");
		}
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
		context.getBeanFactory().registerSingleton("providerSimulator", simulator);
		context.addApplicationListener((event) -> {
			if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
				simulator.close();
			}
		});
	}

	private static String path(Map<String, Object> provider) {
		Object type = (provider.get("type") != null) ? provider.get("type") : provider.get("name");
		return switch (String.valueOf(type).toLowerCase(Locale.ROOT)) {
			case "anthropic" -> "/anthropic";
			case "google", "gemini" -> "/google";
			default -> "/openai/v1";
		};
	}

	private static boolean isReplaced(String key) {
		String uniform = key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
		return uniform.equals("baseurl") || uniform.equals("apikey");
	}

	private static void flatten(String name, Object value, Map<String, Object> properties) {
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, nested) -> flatten(name + "." + key, nested, properties));
		}
		else if (value instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				flatten(name + "[" + i + "]", list.get(i), properties);
			}
		}
		else {
			properties.put(name, value);
		}
	}

}
