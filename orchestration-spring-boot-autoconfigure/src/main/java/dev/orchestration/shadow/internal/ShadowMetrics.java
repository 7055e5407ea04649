package dev.orchestration.shadow.internal;

import java.time.Duration;
import java.util.Locale;

import dev.orchestration.cascade.AnswerNormalizer;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Shadow meters: {@code llm.shadow.requests} (result: compared, dropped, over-budget,
 * failed, skipped), {@code llm.shadow.agreement} (result: agree, disagree; normalizer),
 * {@code llm.shadow.cost} (policy: live, candidate, judge; USD),
 * {@code llm.shadow.latency} (policy: live, candidate) and {@code llm.shadow.judge.score}
 * (policy).
 */
public class ShadowMetrics {

	public static final String COMPARED = "compared";

	public static final String DROPPED = "dropped";

	public static final String OVER_BUDGET = "over-budget";

	public static final String FAILED = "failed";

	/**
	 * Sampled but not shadowable: the request carries tools, or the live answer is a tool
	 * call or empty.
	 */
	public static final String SKIPPED = "skipped";

	private final MeterRegistry registry;

	public ShadowMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void request(String result) {
		this.registry.counter("llm.shadow.requests", "result", result).increment();
	}

	void agreement(AnswerNormalizer normalizer, boolean agreed) {
		this.registry
			.counter("llm.shadow.agreement", "result", agreed ? "agree" : "disagree", "normalizer",
					normalizer.name().toLowerCase(Locale.ROOT))
			.increment();
	}

	void cost(String policy, double cost) {
		if (cost > 0) {
			this.registry.counter("llm.shadow.cost", "policy", policy).increment(cost);
		}
	}

	void latency(String policy, long millis) {
		Timer.builder("llm.shadow.latency")
			.tag("policy", policy)
			.register(this.registry)
			.record(Duration.ofMillis(millis));
	}

	void judgeScore(String policy, @Nullable Double score) {
		if (score != null) {
			DistributionSummary.builder("llm.shadow.judge.score")
				.tag("policy", policy)
				.register(this.registry)
				.record(score);
		}
	}

}
