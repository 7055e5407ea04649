package dev.orchestration.cascade.internal;

import java.util.List;
import java.util.Locale;

import dev.orchestration.cascade.Adjustment;
import dev.orchestration.cascade.CascadeReceipt;
import dev.orchestration.cascade.CascadeStep;
import dev.orchestration.cascade.Verdict;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Cascade meters: {@code llm.cascade.requests} (outcome), {@code llm.escalations} (from,
 * to, reason), {@code llm.cascade.retries} (tier, verifier, adjustment),
 * {@code llm.judge.score} (tier) and {@code llm.judge.calibration} (verdict, then): a
 * judge rejection followed by a stronger answer that differs was probably right; one
 * followed by the same answer was probably wrong, so drift shows.
 */
public class CascadeMetrics {

	private final MeterRegistry registry;

	public CascadeMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void escalation(String from, String to, String reason) {
		this.registry.counter("llm.escalations", "from", from, "to", to, "reason", reason).increment();
	}

	void retry(String tier, String verifier, Adjustment adjustment) {
		this.registry
			.counter("llm.cascade.retries", "tier", tier, "verifier", verifier, "adjustment",
					adjustment.name().toLowerCase(Locale.ROOT).replace('_', '-'))
			.increment();
	}

	void completed(CascadeReceipt receipt) {
		this.registry.counter("llm.cascade.requests", "outcome", receipt.outcome()).increment();
		List<CascadeStep> steps = receipt.steps();
		for (int i = 0; i < steps.size(); i++) {
			CascadeStep step = steps.get(i);
			for (Verdict verdict : step.verdicts()) {
				if (!"judge".equals(verdict.verifier())) {
					continue;
				}
				DistributionSummary.builder("llm.judge.score")
					.tag("tier", (step.tier() != null) ? step.tier() : "none")
					.register(this.registry)
					.record(verdict.score());
				String then = verdict.accepted() ? "accepted"
						: (i + 1 < steps.size()) ? (steps.get(i + 1).answerKey().equals(step.answerKey())
								? "escalated-same" : "escalated-differed") : "not-escalated";
				this.registry
					.counter("llm.judge.calibration", "verdict", verdict.accepted() ? "accept" : "reject", "then", then)
					.increment();
			}
		}
	}

}
