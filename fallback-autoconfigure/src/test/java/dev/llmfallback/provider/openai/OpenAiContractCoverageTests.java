package dev.llmfallback.provider.openai;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.Message;
import dev.llmfallback.ResponseFormat;
import dev.llmfallback.ToolCall;
import dev.llmfallback.ToolChoice;
import dev.llmfallback.Tier;
import dev.llmfallback.ToolDefinition;
import dev.llmfallback.provider.ContractPayloads;
import dev.llmfallback.provider.ProviderSettings;
import dev.llmfallback.provider.ProviderTimeouts;
import dev.llmfallback.provider.ProviderType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that every file of {@code contracts/openai} is exercised, and that the fields the
 * codec sends and reads exist in OpenAI's spec.
 */
class OpenAiContractCoverageTests {

	private static Map<String, Object> schemas;

	@BeforeAll
	@SuppressWarnings("unchecked")
	static void loadSpec() {
		LoaderOptions options = new LoaderOptions();
		options.setCodePointLimit(16 * 1024 * 1024);
		Map<String, Object> spec = new Yaml(options)
			.load(ContractPayloads.read(OpenAiContracts.path(OpenAiContracts.SPEC.get(0))));
		schemas = (Map<String, Object>) ((Map<String, Object>) spec.get("components")).get("schemas");
	}

	static Stream<String> licenses() {
		return OpenAiContracts.LICENSES.stream();
	}

	@Test
	void everyContractFileIsExercised() throws IOException, URISyntaxException {
		URL folder = getClass().getResource("/contracts/" + OpenAiContracts.FOLDER);
		assertThat(folder).isNotNull();
		Path root = Paths.get(folder.toURI());
		Set<String> files = new LinkedHashSet<>();
		try (Stream<Path> walk = Files.walk(root)) {
			walk.filter(Files::isRegularFile)
				.forEach((path) -> files.add(root.relativize(path).toString().replace('\\', '/')));
		}
		List<String> listed = OpenAiContracts.all().toList();
		assertThat(files).hasSizeGreaterThan(50);
		assertThat(listed).doesNotHaveDuplicates();
		assertThat(listed).as("files no test exercises").containsAll(files);
		assertThat(files).as("listed files that do not exist").containsAll(listed);
	}

	@ParameterizedTest
	@MethodSource("licenses")
	void licenceIsMitOrApache(String file) {
		String text = ContractPayloads.read(OpenAiContracts.path(file));
		assertThat(text).containsAnyOf("Permission is hereby granted, free of charge",
				"Apache License\n                           Version 2.0");
	}

	@Test
	void requestFieldsExistInSpec() {
		Set<String> requestFields = properties("CreateChatCompletionRequest");
		ChatRequest request = ChatRequest.builder()
			.system("s")
			.user("u")
			.message(Message.assistant("", List.of(new ToolCall("c", "f", "{}"))))
			.message(Message.toolResult("c", "f", "r"))
			.tool(new ToolDefinition("f", "d", null))
			.maxTokens(5)
			.temperature(1.0)
			.stopSequences(List.of("x"))
			.responseFormat(ResponseFormat.strictJsonSchema("answer", Map.of("type", "object")))
			.toolChoice(ToolChoice.tool("f"))
			.build();
		for (ProviderType type : List.of(ProviderType.OPENAI, ProviderType.OPENAI_COMPATIBLE)) {
			Duration second = Duration.ofSeconds(1);
			ProviderSettings settings = new ProviderSettings("n", type, "m", 1, Tier.FULL,
					URI.create("http://localhost"), null, null, new ProviderTimeouts(second, second, second), null,
					null, Map.of());
			Map<String, Object> body = OpenAiTestSupport.MAPPER
				.convertValue(new OpenAiRequestMapper(settings).map(request, true), Map.class);
			assertThat(body).isNotEmpty();
			assertThat(requestFields).containsAll(body.keySet());
		}
		assertThat(properties("ChatCompletionStreamOptions")).contains("include_usage");
		assertThat(properties("ChatCompletionRequestToolMessage")).contains("role", "content", "tool_call_id");
		assertThat(properties("ChatCompletionRequestAssistantMessage")).contains("role", "content", "tool_calls");
		assertThat(properties("ChatCompletionMessageToolCall")).contains("id", "type", "function");
		assertThat(properties("FunctionObject")).contains("name", "description", "parameters");
		assertThat(properties("ResponseFormatJsonSchema")).contains("type", "json_schema");
		assertThat(properties("ResponseFormatJsonObject")).contains("type");
		assertThat(properties("ChatCompletionNamedToolChoice")).contains("type", "function");
		assertThat(nestedProperties("ResponseFormatJsonSchema", "json_schema")).contains("name", "schema", "strict");
	}

	@SuppressWarnings("unchecked")
	private static Set<String> nestedProperties(String schemaName, String property) {
		Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) schemas.get(schemaName))
			.get("properties");
		return ((Map<String, Object>) ((Map<String, Object>) properties.get(property)).get("properties")).keySet();
	}

	@Test
	void responseFieldsExistInSpec() {
		assertThat(properties("CreateChatCompletionResponse")).contains("model", "choices", "usage");
		assertThat(properties("CreateChatCompletionStreamResponse")).contains("model", "choices", "usage");
		assertThat(properties("ChatCompletionResponseMessage")).contains("content", "refusal", "tool_calls");
		assertThat(properties("ChatCompletionStreamResponseDelta")).contains("content", "refusal", "tool_calls");
		assertThat(properties("CompletionUsage")).contains("prompt_tokens", "completion_tokens",
				"prompt_tokens_details");
		assertThat(properties("Error")).contains("message", "type", "code");
	}

	/** The property names of a schema, following {@code allOf} and {@code $ref}. */
	@SuppressWarnings("unchecked")
	private static Set<String> properties(String schemaName) {
		Map<String, Object> schema = (Map<String, Object>) schemas.get(schemaName);
		assertThat(schema).as("schema %s", schemaName).isNotNull();
		Set<String> names = new LinkedHashSet<>();
		collect(schema, names);
		return names;
	}

	@SuppressWarnings("unchecked")
	private static void collect(Map<String, Object> schema, Set<String> names) {
		Object ref = schema.get("$ref");
		if (ref instanceof String path) {
			collect((Map<String, Object>) schemas.get(path.substring(path.lastIndexOf('/') + 1)), names);
		}
		Object properties = schema.get("properties");
		if (properties instanceof Map<?, ?> map) {
			map.keySet().forEach((name) -> names.add((String) name));
		}
		for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
			if (schema.get(combinator) instanceof List<?> parts) {
				parts.forEach((part) -> collect((Map<String, Object>) part, names));
			}
		}
	}

}
