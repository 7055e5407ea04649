package dev.orchestration.rollout;

/**
 * Where a canary ramp is.
 */
public enum CanaryState {

	/** Taking its steps while the guards hold. */
	RAMPING,

	/** Held at its share by an operator. */
	PAUSED,

	/**
	 * At 0 % after a broken guard, a gate or an operator; resume starts the ramp again.
	 */
	ROLLED_BACK,

	/** Past its last step. */
	COMPLETED

}
