package dev.orchestration.cascade.internal;

import java.util.List;

import dev.orchestration.cascade.AnswerNormalizer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VoteTallyTests {

	@Test
	void plainMajorityReachesTheQuorum() {
		VoteTally tally = VoteTally.of(AnswerNormalizer.CHOICE, List.of("A", "(a)", "B"), List.of(1.0, 1.0, 1.0));
		assertThat(tally.support(0)).isEqualTo(2);
		assertThat(tally.reaches(2)).isTrue();
		assertThat(tally.reaches(3)).isFalse();
		assertThat(tally.isWinner(0)).isTrue();
		assertThat(tally.isWinner(2)).isFalse();
	}

	@Test
	void weightsCanOutvoteAMajority() {
		VoteTally tally = VoteTally.of(AnswerNormalizer.CHOICE, List.of("A", "A", "B"), List.of(0.5, 0.5, 2.0));
		assertThat(tally.firstWinner()).isEqualTo(2);
		assertThat(tally.support(0)).isEqualTo(1.0);
		assertThat(tally.winningWeight()).isEqualTo(2.0);
	}

	@Test
	void tiesGoToTheEarlierAnswer() {
		VoteTally tally = VoteTally.of(AnswerNormalizer.CHOICE, List.of("B", "A"), List.of(1.0, 1.0));
		assertThat(tally.firstWinner()).isEqualTo(0);
		assertThat(tally.reaches(2)).isFalse();
	}

	@Test
	void jsonVotesFieldByField() {
		List<String> answers = List.of("{\"city\": \"Paris\", \"temp\": 20}", "{\"city\": \"Paris\", \"temp\": 21}",
				"{\"city\": \"Lyon\", \"temp\": 20}");
		VoteTally byField = VoteTally.of(AnswerNormalizer.JSON, answers, List.of(1.0, 1.0, 1.0));
		assertThat(byField.reaches(2)).as("each field has a majority of 2").isTrue();
		assertThat(byField.firstWinner()).as("the answer holding both winning values").isEqualTo(0);
		VoteTally whole = VoteTally.of(AnswerNormalizer.TEXT, answers, List.of(1.0, 1.0, 1.0));
		assertThat(whole.reaches(2)).as("as whole answers all three differ").isFalse();
	}

	@Test
	void answersWithNothingComparableNeverWin() {
		VoteTally tally = VoteTally.of(AnswerNormalizer.CHOICE, List.of("none", "none"), List.of(1.0, 1.0));
		assertThat(tally.reaches(1)).isFalse();
		assertThat(tally.firstWinner()).isNull();
	}

}
