package dev.llmfallback.actuator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.llmfallback.provider.ProviderClient;
import dev.llmfallback.provider.ProviderClientFactory;
import dev.llmfallback.routing.ScriptedProviderClient;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * An application with the starter whose providers are in-test scripts the tests steer.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class ActuatorTestApplication {

	@Bean
	Clients clients() {
		return new Clients();
	}

	@Bean
	ProviderClientFactory scriptedClients(Clients clients) {
		return (settings) -> clients.create(settings.name(), settings.priority(), settings.tier());
	}

	static class Clients {

		private final Map<String, ScriptedProviderClient> clients = new ConcurrentHashMap<>();

		ProviderClient create(String name, int priority, dev.llmfallback.Tier tier) {
			ScriptedProviderClient client = new ScriptedProviderClient(name, priority, tier);
			this.clients.put(name, client);
			return client;
		}

		ScriptedProviderClient get(String name) {
			return this.clients.get(name);
		}

	}

}
