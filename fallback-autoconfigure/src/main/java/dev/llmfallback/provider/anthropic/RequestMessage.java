package dev.llmfallback.provider.anthropic;

import java.util.List;

/**
 * One turn of the request's {@code messages}.
 *
 * @param role {@code user} or {@code assistant}
 * @param content a plain string, or a list of {@link RequestContentBlock}s
 */
record RequestMessage(String role, Object content) {

	/**
	 * A turn of plain text.
	 * @param role the role
	 * @param text the text
	 * @return the turn
	 */
	static RequestMessage ofText(String role, String text) {
		return new RequestMessage(role, text);
	}

	/**
	 * A turn of content blocks.
	 * @param role the role
	 * @param blocks the blocks
	 * @return the turn
	 */
	static RequestMessage ofBlocks(String role, List<RequestContentBlock> blocks) {
		return new RequestMessage(role, List.copyOf(blocks));
	}

}
