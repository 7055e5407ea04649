package dev.orchestration.test.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingTunerTests {

	/**
	 * A labelled set of 3 classes x 10 cases run on 3 tiers (small $0.001, medium $0.004,
	 * large $0.02 per request). Pass counts out of 10 per class: chit-chat small 9,
	 * medium 9, large 10; code small 5, medium 9, large 9; reasoning small 3, medium 6,
	 * large 9.
	 */
	static Map<String, PolicyRun> labelled() {
		Map<String, int[]> passes = new LinkedHashMap<>();
		passes.put("chit-chat", new int[] { 9, 9, 10 });
		passes.put("code", new int[] { 5, 9, 9 });
		passes.put("reasoning", new int[] { 3, 6, 9 });
		String[] tiers = { "small", "medium", "large" };
		double[] costs = { 0.001, 0.004, 0.02 };
		Map<String, PolicyRun> runs = new LinkedHashMap<>();
		for (int t = 0; t < tiers.length; t++) {
			List<CaseResult> cases = new ArrayList<>();
			for (Map.Entry<String, int[]> e : passes.entrySet()) {
				for (int i = 0; i < 10; i++) {
					cases.add(CaseResult.of(e.getKey() + "-" + i, e.getKey(), tiers[t], i < e.getValue()[t], costs[t],
							10));
				}
			}
			runs.put(tiers[t], PolicyRun.of("tier:" + tiers[t], cases));
		}
		return runs;
	}

	@Test
	void relativeFloorPicksTheCheapestTierWithinThePointsOfTheBest() {
		RoutingTuner.Proposal proposal = RoutingTuner.withinPointsOfBest(10).propose(labelled());
		assertThat(proposal.tierFor("chit-chat")).isEqualTo("small");
		assertThat(proposal.tierFor("code")).isEqualTo("medium");
		assertThat(proposal.tierFor("reasoning")).isEqualTo("large");
		// pooled: small 17/30, medium 24/30, large 28/30: within 10 points of 93.3 % ->
		// large only
		assertThat(proposal.defaultTier().tier()).isEqualTo("large");
		assertThat(proposal.cases()).isEqualTo(30);
		assertThat(proposal.toYaml()).isEqualTo("""
				# Proposed by RoutingTuner from 30 labelled cases; floor: within 10.0 points of the best tier
				llm:
				  routing:
				    default-tier: large   # all cases: large pass 93.3 % at $0.0200/request, 30 cases
				    rules:
				      # chit-chat: small pass 90.0 % at $0.00100/request (best large 100.0 % at $0.0200), 10 cases
				      - tier: small
				        when:
				          task: chit-chat
				      # code: medium pass 90.0 % at $0.00400/request, 10 cases
				      - tier: medium
				        when:
				          task: code
				      # reasoning: large pass 90.0 % at $0.0200/request, 10 cases
				      - tier: large
				        when:
				          task: reasoning
				""");
	}

	@Test
	void absoluteFloorFallsBackToTheBestTierWhenNoneMeetsIt() {
		RoutingTuner.Proposal proposal = RoutingTuner.absoluteFloor(0.6).propose(labelled());
		assertThat(proposal.tierFor("chit-chat")).isEqualTo("small");
		assertThat(proposal.tierFor("code")).isEqualTo("medium");
		assertThat(proposal.tierFor("reasoning")).isEqualTo("medium");
		assertThat(proposal.defaultTier().tier()).isEqualTo("medium");
		RoutingTuner.Proposal strict = RoutingTuner.absoluteFloor(0.95).propose(labelled());
		assertThat(strict.tierFor("code")).as("no tier reaches 95 %: the best (cheapest of equals)")
			.isEqualTo("medium");
		assertThat(strict.tierFor("chit-chat")).isEqualTo("large");
		assertThat(strict.tierFor("unknown-task")).isEqualTo(strict.defaultTier().tier());
	}

	@Test
	void proposesFromRecordedPerModelOutcomes() {
		List<EvalCase> cases = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			cases.add(EvalCase.of("m" + i, "code " + i, "mbpp", null)
				.withRecorded("gpt-3.5", (i < 8) ? 1 : 0, 0.0005)
				.withRecorded("gpt-4", (i < 8) ? 1 : 0, 0.01));
			cases.add(EvalCase.of("w" + i, "pick " + i, "winogrande", null)
				.withRecorded("gpt-3.5", (i < 5) ? 1 : 0, 0.0004)
				.withRecorded("gpt-4", (i < 9) ? 1 : 0, 0.008));
		}
		Map<String, String> modelByTier = new LinkedHashMap<>();
		modelByTier.put("cheap", "gpt-3.5");
		modelByTier.put("frontier", "gpt-4");
		RoutingTuner.Proposal proposal = RoutingTuner.withinPointsOfBest(2)
			.proposeFromRecorded(new EvalDataset("toy", cases), modelByTier);
		assertThat(proposal.tierFor("mbpp")).isEqualTo("cheap");
		assertThat(proposal.tierFor("winogrande")).isEqualTo("frontier");
		assertThat(proposal.toYaml()).contains("task: mbpp").contains("- tier: frontier");
	}

}
