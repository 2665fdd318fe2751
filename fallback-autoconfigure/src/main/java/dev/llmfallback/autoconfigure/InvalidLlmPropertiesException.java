package dev.llmfallback.autoconfigure;

import java.util.List;

/**
 * Thrown at start-up when {@code llm.*} properties are invalid; lists every problem, each
 * naming its property.
 */
public class InvalidLlmPropertiesException extends IllegalStateException {

	private final List<String> problems;

	/**
	 * Create the exception.
	 * @param problems one message per problem, each naming its property
	 */
	public InvalidLlmPropertiesException(List<String> problems) {
		super("Invalid LLM configuration: " + String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	/**
	 * Every problem found.
	 * @return the messages, each naming its property
	 */
	public List<String> getProblems() {
		return this.problems;
	}

}
