package dev.llmfallback.gateway;

/**
 * Tool call ids that carry the call's {@link dev.llmfallback.ToolCall#signature()
 * signature} through OpenAI's format, which has no field for it: the gateway answers
 * {@code <id>__thought__<signature>}, as LiteLLM does, and an OpenAI client echoes that
 * id back in the assistant message and in the tool result, where the gateway splits it
 * again. So a tool loop through the gateway keeps Gemini's thought signatures. Spring
 * AI's tool calls, which have no field for it either, carry it the same way.
 */
public final class SignedToolCallIds {

	static final String SEPARATOR = "__thought__";

	private SignedToolCallIds() {
	}

	/**
	 * The id the gateway answers.
	 * @param id the call's id
	 * @param signature its signature, or {@code null}
	 * @return the id, with the signature when there is one
	 */
	public static String of(String id, String signature) {
		return (id != null && signature != null) ? id + SEPARATOR + signature : id;
	}

	/**
	 * The call's own id.
	 * @param id an id the gateway answered, or any other
	 * @return the id without its signature
	 */
	public static String callId(String id) {
		int separator = id.indexOf(SEPARATOR);
		return (separator >= 0) ? id.substring(0, separator) : id;
	}

	/**
	 * The call's signature.
	 * @param id an id the gateway answered, or any other
	 * @return the signature, or {@code null} when the id carries none
	 */
	public static String signature(String id) {
		int separator = id.indexOf(SEPARATOR);
		return (separator >= 0) ? id.substring(separator + SEPARATOR.length()) : null;
	}

}
