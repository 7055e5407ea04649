package dev.orchestration.bench.load;

import java.time.Duration;
import java.util.List;

import dev.orchestration.bench.UsageException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LoadCommandTests {

	@Test
	void routedOverPlainRatiosOfOneRound() {
		LoadResult plain = new LoadResult("/plain", 32, 10_000, 0, 1_000_000_000L,
				Percentiles.of(new long[] { 1_000, 2_000, 4_000 }), 1);
		LoadResult routed = new LoadResult("/routed", 32, 9_000, 0, 1_000_000_000L,
				Percentiles.of(new long[] { 1_000, 3_000, 8_000 }), 1);
		assertThat(LoadCommand.Ratios.of(routed, plain)).containsExactly(0.9, 1.5, 2.0);
	}

	@Test
	void theRatioOfARunIsTheMedianOverItsRounds() {
		double[] medians = LoadCommand.Ratios.medians(List.of(new double[] { 0.95, 1.0, 3.0 },
				new double[] { 0.80, 1.2, 1.0 }, new double[] { 0.90, 1.1, 2.0 }));
		assertThat(medians).containsExactly(0.90, 1.1, 2.0);
		assertThat(LoadCommand.Ratios.median(new double[] { 4, 1, 3, 2 })).isEqualTo(2.5);
	}

	@Test
	void parsesItsOptions() {
		LoadCommand.Options options = LoadCommand.Options.parse(
				List.of("--concurrency", "1, 8,64", "--duration", "500ms", "--rounds", "5", "--upstream", "simulator"));
		assertThat(options.concurrency).containsExactly(1, 8, 64);
		assertThat(options.duration).isEqualTo(Duration.ofMillis(500));
		assertThat(options.rounds).isEqualTo(5);
		assertThat(options.upstream).isEqualTo("simulator");
		assertThat(options.warmup).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void badOptionsAreUsageErrorsNamingTheOption() {
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> LoadCommand.Options.parse(List.of("--concurrency", "0")))
			.withMessageContaining("--concurrency");
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> LoadCommand.Options.parse(List.of("--duration", "five")))
			.withMessageContaining("5s");
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> LoadCommand.Options.parse(List.of("--upstream", "wrk")))
			.withMessageContaining("'fast' or 'simulator'");
	}

}
