package dev.llmfallback.autoconfigure.actuate;

import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;

import dev.llmfallback.actuator.LlmBudgetMetrics;
import dev.llmfallback.actuator.LlmMetrics;
import dev.llmfallback.autoconfigure.LlmAutoConfiguration;
import dev.llmfallback.autoconfigure.LlmProperties;
import dev.llmfallback.autoconfigure.LlmSettings;
import dev.llmfallback.cost.BudgetTracker;
import dev.llmfallback.provider.ProviderSettings;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the router's Micrometer meters, when the application has a
 * {@link MeterRegistry}.
 */
@AutoConfiguration(after = LlmAutoConfiguration.class, afterName = {
		"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, LlmSettings.class })
public class LlmMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LlmMetrics llmMetrics(MeterRegistry registry, LlmSettings settings, LlmProperties properties) {
		return new LlmMetrics(registry,
				settings.providers().stream().collect(Collectors.toMap(ProviderSettings::name, Function.identity())),
				properties.getMetrics().getRequestTags());
	}

	@Bean
	@ConditionalOnMissingBean
	LlmBudgetMetrics llmBudgetMetrics(BudgetTracker budget) {
		return new LlmBudgetMetrics(budget);
	}

}
