package dev.llmfallback.resilience;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.llmfallback.ChatResponse;
import dev.llmfallback.ErrorKind;
import dev.llmfallback.FinishReason;
import dev.llmfallback.LlmException;
import dev.llmfallback.ResponseFormat;

/**
 * Holds a whole answer to the format its request asked for: one that ended normally with
 * text that is not one JSON value (an object, for {@link ResponseFormat.Type#JSON}) is a
 * malformed answer of its provider, retried and fallen back from like one it could not
 * read. An answer cut short by its output limit, or that called tools, is left as it is.
 */
final class JsonAnswers {

	private static final JsonFactory JSON = new JsonFactory();

	private JsonAnswers() {
	}

	/**
	 * The answer, if it has the format.
	 * @param answer the provider's answer
	 * @param format the requested format
	 * @param provider the provider's name
	 * @return the answer
	 * @throws LlmException ({@link ErrorKind#MALFORMED_RESPONSE}) when its text is not in
	 * the format
	 */
	static ChatResponse checked(ChatResponse answer, ResponseFormat format, String provider) {
		if (answer.finishReason() != FinishReason.STOP || isJson(answer.text(), format.type())) {
			return answer;
		}
		throw new LlmException(ErrorKind.MALFORMED_RESPONSE, provider, null, null,
				"answer is not the JSON its response format (" + format.type() + ") asks for", null);
	}

	private static boolean isJson(String text, ResponseFormat.Type type) {
		try (JsonParser parser = JSON.createParser(text)) {
			JsonToken first = parser.nextToken();
			if (first == null || (type == ResponseFormat.Type.JSON && first != JsonToken.START_OBJECT)) {
				return false;
			}
			parser.skipChildren();
			return parser.nextToken() == null;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
