package dev.orchestration.bench;

import java.nio.file.Path;
import java.util.List;

import dev.orchestration.test.eval.EvaluationData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads semantic-cache pair files in GPTCache's formats (here the fixtures;
 * {@link SharedDataEvaluationTests} reads the real files, outside the repository) and
 * checks their shape; the full measurement belongs to the bench jar, not to unit tests.
 */
class SharedDataTests {

	/**
	 * A semantic-cache data file: here the fixture under {@code fixtures/semantic-cache}.
	 * @param name the file name
	 * @return the file
	 */
	Path semanticCacheFile(String name) {
		return EvaluationData.fixture("semantic-cache/" + name);
	}

	/**
	 * Pairs in {@code qqp_dev.json}, and how many are labelled 1 (counted in the file).
	 */
	int[] expectedQuoraPairs() {
		return new int[] { 12, 6 };
	}

	/** Pairs in {@code paraphrase_999.json}. */
	int expectedParaphrasePairs() {
		return 6;
	}

	@Test
	void quoraPairsAreLabelledTextPairs() throws Exception {
		List<LabelledPair> pairs = PairFile.read(semanticCacheFile("qqp_dev.json"));
		assertThat(pairs).hasSize(expectedQuoraPairs()[0]);
		assertThat(pairs.stream().filter(LabelledPair::sameMeaning).count()).isEqualTo(expectedQuoraPairs()[1]);
		assertThat(pairs).allSatisfy((pair) -> assertThat(pair.first()).isNotBlank());
	}

	@Test
	void paraphrasePairsAreAllSameMeaning() throws Exception {
		List<LabelledPair> pairs = PairFile.read(semanticCacheFile("paraphrase_999.json"));
		assertThat(pairs).hasSize(expectedParaphrasePairs()).allMatch(LabelledPair::sameMeaning);
	}

}
