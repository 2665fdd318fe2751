package dev.llmfallback.autoconfigure;

import dev.llmfallback.LlmRouter;
import dev.llmfallback.springai.LlmRouterChatModel;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.model.tool.DefaultToolExecutionEligibilityPredicate;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.ToolExecutionEligibilityPredicate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the router as Spring AI's {@link ChatModel}, when Spring AI is
 * on the classpath and the application has no chat model of its own. It runs after every
 * auto-configuration of default order, Spring AI's provider models among them, so that a
 * Spring AI provider starter keeps its model and {@code ChatClient} never finds two.
 */
@AutoConfiguration(after = LlmAutoConfiguration.class)
@AutoConfigureOrder(Ordered.LOWEST_PRECEDENCE)
@ConditionalOnClass(ChatModel.class)
@ConditionalOnBean(LlmRouter.class)
public class LlmSpringAiAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ChatModel.class)
	LlmRouterChatModel llmRouterChatModel(LlmRouter router, ObjectProvider<ToolCallingManager> toolCallingManager,
			ObjectProvider<ToolExecutionEligibilityPredicate> toolExecutionEligibility) {
		return new LlmRouterChatModel(router,
				toolCallingManager.getIfUnique(() -> ToolCallingManager.builder().build()),
				toolExecutionEligibility.getIfUnique(DefaultToolExecutionEligibilityPredicate::new),
				ToolCallingChatOptions.builder().build());
	}

}
