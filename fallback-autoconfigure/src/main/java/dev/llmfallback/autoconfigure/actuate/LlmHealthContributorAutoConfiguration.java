package dev.llmfallback.autoconfigure.actuate;

import dev.llmfallback.actuator.LlmHealthDetails;
import dev.llmfallback.actuator.LlmHealthIndicator;
import dev.llmfallback.actuator.RouterState;
import dev.llmfallback.autoconfigure.LlmAutoConfiguration;
import dev.llmfallback.autoconfigure.LlmProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@code llm} health contributor; switched off with
 * {@code management.health.llm.enabled=false}.
 */
@AutoConfiguration(after = LlmAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(RouterState.class)
@ConditionalOnEnabledHealthIndicator("llm")
public class LlmHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "llmHealthIndicator")
	LlmHealthIndicator llmHealthIndicator(RouterState state, LlmProperties properties,
			ObjectProvider<LlmHealthDetails> extraDetails) {
		return new LlmHealthIndicator(state, properties.getHealth().isDownWhenStaticOnly(),
				extraDetails.orderedStream().toList());
	}

}
