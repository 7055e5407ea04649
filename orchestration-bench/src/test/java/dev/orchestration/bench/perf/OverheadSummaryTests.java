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

	/** A JMH 1.37 JSON result set (-rf json) with the fields JMH writes, trimmed to five benchmarks. */
	static final String RESULTS = """
			[
			  %s,
			  %s,
			  %s,
			  %s,
			  %s,
			  %s,
			  {
			    "jmhVersion" : "1.37",
			    "benchmark" : "dev.orchestration.bench.perf.RequestPathBenchmarks.throughputPlain",
			    "mode" : "thrpt", "threads" : 8, "forks" : 1,
			    "primaryMetric" : { "score" : 290000.0, "scoreError" : 1000.0, "scoreConfidence" : [289000.0, 291000.0],
			      "scorePercentiles" : { "0.0" : 289000.0, "50.0" : 290000.0, "100.0" : 291000.0 },
			      "scoreUnit" : "ops/s", "rawData" : [[289000.0, 291000.0]] },
			    "secondaryMetrics" : { "gc.alloc.rate.norm" : { "score" : 4000.0, "scoreUnit" : "B/op" } }
			  },
			  {
			    "jmhVersion" : "1.37",
			    "benchmark" : "dev.orchestration.bench.perf.RequestPathBenchmarks.throughputRouted",
			    "mode" : "thrpt", "threads" : 8, "forks" : 1,
			    "primaryMetric" : { "score" : 12000.0, "scoreError" : 100.0, "scoreConfidence" : [11900.0, 12100.0],
			      "scorePercentiles" : { "0.0" : 11900.0, "50.0" : 12000.0, "100.0" : 12100.0 },
			      "scoreUnit" : "ops/s", "rawData" : [[11900.0, 12100.0]] },
			    "secondaryMetrics" : { }
			  }
			]
			""".formatted(sample("stubCall", 0.02, 0.1, 0.001), sample("routingChatModelCall", 57.0, 120.0, 9000),
			sample("plainClient", 3.5, 8.0, 4000), sample("routedClient", 99.0, 250.0, 20000),
			sample("plainClientObserved", 16.0, 40.0, 6000), sample("routedClientObserved", 24.0, 90.0, 11000));

	static String sample(String name, double p50, double p99, double allocated) {
		return """
				{
				    "jmhVersion" : "1.37",
				    "benchmark" : "dev.orchestration.bench.perf.RequestPathBenchmarks.%s",
				    "mode" : "sample", "threads" : 1, "forks" : 1,
				    "params" : { "entries" : "10000" },
				    "primaryMetric" : { "score" : %s, "scoreError" : 0.5, "scoreConfidence" : [1.0, 2.0],
				      "scorePercentiles" : { "0.0" : 0.01, "50.0" : %s, "90.0" : %s, "95.0" : %s, "99.0" : %s,
				        "99.9" : 900.0, "99.99" : 1000.0, "99.9999" : 1000.0, "100.0" : 1000.0 },
				      "scoreUnit" : "us/op", "rawDataHistogram" : [[[[%s, 10]]]] },
				    "secondaryMetrics" : {
				      "gc.alloc.rate" : { "score" : 800.0, "scoreUnit" : "MB/sec" },
				      "gc.alloc.rate.norm" : { "score" : %s, "scoreUnit" : "B/op" },
				      "gc.count" : { "score" : 3.0, "scoreUnit" : "counts" }
				    }
				  }""".formatted(name, p50 * 1.1, p50, p99 * 0.8, p99 * 0.9, p99, p50, allocated);
	}

	private final OverheadSummary summary = new OverheadSummary(JmhResult.parse(RESULTS));

	@Test
	void readsTheMedianThe99thPercentileAndTheAllocationOfASampledBenchmark() {
		List<JmhResult> results = JmhResult.parse(RESULTS);
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
		JmhResult routed = JmhResult.parse(RESULTS).get(7);
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
		assertThat(lines).anyMatch((line) -> line.contains("RoutingChatModel.call overhead p99") && line.contains("NOT MET"));
	}

	private static TargetCheck target(List<TargetCheck> targets, String text) {
		return targets.stream().filter((target) -> target.description().contains(text)).findFirst().orElseThrow();
	}

}
