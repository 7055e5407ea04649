package dev.orchestration.test.eval;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvalGateTests {

	@TempDir
	Path dir;

	private final EvalRunner runner = EvalRunner.builder(Grader.numeric()).progressTo(null).build();

	@Test
	void baselineRoundTripsThroughJson() {
		EvalReport report = this.runner.evaluate(EvalRunnerTests.arithmetic(), EvalRunnerTests.policy("router", null));
		Path file = EvalBaseline.of(report).write(this.dir.resolve("eval/baseline.json"));
		EvalBaseline read = EvalBaseline.read(file);
		assertThat(read.policy()).isEqualTo("router");
		assertThat(read.dataset()).isEqualTo("arithmetic");
		assertThat(read.metrics().passRate()).isEqualTo(report.metrics().passRate());
		assertThat(read.metrics().costPerSuccess()).isEqualTo(report.metrics().costPerSuccess());
		assertThat(read.metrics().tierShares()).isEqualTo(report.metrics().tierShares());
		assertThat(read.metrics().meanScore()).isNaN();
	}

	@Test
	void passesOnTheBaselineConfigurationAndFailsOnAWorseOne() {
		Path file = this.dir.resolve("baseline.json");
		EvalReport baselineReport = this.runner.evaluate(EvalRunnerTests.arithmetic(),
				EvalRunnerTests.policy("router", null));
		EvalBaseline.of(baselineReport).write(file);
		EvalBaseline baseline = EvalBaseline.read(file);

		EvalReport same = this.runner.evaluate(EvalRunnerTests.arithmetic(), EvalRunnerTests.policy("router", null));
		EvalGate.assertThat(same).passRateNotBelow(baseline, 2.0).costPerSuccessNotAbove(baseline, 1.10);

		// a deliberately worse configuration: every request forced to the small tier
		EvalReport worse = this.runner.evaluate(EvalRunnerTests.arithmetic(),
				EvalRunnerTests.policy("forced-small", "small"));
		assertThatThrownBy(() -> EvalGate.assertThat(worse).passRateNotBelow(baseline, 2.0))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("Eval gate failed for policy 'forced-small' on 'arithmetic'")
			.hasMessageContaining("pass rate 50.00 % (20/40) is 50.00 points below the baseline of 'router'")
			.hasMessageContaining("100.00 %")
			.hasMessageContaining("allowed drop: 2.00 points");

		// a more expensive configuration: every request forced to the large tier (same
		// quality, more cost)
		EvalReport costly = this.runner.evaluate(EvalRunnerTests.arithmetic(),
				EvalRunnerTests.policy("forced-large", "large"));
		EvalGate.assertThat(costly).passRateNotBelow(baseline, 2.0);
		assertThatThrownBy(() -> EvalGate.assertThat(costly).costPerSuccessNotAbove(baseline, 1.10))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("cost per successful request $0.0100000 exceeds 1.10 x the baseline")
			.hasMessageContaining("+81.8 %");
	}

	@Test
	void absoluteFloorAndMissingBaselineGiveClearMessages() {
		EvalReport worse = this.runner.evaluate(EvalRunnerTests.arithmetic(),
				EvalRunnerTests.policy("forced-small", "small"));
		assertThatThrownBy(() -> EvalGate.assertThat(worse).passRateAtLeast(0.9))
			.hasMessageContaining("pass rate 50.00 % is below the floor 90.00 %");
		assertThatThrownBy(() -> EvalBaseline.read(this.dir.resolve("missing.json")))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("-Dorchestration.eval.update-baseline=true");
	}

	@Test
	void updateModeRecordsTheBaselineInsteadOfReadingIt() {
		Path file = this.dir.resolve("recorded.json");
		EvalReport report = this.runner.evaluate(EvalRunnerTests.arithmetic(), EvalRunnerTests.policy("router", null));
		System.setProperty(EvalBaseline.UPDATE_PROPERTY, "true");
		try {
			EvalBaseline.readOrUpdate(file, report);
		}
		finally {
			System.clearProperty(EvalBaseline.UPDATE_PROPERTY);
		}
		assertThat(file).exists();
		assertThat(EvalBaseline.readOrUpdate(file, report).metrics().passRate()).isEqualTo(1.0);
	}

}
