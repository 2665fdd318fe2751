package dev.llmfallback.actuator;

import java.util.Map;

/**
 * Extra details of the {@code llm} health contributor, for example whether the shared
 * store answers. Declare beans of this type to add them; they read state only.
 */
@FunctionalInterface
public interface LlmHealthDetails {

	/**
	 * The details to add.
	 * @return details by name
	 */
	Map<String, Object> healthDetails();

}
