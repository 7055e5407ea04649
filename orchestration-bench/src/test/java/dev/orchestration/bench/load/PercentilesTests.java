package dev.orchestration.bench.load;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PercentilesTests {

	@Test
	void nearestRankOfAHundredValuesIsTheValueAtThatRank() {
		long[] values = LongStream.rangeClosed(1, 100).map((v) -> 101 - v).toArray();
		Percentiles percentiles = Percentiles.of(values);
		assertThat(percentiles.percentile(50)).isEqualTo(50);
		assertThat(percentiles.percentile(99)).isEqualTo(99);
		assertThat(percentiles.percentile(100)).isEqualTo(100);
		assertThat(percentiles.percentile(0.5)).isEqualTo(1);
	}

	@Test
	void theRankRoundsUpSoThePercentileIsAMeasuredValue() {
		Percentiles percentiles = Percentiles.of(new long[] { 30, 10, 20, 40 });
		assertThat(percentiles.percentile(50)).isEqualTo(20);
		assertThat(percentiles.percentile(51)).isEqualTo(30);
		assertThat(percentiles.percentile(99)).isEqualTo(40);
	}

	@Test
	void aSlowTailShowsInP99ButNotInTheMedian() {
		long[] values = LongStream.range(0, 1000).map((i) -> (i < 985) ? 1_000 : 50_000).toArray();
		Percentiles percentiles = Percentiles.of(values);
		assertThat(percentiles.percentile(50)).isEqualTo(1_000);
		assertThat(percentiles.percentile(99)).isEqualTo(50_000);
	}

	@Test
	void oneValueIsEveryPercentileAndNoValueIsZero() {
		assertThat(Percentiles.of(new long[] { 7 }).percentile(1)).isEqualTo(7);
		assertThat(Percentiles.of(new long[] { 7 }).percentile(99)).isEqualTo(7);
		assertThat(Percentiles.of(new long[0]).percentile(50)).isZero();
	}

	@Test
	void doesNotReorderTheCallersArray() {
		long[] values = { 3, 1, 2 };
		Percentiles.of(values);
		assertThat(values).containsExactly(3, 1, 2);
	}

	@Test
	void rejectsPercentsOutsideZeroToHundred() {
		assertThatIllegalArgumentException().isThrownBy(() -> Percentiles.of(new long[] { 1 }).percentile(0));
		assertThatIllegalArgumentException().isThrownBy(() -> Percentiles.of(new long[] { 1 }).percentile(100.1));
	}

}
