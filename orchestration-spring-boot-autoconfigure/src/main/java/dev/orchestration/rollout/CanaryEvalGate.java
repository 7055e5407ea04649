package dev.orchestration.rollout;

/**
 * An extra check before a canary ramp advances, for example an offline evaluation of the
 * canary model. Every bean of this type is asked before each step up; it runs on the
 * rollout's evaluation thread, never on a request.
 */
@FunctionalInterface
public interface CanaryEvalGate {

	/** Whether the canary may take its next step, hold where it is, or must roll back. */
	Verdict check(CanaryStatus canary);

	/** What a gate decided, and why. */
	record Verdict(Decision decision, String reason) {

		public static Verdict pass() {
			return new Verdict(Decision.PASS, "passed");
		}

		public static Verdict hold(String reason) {
			return new Verdict(Decision.HOLD, reason);
		}

		public static Verdict rollBack(String reason) {
			return new Verdict(Decision.ROLL_BACK, reason);
		}

	}

	/** A gate's decision. */
	enum Decision {

		/** The ramp may advance. */
		PASS,

		/** The ramp stays at its step for now. */
		HOLD,

		/** The canary goes back to 0 %. */
		ROLL_BACK

	}

}
