package dev.orchestration.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PairFileTests {

	@Test
	void readsParaphrasePairsAsSameMeaning() {
		List<LabelledPair> pairs = PairFile.parse("""
				[{"origin": "What is Spring AI?", "similar": "Explain Spring AI."},
				 {"origin": "a", "similar": "b"}]
				""");
		assertThat(pairs).containsExactly(new LabelledPair("What is Spring AI?", "Explain Spring AI.", true),
				new LabelledPair("a", "b", true));
	}

	@Test
	void readsLabelledPairsWithNumericOrStringLabels() {
		List<LabelledPair> pairs = PairFile.parse("""
				[{"text_a": "q1", "text_b": "q2", "label": 1},
				 {"text_a": "q3", "text_b": "q4", "label": 0},
				 {"text_a": "q5", "text_b": "q6", "label": "1"}]
				""");
		assertThat(pairs).extracting(LabelledPair::sameMeaning).containsExactly(true, false, true);
		assertThat(pairs.get(1).first()).isEqualTo("q3");
		assertThat(pairs.get(1).second()).isEqualTo("q4");
	}

	@Test
	void rejectsMalformedFiles() {
		assertThatIllegalArgumentException().isThrownBy(() -> PairFile.parse("{\"origin\": \"a\"}"))
			.withMessageContaining("array");
		assertThatIllegalArgumentException().isThrownBy(() -> PairFile.parse("[{\"question\": \"a\"}]"))
			.withMessageContaining("pair 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PairFile.parse("[{\"text_a\": \"a\", \"text_b\": \"b\", \"label\": 2}]"))
			.withMessageContaining("label");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PairFile.parse("[{\"origin\": \" \", \"similar\": \"b\"}]"))
			.withMessageContaining("origin");
	}

}
