package dev.llmfallback.routing;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.Message;
import dev.llmfallback.ToolCall;
import dev.llmfallback.ToolDefinition;

/**
 * A quick, provider-independent estimate of a request's size in tokens: about four
 * characters a token, which errs on the large side for English and code.
 */
final class TokenEstimator {

	private static final int CHARS_PER_TOKEN = 4;

	private static final int TOKENS_PER_MESSAGE = 4;

	private TokenEstimator() {
	}

	static long inputTokens(ChatRequest request) {
		long chars = (request.system() != null) ? request.system().length() : 0;
		long tokens = 0;
		for (Message message : request.messages()) {
			chars += message.content().length();
			for (ToolCall call : message.toolCalls()) {
				chars += call.name().length() + call.arguments().length();
			}
			tokens += TOKENS_PER_MESSAGE;
		}
		for (ToolDefinition tool : request.tools()) {
			chars += tool.name().length() + tool.description().length() + tool.parameters().toString().length();
		}
		return tokens + tokens(chars);
	}

	static long tokens(long chars) {
		return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
	}

}
