package dev.llmfallback.autoconfigure;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.llmfallback.LlmRouter;
import dev.llmfallback.provider.DefaultProviderClientFactory;
import dev.llmfallback.provider.ProviderClientFactory;
import dev.llmfallback.provider.ProviderWebClientCustomizer;
import dev.llmfallback.provider.ProviderWebClients;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@link LlmRouter}: validated settings, one WebClient and
 * client per provider, each decorated with its Resilience4j instances, and the router
 * over them.
 */
@AutoConfiguration(after = { JacksonAutoConfiguration.class, WebClientAutoConfiguration.class },
		afterName = { "io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration",
				"io.github.resilience4j.springboot3.retry.autoconfigure.RetryAutoConfiguration",
				"io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration",
				"io.github.resilience4j.springboot3.ratelimiter.autoconfigure.RateLimiterAutoConfiguration",
				"io.github.resilience4j.springboot3.bulkhead.autoconfigure.BulkheadAutoConfiguration" })
@ConditionalOnClass(WebClient.class)
@ConditionalOnBooleanProperty(name = "llm.enabled", matchIfMissing = true)
@EnableConfigurationProperties(LlmProperties.class)
@Import({ ResilienceConfiguration.class, RouterConfiguration.class })
public class LlmAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LlmSettings llmSettings(LlmProperties properties, Environment environment) {
		return new LlmPropertiesMapper(environment::getProperty).map(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	ProviderWebClients providerWebClients(ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<ProviderWebClientCustomizer> customizers, LlmSettings settings, LlmProperties properties) {
		// settings first: they validate llm.http.max-connections
		return new ProviderWebClients(webClientBuilder.getIfAvailable(WebClient::builder),
				customizers.orderedStream().toList(), properties.getHttp().getMaxConnections());
	}

	@Bean
	@ConditionalOnMissingBean
	ProviderClientFactory providerClientFactory(ProviderWebClients webClients,
			ObjectProvider<ObjectMapper> objectMapper) {
		return new DefaultProviderClientFactory(webClients, objectMapper.getIfAvailable(ObjectMapper::new));
	}

}
