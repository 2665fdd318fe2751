package dev.llmfallback.provider.gemini;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails when a file of {@code contracts/gemini} is in no test's list, so that no contract
 * is skipped silently.
 */
class GeminiContractCoverageTests {

	@Test
	void everyContractFileIsExercised() throws IOException, URISyntaxException {
		Path root = Path.of(getClass().getResource("/contracts/").toURI());
		Set<String> files;
		try (Stream<Path> walk = Files.walk(root.resolve("gemini"))) {
			files = new HashSet<>(walk.filter(Files::isRegularFile)
				.map((path) -> root.relativize(path).toString().replace('\\', '/'))
				.toList());
		}
		Set<String> covered = new HashSet<>();
		Stream
			.of(GeminiChatTests.FILES, GeminiStreamTests.FILES, GeminiErrorTests.FILES,
					GeminiRecordedRequestTests.FILES, GeminiSpecTests.FILES)
			.flatMap(List::stream)
			.forEach(covered::add);
		assertThat(files).hasSizeGreaterThan(50);
		assertThat(files).as("contract files in no test's list").containsAll(covered).isSubsetOf(covered);
	}

}
