package dev.llmfallback.autoconfigure;

import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.llmfallback.LlmRouter;
import dev.llmfallback.gateway.GatewayApiKeys;
import dev.llmfallback.gateway.GatewayModel;
import dev.llmfallback.gateway.GatewayModels;
import dev.llmfallback.gateway.LlmGateway;
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
 * Auto-configuration} of the opt-in OpenAI-compatible gateway
 * ({@code llm.gateway.enabled}) in front of the {@link LlmRouter}, in reactive web
 * applications.
 */
@AutoConfiguration(after = LlmAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnBooleanProperty("llm.gateway.enabled")
@ConditionalOnBean(LlmRouter.class)
@EnableConfigurationProperties(LlmProperties.class)
public class LlmGatewayAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LlmGateway llmGateway(LlmRouter router, LlmProperties properties, ObjectProvider<LlmSettings> settings,
			ObjectProvider<ObjectMapper> objectMapper) {
		List<GatewayModel> models = settings.stream()
			.flatMap((resolved) -> resolved.providers().stream())
			.map((provider) -> new GatewayModel(provider.model(), provider.name()))
			.toList();
		return new LlmGateway(router, new GatewayModels(models),
				new GatewayApiKeys(properties.getGateway().getApiKeys()),
				objectMapper.getIfAvailable(ObjectMapper::new), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean(name = "llmGatewayRouterFunction")
	RouterFunction<ServerResponse> llmGatewayRouterFunction(LlmGateway gateway, LlmProperties properties) {
		return gateway.routes(properties.getGateway().getPath());
	}

}
