package dev.llmfallback.provider.anthropic;

/**
 * Answer texts of the contract payloads, checked by hand against the files.
 */
final class ContractTexts {

	static final String JOKE = "Sure, here's a joke about OpenTelemetry:\n\n"
			+ "Why did the developer adopt OpenTelemetry?\n"
			+ "Because they wanted to trace their steps and meter their progress!\n\n" + "Explanation:\n"
			+ "OpenTelemetry is an open-source observability framework that provides a set of APIs, libraries, and tools "
			+ "to instrument, generate, collect, and export telemetry data (traces, metrics, and logs) for distributed "
			+ "systems. The joke plays on the words \"trace\" and \"meter,\" which are key concepts in OpenTelemetry.\n\n"
			+ "- \"Trace their steps\" refers to distributed tracing, which involves recording the path of a request as "
			+ "it travels through a system of microservices.\n"
			+ "- \"Meter their progress\" refers to metrics, which are quantitative measurements of a system's "
			+ "performance and behavior.\n\n"
			+ "The joke suggests that the developer adopted OpenTelemetry to gain better visibility and understanding "
			+ "of their application's behavior and performance, just like how one might trace their steps and meter "
			+ "their progress in real life.";

	static final String NEW_YORK = "Certainly! I'd be happy to help you with both the current weather in New York "
			+ "and the current time there. Let's use the available tools to get this information for you.";

	static final String STRAWBERRY = "The letter 'r' appears 3 times in the word \"strawberry\".";

	static final String SAN_FRANCISCO = "Certainly! I can help you with that information. To get the weather and "
			+ "current time in San Francisco, I'll need to use two separate functions. Let me fetch that data for you.";

	static final String TAX_GUIDE = "I'll create a comprehensive tax guide for someone with multiple W2s and save "
			+ "it in a file called taxes.txt. Let me do that for you now.";

	static final String SPAN_JOKE_START = "Here's an OpenTelemetry-themed joke for you:\n\n"
			+ "Why did the developer feel so lost when using OpenTelemetry?\nThey were in a Span of Confusion!";

	static final String SPAN_JOKE_END = "Let me know if you'd like to hear any other tech-themed jokes!";

	private ContractTexts() {
	}

}
