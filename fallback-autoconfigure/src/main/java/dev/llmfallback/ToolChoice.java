package dev.llmfallback;

/**
 * Whether and which of its tools the model must call, whichever provider answers:
 * OpenAI's {@code tool_choice}, Anthropic's {@code tool_choice} and Gemini's
 * {@code toolConfig.functionCallingConfig}. A request without one leaves it to the
 * provider, which lets the model choose.
 *
 * @param mode whether a tool must be called
 * @param name the tool that must be called, for {@link Mode#TOOL} only
 */
public record ToolChoice(Mode mode, String name) {

	private static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);

	private static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);

	private static final ToolChoice REQUIRED = new ToolChoice(Mode.REQUIRED, null);

	public ToolChoice {
		if (mode == null) {
			throw new IllegalArgumentException("ToolChoice.mode must be set");
		}
		if ((mode == Mode.TOOL) != (name != null && !name.isBlank())) {
			throw new IllegalArgumentException("ToolChoice.name must be set for mode TOOL, and only for it");
		}
	}

	/**
	 * The model answers or calls tools, as it sees fit.
	 * @return the choice
	 */
	public static ToolChoice auto() {
		return AUTO;
	}

	/**
	 * The model calls no tool.
	 * @return the choice
	 */
	public static ToolChoice none() {
		return NONE;
	}

	/**
	 * The model calls one tool or more.
	 * @return the choice
	 */
	public static ToolChoice required() {
		return REQUIRED;
	}

	/**
	 * The model calls the named tool.
	 * @param name the tool's name
	 * @return the choice
	 */
	public static ToolChoice tool(String name) {
		return new ToolChoice(Mode.TOOL, name);
	}

	/**
	 * Whether a tool must be called.
	 */
	public enum Mode {

		/** The model chooses. */
		AUTO,

		/** No tool. */
		NONE,

		/** At least one tool. */
		REQUIRED,

		/** The named tool. */
		TOOL

	}

}
