package dev.orchestration.receipt;

/**
 * Why a request was sent to a stronger tier than it first went to.
 *
 * @param fromTier the tier whose answer was not accepted
 * @param reason why it was not accepted
 */
public record Escalation(String fromTier, String reason) {

	public String describe() {
		return this.fromTier + ": " + this.reason;
	}

}
