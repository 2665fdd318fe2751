package dev.llmfallback.autoconfigure.actuate;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import dev.llmfallback.autoconfigure.LlmAutoConfiguration;
import dev.llmfallback.autoconfigure.LlmProperties;
import dev.llmfallback.autoconfigure.LlmSettings;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.provider.ProviderType;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Keeps the providers' and the gateway's keys out of {@code /actuator/configprops} and
 * {@code /actuator/env} whatever the application's {@code show-values} setting: any
 * {@code api-key} or {@code api-keys} property under {@code llm}, the usual key
 * environment variables, and any value equal to a configured key.
 */
@AutoConfiguration(after = LlmAutoConfiguration.class)
@ConditionalOnClass(SanitizingFunction.class)
@ConditionalOnBean(LlmSettings.class)
public class LlmSecretsAutoConfiguration {

	@Bean
	SanitizingFunction llmSecretsSanitizingFunction(LlmSettings settings, LlmProperties properties) {
		Set<String> secrets = new HashSet<>();
		settings.providers().stream().map(ProviderSettings::apiKey).filter((key) -> key != null).forEach(secrets::add);
		secrets.addAll(properties.getGateway().getApiKeys());
		Set<String> variables = new HashSet<>();
		for (ProviderType type : ProviderType.values()) {
			variables.addAll(type.apiKeyVariables());
		}
		return (data) -> isSecret(data, secrets, variables) ? data.withValue(SanitizableData.SANITIZED_VALUE) : data;
	}

	private static boolean isSecret(SanitizableData data, Set<String> secrets, Set<String> variables) {
		String key = data.getLowerCaseKey();
		Object value = data.getValue();
		boolean apiKey = key.contains("apikey") || key.contains("api-key") || key.contains("api_key");
		return apiKey || variables.contains(data.getKey().toUpperCase(Locale.ROOT))
				|| (value != null && secrets.contains(value.toString()));
	}

}
