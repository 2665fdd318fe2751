package dev.llmfallback.autoconfigure.actuate;

import dev.llmfallback.actuator.LlmEndpoint;
import dev.llmfallback.actuator.RouterState;
import dev.llmfallback.actuator.WritableLlmEndpoint;
import dev.llmfallback.autoconfigure.LlmAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@code llm} actuator endpoint; its write operation only with
 * {@code llm.endpoint.write-enabled=true}.
 */
@AutoConfiguration(after = LlmAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(RouterState.class)
@ConditionalOnAvailableEndpoint(endpoint = LlmEndpoint.class)
public class LlmEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(LlmEndpoint.class)
	@ConditionalOnBooleanProperty(name = "llm.endpoint.write-enabled")
	WritableLlmEndpoint writableLlmEndpoint(RouterState state) {
		return new WritableLlmEndpoint(state);
	}

	@Bean
	@ConditionalOnMissingBean(LlmEndpoint.class)
	@ConditionalOnBooleanProperty(name = "llm.endpoint.write-enabled", havingValue = false, matchIfMissing = true)
	LlmEndpoint llmEndpoint(RouterState state) {
		return new LlmEndpoint(state);
	}

}
