package dev.llmfallback.autoconfigure;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidLlmPropertiesException} at start-up, one line per property.
 */
class InvalidLlmPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<InvalidLlmPropertiesException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidLlmPropertiesException cause) {
		String description = cause.getProblems()
			.stream()
			.map((problem) -> "    - " + problem)
			.collect(Collectors.joining(System.lineSeparator(),
					"The LLM router's configuration is invalid:" + System.lineSeparator(), ""));
		return new FailureAnalysis(description,
				"Correct the 'llm.*' properties named above in your application configuration.", cause);
	}

}
