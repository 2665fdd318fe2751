package dev.llmfallback.resilience;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.llmfallback.ChatResponse;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.FinishReason;
import dev.llmfallback.LlmException;
import dev.llmfallback.ResponseFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link JsonAnswers} takes one JSON value, an object for {@link ResponseFormat#json()},
 * and nothing around it.
 */
class JsonAnswersTests {

	private static final ResponseFormat SCHEMA = ResponseFormat.jsonSchema("answer", Map.of("type", "array"));

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"city":"Paris"}             | true  | true
			  {"city":"Paris"}\\n        | true  | true
			[1,2]                        | false | true
			42                           | false | true
			'"text"'                     | false | true
			{"city":"Paris"} and more    | false | false
			{"city":"Paris"}{"a":1}      | false | false
			{"city":                     | false | false
			```json {"city":"Paris"} ``` | false | false
			Here is the JSON             | false | false
			''                           | false | false
			""")
	void acceptsOneJsonValue(String text, boolean asObject, boolean asSchema) {
		String answer = text.replace("\\n", "\n");
		assertThat(passes(answer, ResponseFormat.json())).as("json: %s", answer).isEqualTo(asObject);
		assertThat(passes(answer, SCHEMA)).as("json schema: %s", answer).isEqualTo(asSchema);
	}

	@ParameterizedTest
	@CsvSource({ "LENGTH", "TOOL_CALLS", "CONTENT_FILTER" })
	void onlyAnAnswerThatEndedNormallyIsHeldToTheFormat(FinishReason reason) {
		ChatResponse cut = ChatResponse.builder().text("{\"city\":").finishReason(reason).build();
		assertThat(JsonAnswers.checked(cut, ResponseFormat.json(), "openai")).isSameAs(cut);
	}

	@Test
	void aViolationIsAMalformedAnswerOfItsProviderThatNamesNoText() {
		ChatResponse answer = ChatResponse.builder()
			.text("Sure! Here is your answer.")
			.finishReason(FinishReason.STOP)
			.build();
		assertThatExceptionOfType(LlmException.class)
			.isThrownBy(() -> JsonAnswers.checked(answer, ResponseFormat.json(), "anthropic"))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
				assertThat(ex.provider()).isEqualTo("anthropic");
				assertThat(ex.getMessage()).doesNotContain("Sure");
			});
	}

	private static boolean passes(String text, ResponseFormat format) {
		ChatResponse answer = ChatResponse.builder().text(text).finishReason(FinishReason.STOP).build();
		try {
			return JsonAnswers.checked(answer, format, "openai") == answer;
		}
		catch (LlmException ex) {
			return false;
		}
	}

}
