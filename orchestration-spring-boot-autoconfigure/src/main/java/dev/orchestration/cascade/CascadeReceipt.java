package dev.orchestration.cascade;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ChatResponse;

/**
 * What a cascaded response carries in its metadata: every answer with its verdicts and
 * scores, why the cascade stopped, and the cost and tokens over all answers and verifier
 * calls.
 *
 * @param steps every answer in order
 * @param outcome {@code accepted}, or why the best answer so far was returned:
 * {@code end-of-path}, {@code max-escalations}, {@code cost-ceiling},
 * {@code escalation-rate-limited}, {@code escalation-refused} (the escalation was served
 * by the same tier again, for example after a budget downgrade), or {@code needs-review}
 * (the answer was handed to human review; {@link #review()} says why and where); an
 * ensemble that picked no answer and has no tier to escalate to ends {@code end-of-path}
 * @param servedStep index of the step whose answer was returned
 * @param cost USD over all answers and verifier calls, every candidate of votes and
 * ensembles included
 * @param promptTokens prompt tokens over all answers and verifier calls
 * @param completionTokens completion tokens over all answers and verifier calls
 * @param review the human-review flag when the outcome is {@code needs-review}, else
 * {@code null}
 */
public record CascadeReceipt(List<CascadeStep> steps, String outcome, int servedStep, double cost, long promptTokens,
		long completionTokens, @Nullable ReviewTicket review) {

	/** The outcome of an answer handed to human review. */
	public static final String NEEDS_REVIEW = "needs-review";

	/** The key under which the receipt is stored in {@code ChatResponseMetadata}. */
	public static final String METADATA_KEY = "llm.cascade";

	public CascadeReceipt {
		steps = List.copyOf(steps);
	}

	/** A receipt without a review flag. */
	public CascadeReceipt(List<CascadeStep> steps, String outcome, int servedStep, double cost, long promptTokens,
			long completionTokens) {
		this(steps, outcome, servedStep, cost, promptTokens, completionTokens, null);
	}

	/** This receipt with outcome {@code needs-review} and the review flag. */
	public CascadeReceipt needingReview(ReviewTicket ticket) {
		return new CascadeReceipt(this.steps, NEEDS_REVIEW, this.servedStep, this.cost, this.promptTokens,
				this.completionTokens, ticket);
	}

	/** Whether the answer was handed to human review. */
	public boolean needsReview() {
		return this.review != null;
	}

	public boolean accepted() {
		return "accepted".equals(this.outcome);
	}

	/**
	 * How many times the request was escalated to another tier (retries of the same tier
	 * not counted).
	 */
	public int escalations() {
		return this.steps.size() - 1 - retries();
	}

	/** How many times a tier was asked again with adjusted parameters. */
	public int retries() {
		return (int) this.steps.stream().filter(CascadeStep::retry).count();
	}

	/**
	 * Every vote, sample and ensemble member of the request with its status, answer,
	 * weight and cost, in step order. Their costs are part of {@link #cost()} (as their
	 * steps' verifier cost, or the served step's answer cost for an ensemble's chosen
	 * member).
	 */
	public List<Candidate> candidates() {
		return this.steps.stream()
			.flatMap((step) -> step.verdicts().stream())
			.flatMap((verdict) -> verdict.candidates().stream())
			.toList();
	}

	public static Optional<CascadeReceipt> from(@Nullable ChatResponse response) {
		if (response == null) {
			return Optional.empty();
		}
		return (response.getMetadata().get(METADATA_KEY) instanceof CascadeReceipt receipt) ? Optional.of(receipt)
				: Optional.empty();
	}

}
