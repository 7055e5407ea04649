package dev.orchestration.audit;

import java.util.List;

import dev.orchestration.cascade.CascadeStep;

/**
 * What the cascade did: every answer with the verifiers' verdicts, and why it stopped.
 *
 * @param outcome {@code accepted}, or why the best answer so far was returned (for
 * example {@code max-escalations})
 * @param servedStep index of the step whose answer was returned
 * @param escalations how many times the request was sent to a stronger tier
 * @param steps every answer with its verdicts, in order
 */
public record AuditCascade(String outcome, int servedStep, int escalations, List<CascadeStep> steps) {

	public AuditCascade {
		steps = List.copyOf(steps);
	}

}
