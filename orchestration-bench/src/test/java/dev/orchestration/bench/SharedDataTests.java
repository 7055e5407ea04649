package dev.orchestration.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Reads the real semantic-cache data files (outside the repository) and checks their shape; the full measurement
 * belongs to the bench jar, not to unit tests.
 */
class SharedDataTests {

	static Path semanticCacheFile(String name) {
		String dir = System.getProperty("orchestration.data.dir");
		if (dir == null || dir.isBlank()) {
			fail("System property orchestration.data.dir is not set. Run the tests with Maven (surefire sets it to"
					+ " ../shared/data relative to the reactor root) or pass -Dorchestration.data.dir=/path/to/data");
		}
		Path file = Path.of(dir, "semantic-cache", name);
		if (!Files.isRegularFile(file)) {
			fail("Missing " + file.toAbsolutePath() + ". Put the semantic-cache data (GPTCache benchmark files"
					+ " paraphrase_999.json and qqp_dev.json, see ../shared/data/README.md) under"
					+ " <data dir>/semantic-cache/ or point -Dorchestration.data.dir at the folder that holds it."
					+ " Never copy it into the repository.");
		}
		return file;
	}

	@Test
	void quoraPairsAreLabelledTextPairs() throws Exception {
		List<LabelledPair> pairs = PairFile.read(semanticCacheFile("qqp_dev.json"));
		assertThat(pairs).hasSize(10_000);
		assertThat(pairs.stream().filter(LabelledPair::sameMeaning).count()).isEqualTo(3_777);
	}

	@Test
	void paraphrasePairsAreAllSameMeaning() throws Exception {
		List<LabelledPair> pairs = PairFile.read(semanticCacheFile("paraphrase_999.json"));
		assertThat(pairs).hasSize(999).allMatch(LabelledPair::sameMeaning);
	}

}
