package dev.orchestration.test.eval;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EvalRunnerTests {

	/**
	 * 40 arithmetic cases; "hard" ones (odd ids) are answered wrongly by the small tier.
	 */
	static EvalDataset arithmetic() {
		List<EvalCase> cases = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			cases.add(EvalCase.of("c" + i, "What is " + i + " + " + i + "?", (i % 2 == 0) ? "easy" : "hard",
					String.valueOf(2 * i)));
		}
		return new EvalDataset("arithmetic", cases);
	}

	/**
	 * A stand-in router: hard cases go large unless forced; small answers hard cases
	 * wrong.
	 */
	static Policy policy(String name, String forcedTier) {
		return Policy.of(name, (c) -> {
			int n = Integer.parseInt(c.id().substring(1));
			String tier = (forcedTier != null) ? forcedTier : ("hard".equals(c.task()) ? "large" : "small");
			boolean right = tier.equals("large") || n % 2 == 0;
			double cost = tier.equals("large") ? 0.01 : 0.001;
			return Responses.routed("The answer is " + (right ? 2 * n : 2 * n + 1), tier, tier + "-model", cost);
		});
	}

	@Test
	void runsEveryCaseInOrderWithBoundedParallelismAndReportsProgress() {
		ByteArrayOutputStream progress = new ByteArrayOutputStream();
		AtomicInteger concurrent = new AtomicInteger();
		AtomicInteger maxConcurrent = new AtomicInteger();
		Policy slow = Policy.of("slow", (c) -> {
			int now = concurrent.incrementAndGet();
			maxConcurrent.accumulateAndGet(now, Math::max);
			try {
				Thread.sleep(5);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			concurrent.decrementAndGet();
			return policy("x", null).call().apply(c);
		});
		EvalRunner runner = EvalRunner.builder(Grader.numeric())
			.parallelism(4)
			.progressEvery(10, Duration.ofMinutes(1))
			.progressTo(new PrintStream(progress, true, StandardCharsets.UTF_8))
			.build();
		PolicyRun run = runner.run(arithmetic(), slow);
		assertThat(run.cases()).extracting(CaseResult::id)
			.containsExactlyElementsOf(arithmetic().cases().stream().map(EvalCase::id).toList());
		assertThat(maxConcurrent.get()).isBetween(2, 4);
		assertThat(run.metrics().passRate()).isEqualTo(1.0);
		assertThat(run.metrics().tierShares()).containsEntry("small", 0.5).containsEntry("large", 0.5);
		assertThat(run.cases()).allSatisfy((c) -> assertThat(c.latencyMillis()).isGreaterThanOrEqualTo(4));
		String lines = progress.toString(StandardCharsets.UTF_8);
		assertThat(lines).contains("[eval] arithmetic / slow: 10/40 (25.0 %)").contains("40/40 (100.0 %)");
	}

	@Test
	void forcedTierBaselinesAndErrorsAreReported() {
		EvalRunner runner = EvalRunner.builder(Grader.numeric()).progressTo(null).build();
		Policy failing = Policy.of("failing", (c) -> {
			if (c.id().equals("c3")) {
				throw new IllegalStateException("provider down");
			}
			return policy("x", null).call().apply(c);
		});
		EvalReport report = runner.evaluate(arithmetic(), failing, policy("tier:small", "small"),
				policy("tier:large", "large"));
		assertThat(report.policyNames()).containsExactly("failing", "tier:small", "tier:large");
		EvalMetrics primary = report.metrics();
		assertThat(primary.errors()).isEqualTo(1);
		assertThat(primary.passed()).isEqualTo(39);
		CaseResult c3 = report.primary().cases().get(3);
		assertThat(c3.error()).contains("provider down");
		assertThat(c3.passed()).isFalse();
		assertThat(report.run("tier:small").metrics().passRate()).isEqualTo(0.5);
		assertThat(report.run("tier:large").metrics().passRate()).isEqualTo(1.0);
		assertThat(report.run("tier:small").metrics().costPerSuccess()).isCloseTo(0.002, within(1e-12));
		assertThat(report.run("tier:large").metrics().costPerSuccess()).isCloseTo(0.01, within(1e-12));
		assertThat(report.primary().metricsByTask().get("hard").tierShares()).containsEntry("large", 19.0 / 20)
			.containsEntry("none", 1.0 / 20);
	}

	@Test
	void splitIsStratifiedReproducibleAndDisjoint() {
		EvalDataset.Split split = arithmetic().split(0.5, 7);
		assertThat(split.first().size()).isEqualTo(20);
		assertThat(split.first().cases().stream().filter((c) -> "hard".equals(c.task()))).hasSize(10);
		assertThat(split.first().cases()).doesNotContainAnyElementsOf(split.second().cases());
		assertThat(arithmetic().split(0.5, 7).first().cases()).isEqualTo(split.first().cases());
		assertThat(arithmetic().withoutTasks().cases()).allSatisfy((c) -> assertThat(c.task()).isNull());
	}

}
