package dev.llmfallback.provider.gemini;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.llmfallback.ChatRequest;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.FinishReason;
import dev.llmfallback.Message;
import dev.llmfallback.ResponseFormat;
import dev.llmfallback.ToolCall;
import dev.llmfallback.ToolChoice;
import dev.llmfallback.ToolDefinition;
import dev.llmfallback.provider.ContractPayloads;
import dev.llmfallback.provider.ProviderType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the codec against Gemini's official protobuf schema and service configuration:
 * every JSON field it sends or reads exists in the proto messages, every finish reason
 * and canonical code is known.
 */
class GeminiSpecTests {

	private static final String PROTO = "gemini/proto/google/";

	private static final String V1BETA = PROTO + "ai/generativelanguage/v1beta/";

	static final List<String> FILES = List.of("gemini/LICENSE", "gemini/examples/LICENSES/generative-ai-js.LICENSE",
			"gemini/examples/LICENSES/openllmetry.LICENSE", "gemini/examples/LICENSES/pydantic-ai.LICENSE",
			V1BETA + "citation.proto", V1BETA + "content.proto", V1BETA + "generative_service.proto",
			V1BETA + "retriever.proto", V1BETA + "safety.proto", V1BETA + "generativeai_grpc_service_config.json",
			V1BETA + "generativelanguage_v1beta.yaml", PROTO + "rpc/code.proto", PROTO + "rpc/error_details.proto",
			PROTO + "rpc/status.proto");

	private static final Pattern FIELD = Pattern
		.compile("(?m)^\\s*(?:optional\\s+|repeated\\s+)?[\\w.]+(?:<[^>]+>)?\\s+(\\w+)\\s*=\\s*\\d+");

	private static final Pattern ENUM_VALUE = Pattern.compile("(?m)^\\s*([A-Z][A-Z0-9_]*)\\s*=\\s*\\d+\\s*;");

	private final String service = ContractPayloads.read(V1BETA + "generative_service.proto");

	private final String content = ContractPayloads.read(V1BETA + "content.proto");

	@Test
	void everyRequestFieldSentExistsInTheProtoMessages() {
		ChatRequest request = ChatRequest.builder()
			.system("S")
			.user("U")
			.message(Message.assistant("A", List.of(new ToolCall("c1", "f", "{\"a\":1}"))))
			.message(Message.toolResult("c1", "f", "ok"))
			.tool(new ToolDefinition("f", "F", Map.of("type", "object")))
			.tool(new ToolDefinition("g", "G", Map.of("type", "object", "additionalProperties", false)))
			.maxTokens(10)
			.temperature(0.1)
			.stopSequences(List.of("x"))
			.toolChoice(ToolChoice.tool("f"))
			.build();
		var settings = GeminiTestSupport.settings(URI.create("http://localhost"), java.time.Duration.ofSeconds(1));
		JsonNode body = GeminiTestSupport.JSON
			.valueToTree(new GeminiRequests(settings, GeminiTestSupport.JSON).toGemini(request));
		assertFieldsIn(body, this.service, "GenerateContentRequest");
		assertFieldsIn(body.path("generationConfig"), this.service, "GenerationConfig");
		assertFieldsIn(body.path("systemInstruction"), this.content, "Content");
		List<String> partFields = new ArrayList<>();
		for (JsonNode turn : body.path("contents")) {
			assertFieldsIn(turn, this.content, "Content");
			for (JsonNode part : turn.path("parts")) {
				assertFieldsIn(part, this.content, "Part");
				part.fieldNames().forEachRemaining(partFields::add);
				assertFieldsIn(part.path("functionCall"), this.content, "FunctionCall");
				assertFieldsIn(part.path("functionResponse"), this.content, "FunctionResponse");
			}
		}
		assertThat(partFields).contains("text", "functionCall", "functionResponse");
		assertFieldsIn(body.at("/tools/0"), this.content, "Tool");
		for (JsonNode declaration : body.at("/tools/0/functionDeclarations")) {
			assertFieldsIn(declaration, this.content, "FunctionDeclaration");
		}
		assertThat(body.has("toolConfig")).isTrue();
		assertFieldsIn(body.path("toolConfig"), this.content, "ToolConfig");
		assertFieldsIn(body.at("/toolConfig/functionCallingConfig"), this.content, "FunctionCallingConfig");
		assertThat(enumValues(block(block(this.content, "message FunctionCallingConfig"), "enum Mode")))
			.contains("AUTO", "ANY", "NONE");
	}

	@Test
	void responseFormatFieldsExistInGenerationConfig() {
		var settings = GeminiTestSupport.settings(URI.create("http://localhost"), java.time.Duration.ofSeconds(1));
		GeminiRequests requests = new GeminiRequests(settings, GeminiTestSupport.JSON);
		for (Map<String, Object> schema : List.<Map<String, Object>>of(Map.of("type", "object"),
				Map.of("type", "object", "additionalProperties", false))) {
			JsonNode config = GeminiTestSupport.JSON.valueToTree(requests
				.toGemini(
						ChatRequest.builder().user("U").responseFormat(ResponseFormat.jsonSchema("s", schema)).build())
				.generationConfig());
			assertThat(config.size()).isEqualTo(2);
			assertFieldsIn(config, this.service, "GenerationConfig");
		}
	}

	@Test
	void everyResponseFieldReadExistsInTheProtoMessages() {
		assertComponentsIn(GeminiResponse.class, this.service, "GenerateContentResponse");
		assertComponentsIn(GeminiCandidate.class, this.service, "Candidate");
		assertComponentsIn(GeminiUsageMetadata.class, this.service, "UsageMetadata");
		assertComponentsIn(GeminiPromptFeedback.class, this.service, "PromptFeedback");
		assertComponentsIn(GeminiPart.class, this.content, "Part");
		assertComponentsIn(GeminiFunctionCall.class, this.content, "FunctionCall");
		assertComponentsIn(GeminiFunctionDeclaration.class, this.content, "FunctionDeclaration");
		assertThat(fields(this.service, "Candidate")).as("citation.proto's message is a Candidate field")
			.contains("citation_metadata");
		assertThat(ContractPayloads.read(V1BETA + "citation.proto")).contains("message CitationMetadata {");
	}

	@Test
	void everyProtoFinishReasonIsNormalised() {
		List<String> reasons = enumValues(block(this.service, "enum FinishReason"));
		assertThat(reasons).contains("STOP", "MAX_TOKENS", "SAFETY", "RECITATION", "SPII", "TOO_MANY_TOOL_CALLS");
		for (String reason : reasons) {
			FinishReason expected = switch (reason) {
				case "STOP" -> FinishReason.STOP;
				case "MAX_TOKENS" -> FinishReason.LENGTH;
				default -> reason.matches(".*(SAFETY|RECITATION|BLOCKLIST|PROHIBITED|SPII).*")
						? FinishReason.CONTENT_FILTER : FinishReason.OTHER;
			};
			assertThat(GeminiFinishReasons.of(reason, false)).as(reason).isEqualTo(expected);
		}
	}

	@Test
	void fixtureSafetyCategoriesAreProtoHarmCategories() {
		List<String> categories = enumValues(
				block(ContractPayloads.read(V1BETA + "safety.proto"), "enum HarmCategory"));
		JsonNode fixture = GeminiTestSupport
			.json(ContractPayloads.read("gemini/examples/generate-content-finish-reason-safety.json"));
		assertThat(fixture.at("/candidates/0/safetyRatings")).isNotEmpty()
			.allSatisfy((rating) -> assertThat(categories).contains(rating.path("category").asText()));
	}

	@Test
	void generativeServiceImportsResolveToTheCopiedProtos() {
		Matcher imports = Pattern.compile("import \"(google/ai/[^\"]+)\";").matcher(this.service);
		Set<String> resolved = new HashSet<>();
		while (imports.find()) {
			String path = "gemini/proto/" + imports.group(1);
			assertThat(ContractPayloads.read(path)).contains("package google.ai.generativelanguage.v1beta;");
			resolved.add(path);
		}
		assertThat(resolved).containsExactlyInAnyOrder(V1BETA + "citation.proto", V1BETA + "content.proto",
				V1BETA + "retriever.proto", V1BETA + "safety.proto");
	}

	@Test
	void pathsFollowTheHttpBindings() {
		assertThat(this.service)
			.contains("post: \"/" + GeminiClient.DEFAULT_API_VERSION + "/{model=models/*}:generateContent\"")
			.contains("post: \"/" + GeminiClient.DEFAULT_API_VERSION + "/{model=models/*}:streamGenerateContent\"");
		String yaml = ContractPayloads.read(V1BETA + "generativelanguage_v1beta.yaml");
		assertThat(yaml).contains("name: " + URI.create(ProviderType.GOOGLE.defaultBaseUrl()).getHost());
	}

	@Test
	void errorShapesAndCanonicalCodesMatchGoogleRpc() {
		assertThat(fields(ContractPayloads.read(PROTO + "rpc/status.proto"), "Status")).contains("code", "message",
				"details");
		String details = ContractPayloads.read(PROTO + "rpc/error_details.proto");
		assertThat(fields(details, "ErrorInfo")).contains("reason");
		assertThat(fields(details, "RetryInfo")).contains("retry_delay");
		assertThat(fields(details, "QuotaFailure")).contains("violations", "quota_id", "quota_value");
		List<String> codes = enumValues(block(ContractPayloads.read(PROTO + "rpc/code.proto"), "enum Code"));
		assertThat(codes).contains("INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE", "UNAUTHENTICATED",
				"PERMISSION_DENIED", "NOT_FOUND", "RESOURCE_EXHAUSTED", "UNAVAILABLE", "INTERNAL", "UNKNOWN",
				"DATA_LOSS", "DEADLINE_EXCEEDED");
	}

	@Test
	void theOnlyCodeGoogleRetriesForGenerateContentIsRetryableHere() {
		JsonNode config = GeminiTestSupport
			.json(ContractPayloads.read(V1BETA + "generativeai_grpc_service_config.json"));
		JsonNode generateContent = null;
		for (JsonNode method : config.path("methodConfig")) {
			for (JsonNode name : method.path("name")) {
				if (name.path("method").asText().equals("GenerateContent")) {
					generateContent = method;
				}
			}
		}
		assertThat(generateContent).isNotNull();
		JsonNode codes = generateContent.at("/retryPolicy/retryableStatusCodes");
		assertThat(codes).hasSize(1);
		String code = codes.get(0).asText();
		var settings = GeminiTestSupport.settings(URI.create("http://localhost"), java.time.Duration.ofSeconds(1));
		ErrorKind kind = new GeminiErrorDecoder(settings, GeminiTestSupport.JSON)
			.decode(503, "{\"error\":{\"code\":503,\"status\":\"" + code + "\"}}")
			.kind();
		assertThat(kind.isRetryable()).as(code).isTrue();
	}

	@Test
	void protosAndExamplesCarryTheirLicences() {
		assertThat(ContractPayloads.read("gemini/LICENSE")).contains("Apache License", "Version 2.0");
		for (String file : FILES) {
			if (file.endsWith(".proto")) {
				assertThat(ContractPayloads.read(file)).as(file)
					.contains("Licensed under the Apache License, Version 2.0");
			}
			if (file.endsWith(".LICENSE")) {
				assertThat(ContractPayloads.read(file)).as(file).containsAnyOf("Apache License", "MIT License");
			}
		}
	}

	private static void assertFieldsIn(JsonNode node, String proto, String message) {
		if (node.isMissingNode()) {
			return;
		}
		Set<String> fields = fields(proto, message);
		node.fieldNames().forEachRemaining((name) -> assertThat(fields).as(message).contains(snake(name)));
	}

	private static void assertComponentsIn(Class<? extends Record> type, String proto, String message) {
		Set<String> fields = fields(proto, message);
		Arrays.stream(type.getRecordComponents())
			.forEach((component) -> assertThat(fields).as(message).contains(snake(component.getName())));
	}

	private static Set<String> fields(String proto, String message) {
		Matcher matcher = FIELD.matcher(block(proto, "message " + message));
		Set<String> fields = new HashSet<>();
		while (matcher.find()) {
			fields.add(matcher.group(1));
		}
		return fields;
	}

	private static List<String> enumValues(String block) {
		Matcher matcher = ENUM_VALUE.matcher(block);
		List<String> values = new ArrayList<>();
		while (matcher.find()) {
			values.add(matcher.group(1));
		}
		return values;
	}

	private static String block(String proto, String header) {
		int start = proto.indexOf(header + " {");
		assertThat(start).as(header).isNotNegative();
		int depth = 0;
		for (int i = proto.indexOf('{', start); i < proto.length(); i++) {
			char c = proto.charAt(i);
			depth += (c == '{') ? 1 : (c == '}') ? -1 : 0;
			if (depth == 0) {
				return proto.substring(start, i + 1);
			}
		}
		throw new IllegalStateException("Unclosed " + header);
	}

	private static String snake(String camel) {
		return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
	}

}
