package dev.orchestration.bench.perf;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.orchestration.bench.perf.OverheadSummary.TargetCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OverheadSummaryTests {

	private final OverheadSummary summary = new OverheadSummary(JmhResult.parse(JmhResultFixture.RESULTS));

	@Test
	void readsTheMedianThe99thPercentileAndTheAllocationOfASampledBenchmark() {
		List<JmhResult> results = JmhResult.parse(JmhResultFixture.RESULTS);
		assertThat(results).hasSize(8);
		JmhResult routed = results.get(3);
		assertThat(routed.benchmark()).isEqualTo("routedClient");
		assertThat(routed.mode()).isEqualTo("sample");
		assertThat(routed.p50()).isEqualTo(99.0);
		assertThat(routed.p99()).isEqualTo(250.0);
		assertThat(routed.allocatedBytesPerOp()).isEqualTo(20000.0);
	}

	@Test
	void aThroughputBenchmarkHasAScoreAndNoPercentilesOfSamples() {
		JmhResult routed = JmhResult.parse(JmhResultFixture.RESULTS).get(7);
		assertThat(routed.unit()).isEqualTo("ops/s");
		assertThat(routed.score()).isEqualTo(12000.0);
		assertThat(routed.p99()).isNaN();
		assertThat(routed.allocatedBytesPerOp()).as("no GC profiler figure").isNaN();
	}

	@Test
	void overheadIsThePathMinusItsBaselineInTheSameRun() {
		assertThat(this.summary.overheadP50("routedClient", "plainClient")).isCloseTo(95.5, within(1e-9));
		assertThat(this.summary.overheadP99("routedClient", "plainClient")).isCloseTo(242.0, within(1e-9));
		assertThat(this.summary.overheadP50("routingChatModelCall", "stubCall")).isCloseTo(56.98, within(1e-9));
	}

	@Test
	void ratiosOfAllocationAndThroughput() {
		assertThat(this.summary.allocationRatio("routedClient", "plainClient")).isCloseTo(5.0, within(1e-9));
		assertThat(this.summary.throughputRatio()).isCloseTo(12000.0 / 290000.0, within(1e-12));
	}

	@Test
	void noAllocationRatioOverABaselineThatAllocatesNothing() {
		assertThat(this.summary.allocationRatio("routingChatModelCall", "stubCall")).isNaN();
	}

	@Test
	void aMissingBaselineGivesNoOverheadRatherThanAWrongOne() {
		assertThat(this.summary.overheadP50("exactCacheMiss", "routedClient")).isNaN();
	}

	@Test
	void targetsAreJudgedOnTheMeasuredValues() {
		List<TargetCheck> targets = this.summary.targets();
		assertThat(targets).extracting(TargetCheck::description)
			.anyMatch((description) -> description.startsWith("RoutingChatModel.call overhead p50"));
		assertThat(target(targets, "RoutingChatModel.call overhead p50").met()).isFalse();
		assertThat(target(targets, "observations on").value()).isCloseTo(8.0, within(1e-9));
		assertThat(target(targets, "observations on").met()).isTrue();
		assertThat(target(targets, "8-thread throughput").met()).isFalse();
		assertThat(target(targets, "exact-cache hit").toString()).contains("NOT MEASURED");
	}

	@Test
	void printsEachPathWithItsBaselineOverheadAndRatio() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		this.summary.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
		List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
		assertThat(lines).anyMatch((line) -> line.matches(
				"routedClient\\s+99\\.00\\s+250\\.00\\s+20000\\s+plainClient\\s+95\\.50\\s+242\\.00\\s+28\\.29\\s+5\\.00"));
		assertThat(lines).anyMatch((line) -> line.contains("routed/plain 0.041"));
		assertThat(lines)
			.anyMatch((line) -> line.contains("RoutingChatModel.call overhead p99") && line.contains("NOT MET"));
	}

	private static TargetCheck target(List<TargetCheck> targets, String text) {
		return targets.stream().filter((target) -> target.description().contains(text)).findFirst().orElseThrow();
	}

}
