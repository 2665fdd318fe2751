package dev.llmfallback.redis;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import dev.llmfallback.ChatResponse;
import dev.llmfallback.DegradationLevel;
import dev.llmfallback.FinishReason;
import dev.llmfallback.Usage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The versioned JSON form of cached answers.
 */
class CachedAnswerFormatTests {

	private final CachedAnswerFormat format = new CachedAnswerFormat(new ObjectMapper());

	private final ChatResponse answer = ChatResponse.builder()
		.text("Paris")
		.finishReason(FinishReason.STOP)
		.usage(new Usage(12, 3, 4))
		.cost(new BigDecimal("0.000123"))
		.provider("openai")
		.model("gpt-4o")
		.level(DegradationLevel.REDUCED)
		.build();

	@Test
	void writesTheDocumentedVersionOneForm() {
		assertThat(this.format.write(this.answer)).isEqualTo("{\"v\":1,\"text\":\"Paris\",\"finishReason\":\"STOP\","
				+ "\"usage\":{\"input\":12,\"output\":3,\"cachedInput\":4},\"cost\":\"0.000123\","
				+ "\"provider\":\"openai\",\"model\":\"gpt-4o\",\"level\":\"REDUCED\"}");
	}

	@Test
	void readsWhatItWrites() {
		ChatResponse read = this.format.read(this.format.write(this.answer)).orElseThrow();
		assertThat(read.text()).isEqualTo("Paris");
		assertThat(read.finishReason()).isEqualTo(FinishReason.STOP);
		assertThat(read.usage()).isEqualTo(new Usage(12, 3, 4));
		assertThat(read.cost()).hasValue(new BigDecimal("0.000123"));
		assertThat(read.provider()).isEqualTo("openai");
		assertThat(read.model()).isEqualTo("gpt-4o");
		assertThat(read.level()).isEqualTo(DegradationLevel.REDUCED);
	}

	@Test
	void fieldsAddedLaterInVersionOneAreIgnored() {
		assertThat(this.format.read("{\"v\":1,\"text\":\"Paris\",\"finishReason\":\"STOP\",\"usage\":{},"
				+ "\"level\":\"FULL\",\"citations\":[\"x\"]}"))
			.hasValueSatisfying((read) -> assertThat(read.text()).isEqualTo("Paris"));
	}

	@Test
	void anotherVersionOrABrokenValueIsAMiss() {
		assertThat(this.format.read("{\"v\":2,\"text\":\"Paris\",\"finishReason\":\"STOP\",\"level\":\"FULL\"}"))
			.isEmpty();
		assertThat(this.format.read("{\"text\":\"Paris\",\"finishReason\":\"STOP\",\"level\":\"FULL\"}")).isEmpty();
		assertThat(this.format.read("{\"v\":1,\"text\":\"Paris\",\"finishReason\":\"SOMETHING\",\"level\":\"FULL\"}"))
			.isEmpty();
		assertThat(this.format.read("not json")).isEmpty();
	}

}
