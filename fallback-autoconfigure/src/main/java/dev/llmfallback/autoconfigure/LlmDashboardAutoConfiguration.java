package dev.llmfallback.autoconfigure;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.llmfallback.actuator.RouterState;
import dev.llmfallback.dashboard.LlmDashboard;
import dev.llmfallback.routing.LatencyTracker;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the opt-in live dashboard ({@code llm.dashboard.enabled}) in
 * reactive web applications.
 */
@AutoConfiguration(after = LlmAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnBooleanProperty("llm.dashboard.enabled")
@ConditionalOnBean({ RouterState.class, LatencyTracker.class })
@EnableConfigurationProperties(LlmProperties.class)
public class LlmDashboardAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LlmDashboard llmDashboard(RouterState state, LatencyTracker latencies, LlmProperties properties,
			ObjectProvider<ObjectMapper> objectMapper) {
		return new LlmDashboard(state, latencies, objectMapper.getIfAvailable(ObjectMapper::new),
				properties.getDashboard().getRefreshInterval(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean(name = "llmDashboardRouterFunction")
	RouterFunction<ServerResponse> llmDashboardRouterFunction(LlmDashboard dashboard, LlmProperties properties) {
		return dashboard.routes(properties.getDashboard().getPath());
	}

}
