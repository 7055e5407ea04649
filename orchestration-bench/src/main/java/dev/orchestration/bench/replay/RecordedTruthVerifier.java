package dev.orchestration.bench.replay;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import dev.orchestration.cascade.ResponseVerifier;
import dev.orchestration.cascade.Verdict;
import dev.orchestration.cascade.VerificationContext;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.test.simulator.RouterBenchDataset;
import dev.orchestration.test.simulator.RouterBenchRow;

/**
 * BENCH ONLY, a sensitivity probe, not a judge: accepts an answer exactly when the
 * recorded correctness of the model that produced it says it is correct, then flips that
 * verdict with a known probability ({@code --judge-error}). It makes no model call and
 * costs nothing; a real judge would add its own calls. The flip is a deterministic
 * function of (seed, sample_id, model), so runs are reproducible whatever the thread
 * order.
 */
public final class RecordedTruthVerifier implements ResponseVerifier {

	/** The name to use in {@code llm.cascade.*.verifiers}. */
	public static final String NAME = "recorded-truth";

	private final RouterBenchDataset data;

	private final double errorRate;

	private final long seed;

	private final AtomicLong verdicts = new AtomicLong();

	private final AtomicLong flipped = new AtomicLong();

	private final AtomicLong falseAccepts = new AtomicLong();

	private final AtomicLong falseRejects = new AtomicLong();

	/**
	 * Creates the verifier.
	 * @param data the replayed rows (the truth)
	 * @param errorRate probability in [0, 1] that a verdict is flipped
	 * @param seed seed of the flips
	 */
	public RecordedTruthVerifier(RouterBenchDataset data, double errorRate, long seed) {
		if (errorRate < 0 || errorRate > 1) {
			throw new IllegalArgumentException("error rate must be in [0, 1]");
		}
		this.data = data;
		this.errorRate = errorRate;
		this.seed = seed;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Verdict verify(VerificationContext context) {
		String model = RoutingReceipt.from(context.response()).map(RoutingReceipt::model).orElse(null);
		RouterBenchRow row = (model != null) ? this.data.find(context.question(), model).orElse(null) : null;
		if (row == null) {
			return Verdict.fail(NAME, "no recorded outcome for model " + model + " on this prompt");
		}
		boolean truth = row.outcome(model).isCorrect();
		boolean flip = flips(row.sampleId(), model);
		boolean accepted = flip != truth;
		this.verdicts.incrementAndGet();
		if (flip) {
			this.flipped.incrementAndGet();
			(accepted ? this.falseAccepts : this.falseRejects).incrementAndGet();
		}
		String reason = "recorded " + (truth ? "correct" : "wrong") + (flip ? ", verdict flipped" : "");
		return new Verdict(NAME, accepted, accepted ? 1 : 0, reason, Map.of(), 0, 0, 0);
	}

	boolean flips(String sampleId, String model) {
		if (this.errorRate <= 0) {
			return false;
		}
		long key = this.seed * 0x9E3779B97F4A7C15L + sampleId.hashCode() * 31L + model.hashCode();
		return new SplittableRandom(key).nextDouble() < this.errorRate;
	}

	/** The configured error rate. */
	public double errorRate() {
		return this.errorRate;
	}

	/** The seed of the flips. */
	public long seed() {
		return this.seed;
	}

	/** Verdicts given. */
	public long verdicts() {
		return this.verdicts.get();
	}

	/** Verdicts flipped (the realised error). */
	public long flipped() {
		return this.flipped.get();
	}

	/** Wrong answers accepted because of a flip. */
	public long falseAccepts() {
		return this.falseAccepts.get();
	}

	/** Correct answers rejected because of a flip. */
	public long falseRejects() {
		return this.falseRejects.get();
	}

}
