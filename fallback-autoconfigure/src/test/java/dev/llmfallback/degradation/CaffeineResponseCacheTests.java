package dev.llmfallback.degradation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.llmfallback.ChatResponse;
import dev.llmfallback.DegradationLevel;
import dev.llmfallback.FinishReason;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-process cache keeps the best answer of a request: an answer as good as the kept
 * one does not rewrite it, a better one replaces it.
 */
class CaffeineResponseCacheTests {

	private final CaffeineResponseCache cache = new CaffeineResponseCache(10, Duration.ofMinutes(1));

	@Test
	void answerAsGoodAsTheKeptOneLeavesItInPlace() {
		this.cache.put("key", answer("first", DegradationLevel.FULL)).block();
		this.cache.put("key", answer("second", DegradationLevel.FULL)).block();
		this.cache.put("key", answer("third", DegradationLevel.BASIC)).block();
		assertThat(this.cache.get("key").block()).extracting(ChatResponse::text).isEqualTo("first");
	}

	@Test
	void betterAnswerReplacesTheKeptOne() {
		this.cache.put("key", answer("basic", DegradationLevel.BASIC)).block();
		this.cache.put("key", answer("full", DegradationLevel.FULL)).block();
		assertThat(this.cache.get("key").block()).extracting(ChatResponse::text).isEqualTo("full");
	}

	@Test
	void storeKeepsTheBestAnswerAtOnceAsPutDoes() {
		List<Throwable> failures = new ArrayList<>();
		this.cache.store("key", answer("basic", DegradationLevel.BASIC), failures::add);
		this.cache.store("key", answer("full", DegradationLevel.FULL), failures::add);
		this.cache.store("key", answer("full again", DegradationLevel.FULL), failures::add);
		assertThat(this.cache.get("key").block()).extracting(ChatResponse::text).isEqualTo("full");
		assertThat(failures).isEmpty();
	}

	private static ChatResponse answer(String text, DegradationLevel level) {
		return ChatResponse.builder().text(text).finishReason(FinishReason.STOP).level(level).build();
	}

}
