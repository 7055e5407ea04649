package dev.orchestration.shadow.internal;

import dev.orchestration.cascade.AnswerNormalizer;
import org.jspecify.annotations.Nullable;

/**
 * How much traffic is shadowed and within which bounds.
 *
 * @param sampleRate share of requests shadowed, 0..1
 * @param maxCostPerDay USD the shadow calls (candidate and judge) may spend per UTC day;
 * shadowing stops for the rest of the day once reached (0 stops it at once)
 * @param threads threads running shadow calls
 * @param queueCapacity shadow calls waiting for a thread; more are dropped
 * @param normalizer an extra normalizer for agreement (besides {@code TEXT}), or
 * {@code null}
 * @param judgeTier tier that grades both answers, or {@code null} for no judge
 * @param recentComparisons how many comparisons the endpoint shows
 */
public record ShadowSettings(double sampleRate, double maxCostPerDay, int threads, int queueCapacity,
		@Nullable AnswerNormalizer normalizer, @Nullable String judgeTier, int recentComparisons) {

	public ShadowSettings {
		if (!(sampleRate >= 0 && sampleRate <= 1)) {
			throw new IllegalArgumentException("sampleRate must be within 0..1, was " + sampleRate);
		}
		if (!(maxCostPerDay >= 0)) {
			throw new IllegalArgumentException("maxCostPerDay must be 0 or more, was " + maxCostPerDay);
		}
		if (threads < 1 || queueCapacity < 0 || recentComparisons < 0) {
			throw new IllegalArgumentException(
					"threads must be at least 1, queueCapacity and recentComparisons 0 or more");
		}
		if (normalizer == AnswerNormalizer.TEXT) {
			normalizer = null;
		}
	}

	/**
	 * Every request, 1 USD a day, 2 threads, 100 queued, no extra normalizer, no judge,
	 * 50 recent comparisons.
	 */
	public static ShadowSettings defaults() {
		return new ShadowSettings(1, 1, 2, 100, null, null, 50);
	}

	public ShadowSettings withSampleRate(double sampleRate) {
		return new ShadowSettings(sampleRate, this.maxCostPerDay, this.threads, this.queueCapacity, this.normalizer,
				this.judgeTier, this.recentComparisons);
	}

	public ShadowSettings withMaxCostPerDay(double maxCostPerDay) {
		return new ShadowSettings(this.sampleRate, maxCostPerDay, this.threads, this.queueCapacity, this.normalizer,
				this.judgeTier, this.recentComparisons);
	}

	public ShadowSettings withExecutor(int threads, int queueCapacity) {
		return new ShadowSettings(this.sampleRate, this.maxCostPerDay, threads, queueCapacity, this.normalizer,
				this.judgeTier, this.recentComparisons);
	}

	public ShadowSettings withNormalizer(@Nullable AnswerNormalizer normalizer) {
		return new ShadowSettings(this.sampleRate, this.maxCostPerDay, this.threads, this.queueCapacity, normalizer,
				this.judgeTier, this.recentComparisons);
	}

	public ShadowSettings withJudgeTier(@Nullable String judgeTier) {
		return new ShadowSettings(this.sampleRate, this.maxCostPerDay, this.threads, this.queueCapacity,
				this.normalizer, judgeTier, this.recentComparisons);
	}

	public ShadowSettings withRecentComparisons(int recentComparisons) {
		return new ShadowSettings(this.sampleRate, this.maxCostPerDay, this.threads, this.queueCapacity,
				this.normalizer, this.judgeTier, recentComparisons);
	}

}
