package dev.llmfallback.autoconfigure;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata an IDE reads to complete {@code llm.*}: generated from the properties'
 * Javadoc, merged with the hand-written hints.
 */
class ConfigurationMetadataTests {

	private final JsonNode metadata = read();

	@Test
	void everyPropertyHasADescription() {
		assertThat(this.metadata.get("properties")).isNotEmpty().allSatisfy((property) -> {
			assertThat(property.get("name").asText())
				.matches("(llm|management\\.endpoint\\.llm|management\\.health\\.llm)\\..+");
			assertThat(property.path("description").asText()).as(property.get("name").asText()).isNotBlank();
		});
	}

	@Test
	void seedPropertiesAreDescribedWithTheirDefaults() {
		assertThat(property("llm.fallback.max-retries").get("defaultValue").asInt()).isEqualTo(2);
		assertThat(property("llm.fallback.on-error").get("description").asText()).contains("HTTP statuses");
		assertThat(property("llm.providers").get("description").asText()).contains("priority");
		assertThat(property("llm.timeouts.first-token").get("type").asText()).isEqualTo("java.time.Duration");
		assertThat(property("management.health.llm.enabled").get("defaultValue").asBoolean()).isTrue();
	}

	@Test
	void onErrorHintsListStatusesAndWords() {
		JsonNode hint = null;
		for (JsonNode candidate : this.metadata.get("hints")) {
			if (candidate.get("name").asText().equals("llm.fallback.on-error")) {
				hint = candidate;
			}
		}
		assertThat(hint).isNotNull();
		assertThat(hint.get("values").findValuesAsText("value")).contains("429", "timeout", "connection",
				"context_length", "content_policy");
	}

	private JsonNode property(String name) {
		for (JsonNode property : this.metadata.get("properties")) {
			if (property.get("name").asText().equals(name)) {
				return property;
			}
		}
		throw new AssertionError("No metadata for " + name);
	}

	private static JsonNode read() {
		try (InputStream in = ConfigurationMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			return new ObjectMapper().readTree(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
