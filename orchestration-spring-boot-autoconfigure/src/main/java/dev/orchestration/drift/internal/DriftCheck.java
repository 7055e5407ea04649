package dev.orchestration.drift.internal;

import java.time.Duration;
import java.util.List;

import dev.orchestration.drift.DriftCase;
import dev.orchestration.drift.DriftGrader;
import org.jspecify.annotations.Nullable;

/**
 * A scheduled evaluation: the cases and grader, what it evaluates (a tier, or the class
 * policy of a task), when, and what counts as drift.
 *
 * @param name the check's name
 * @param tier the tier every case is forced to, or {@code null} to let the class policy
 * of {@code task} choose
 * @param task the task hint sent with every case (the class), or {@code null}
 * @param cases the evaluation set
 * @param grader scores each answer
 * @param baselineScore the score to compare with, or {@code null} to take the first run's
 * @param maxDrop how far the score may fall below the baseline (absolute, 0..1) before it
 * counts as drift
 * @param removeOnDrift whether a drifted tier is taken out of the class policies until a
 * run passes
 * @param interval time between runs, or {@code null} with a cron expression
 * @param cron a cron expression, or {@code null} with an interval
 * @param initialDelay time before the first run of an interval check
 */
public record DriftCheck(String name, @Nullable String tier, @Nullable String task, List<DriftCase> cases,
		DriftGrader grader, @Nullable Double baselineScore, double maxDrop, boolean removeOnDrift,
		@Nullable Duration interval, @Nullable String cron, Duration initialDelay) {

	public DriftCheck {
		cases = List.copyOf(cases);
	}

}
