package dev.llmfallback.sample.simulator;

import java.time.Duration;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the {@link ProviderSimulator} before the application context is refreshed, so
 * that the providers' base URLs can point at it through
 * {@code sample.simulator.base-url}. Switched off with
 * {@code sample.simulator.enabled=false}.
 */
public class SimulatorInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (!environment.getProperty("sample.simulator.enabled", Boolean.class, true)) {
			return;
		}
		ProviderSimulator simulator = new ProviderSimulator(
				environment.getProperty("sample.simulator.port", Integer.class, 0),
				environment.getProperty("sample.simulator.token-delay", Duration.class, Duration.ofMillis(30)));
		environment.getPropertySources()
			.addFirst(new MapPropertySource("providerSimulator",
					Map.of("sample.simulator.base-url", simulator.baseUrl())));
		context.getBeanFactory().registerSingleton("providerSimulator", simulator);
		context.addApplicationListener((event) -> {
			if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
				simulator.close();
			}
		});
	}

}
