package dev.llmfallback.autoconfigure;

import org.junit.jupiter.api.Test;

import dev.llmfallback.springai.LlmRouterChatModel;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the router becomes Spring AI's chat model, and when it leaves that to another.
 */
class LlmSpringAiAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class, LlmSpringAiAutoConfiguration.class,
				JacksonAutoConfiguration.class, WebClientAutoConfiguration.class))
		.withPropertyValues("llm.providers[0].name=openai", "llm.providers[0].model=gpt-4o",
				"llm.providers[0].api-key=sk-openai-test-key-1234567890");

	@Test
	void routerIsTheChatModelWhenSpringAiIsPresent() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(ChatModel.class)
			.getBean(ChatModel.class)
			.isInstanceOf(LlmRouterChatModel.class));
	}

	@Test
	void applicationsOwnChatModelWins() {
		this.contextRunner.withUserConfiguration(UserChatModel.class)
			.run((context) -> assertThat(context).hasSingleBean(ChatModel.class)
				.doesNotHaveBean(LlmRouterChatModel.class));
	}

	@Test
	void aSpringAiProviderAutoConfigurationKeepsItsModelWhateverTheOrderOfTheirNames() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(ProviderChatModelAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(ChatModel.class)
				.doesNotHaveBean(LlmRouterChatModel.class));
	}

	@Test
	void theApplicationsToolCallingManagerIsUsed() {
		this.contextRunner.withBean(ToolCallingManager.class, () -> ToolCallingManager.builder().build())
			.run((context) -> assertThat(context.getBean(LlmRouterChatModel.class)).extracting("toolCallingManager")
				.isSameAs(context.getBean(ToolCallingManager.class)));
	}

	@Test
	void absentWithoutSpringAi() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ChatModel.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("llmRouterChatModel"));
	}

	@Test
	void absentWhenTheRouterIsOff() {
		this.contextRunner.withPropertyValues("llm.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ChatModel.class));
	}

	private static ChatModel fixed() {
		return (Prompt prompt) -> new ChatResponse(java.util.List.of());
	}

	@Configuration(proxyBeanMethods = false)
	static class UserChatModel {

		@Bean
		ChatModel userChatModel() {
			return fixed();
		}

	}

	/**
	 * Like Spring AI's provider auto-configurations: default order, and a name that sorts
	 * after the router's.
	 */
	@AutoConfiguration
	static class ProviderChatModelAutoConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "providerChatModel")
		ChatModel providerChatModel() {
			return fixed();
		}

	}

}
