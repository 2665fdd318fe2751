package dev.llmfallback.provider.anthropic;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails when a file of {@code contracts/anthropic/} is exercised by no test.
 */
class AnthropicContractCoverageTests {

	@Test
	void everyContractFileIsInAList() throws IOException, URISyntaxException {
		URL folder = getClass().getResource("/contracts/anthropic/examples");
		assertThat(folder).isNotNull();
		Path root = Paths.get(folder.toURI());
		List<String> files;
		try (Stream<Path> paths = Files.walk(root)) {
			files = paths.filter(Files::isRegularFile)
				.map((path) -> root.relativize(path).toString().replace('\\', '/'))
				.toList();
		}
		assertThat(files).isNotEmpty();
		assertThat(AnthropicContractFiles.all()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(files);
	}

	@Test
	void anthropicHasNoSpecToCheckAgainst() throws URISyntaxException {
		// README section 2 and SOURCES.md: no public Anthropic spec; requests are checked
		// against the recorded request bodies instead.
		Path provider = Paths.get(getClass().getResource("/contracts/anthropic").toURI());
		assertThat(provider.toFile().list()).containsExactly("examples");
	}

}
