package dev.llmfallback.springai;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.DefaultToolCallingChatOptions;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

/**
 * The options of {@link LlmRouterChatModel}: Spring AI's tool-calling options and the
 * JSON Schema of a structured answer, which a {@code ChatClient} sets when asked for
 * native structured output ({@code AdvisorParams.ENABLE_NATIVE_STRUCTURED_OUTPUT}) and
 * the router has every provider follow.
 */
public class LlmRouterChatOptions extends DefaultToolCallingChatOptions implements StructuredOutputChatOptions {

	private String outputSchema;

	/**
	 * Options holding the values of others: their tool-calling fields and output schema
	 * when they have them.
	 * @param options the options to copy
	 * @return the copy
	 */
	public static LlmRouterChatOptions from(ChatOptions options) {
		LlmRouterChatOptions copy = new LlmRouterChatOptions();
		copy.setModel(options.getModel());
		copy.setFrequencyPenalty(options.getFrequencyPenalty());
		copy.setMaxTokens(options.getMaxTokens());
		copy.setPresencePenalty(options.getPresencePenalty());
		copy.setStopSequences(
				(options.getStopSequences() != null) ? new ArrayList<>(options.getStopSequences()) : null);
		copy.setTemperature(options.getTemperature());
		copy.setTopK(options.getTopK());
		copy.setTopP(options.getTopP());
		if (options instanceof ToolCallingChatOptions tools) {
			copy.setToolCallbacks(new ArrayList<>(tools.getToolCallbacks()));
			copy.setToolNames(new HashSet<>(tools.getToolNames()));
			copy.setToolContext(new HashMap<>(tools.getToolContext()));
			copy.setInternalToolExecutionEnabled(tools.getInternalToolExecutionEnabled());
		}
		if (options instanceof StructuredOutputChatOptions structured) {
			copy.setOutputSchema(structured.getOutputSchema());
		}
		return copy;
	}

	@Override
	public String getOutputSchema() {
		return this.outputSchema;
	}

	@Override
	public void setOutputSchema(String outputSchema) {
		this.outputSchema = outputSchema;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T extends ChatOptions> T copy() {
		return (T) from(this);
	}

}
