package dev.orchestration.review.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.orchestration.cascade.AnswerReview;
import dev.orchestration.cascade.CascadePolicy;
import dev.orchestration.cascade.CascadeReceipt;
import dev.orchestration.cascade.CascadeStep;
import dev.orchestration.cascade.ReviewTicket;
import dev.orchestration.cascade.Verdict;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.receipt.TaskSignal;
import dev.orchestration.review.HighRiskPredicate;
import dev.orchestration.review.ReviewDelivery;
import dev.orchestration.review.ReviewQueue;
import dev.orchestration.review.ReviewRequest;
import dev.orchestration.review.ReviewRequestedEvent;
import dev.orchestration.review.ReviewRequiredException;
import dev.orchestration.routing.RoutingChatOptions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Hands the cascade's chosen answer to human review when every allowed step failed
 * verification (and the task's policy says so) or when the request is high-risk (its
 * task, or a {@link HighRiskPredicate} bean): the answer with the highest score is kept,
 * a {@link ReviewRequest} goes to the {@link ReviewQueue}, a {@link ReviewRequestedEvent}
 * is published, and the receipt says {@code needs-review} with the review id. Neither the
 * queue nor a listener can fail the request.
 */
public class ReviewHandOff implements AnswerReview {

	private static final Log logger = LogFactory.getLog(ReviewHandOff.class);

	private final ReviewPolicies policies;

	private final List<HighRiskPredicate> predicates;

	private final ReviewQueue queue;

	private final ApplicationEventPublisher events;

	private final ReviewMetrics metrics;

	private final boolean includePrompt;

	private final Clock clock;

	public ReviewHandOff(ReviewPolicies policies, List<HighRiskPredicate> predicates, ReviewQueue queue,
			ApplicationEventPublisher events, ReviewMetrics metrics, boolean includePrompt, Clock clock) {
		this.policies = policies;
		this.predicates = List.copyOf(predicates);
		this.queue = queue;
		this.events = events;
		this.metrics = metrics;
		this.includePrompt = includePrompt;
		this.clock = clock;
	}

	@Override
	public boolean appliesWithoutVerifiers(ChatClientRequest request, CascadePolicy policy) {
		return this.policies.forTask(policy.task()).highRisk() || !this.predicates.isEmpty();
	}

	@Override
	public CascadeReceipt conclude(ChatClientRequest request, CascadePolicy policy, ChatResponse answer,
			CascadeReceipt receipt) {
		ReviewPolicy review = this.policies.forTask(policy.task());
		ReviewTicket.Reason reason = reason(review, request, answer, receipt);
		if (reason == null) {
			return receipt;
		}
		ReviewRequest handedOver = request(reason, request, answer, receipt);
		ReviewTicket.Status status = submit(handedOver);
		this.metrics.requested(reason, status);
		try {
			this.events.publishEvent(new ReviewRequestedEvent(this, handedOver, status));
		}
		catch (RuntimeException ex) {
			logger.warn("A ReviewRequestedEvent listener failed (the request is served): " + ex);
		}
		return receipt.needingReview(new ReviewTicket(handedOver.id(), reason, receipt.outcome(), status));
	}

	@Override
	public void deliver(CascadePolicy policy, CascadeReceipt receipt) {
		ReviewTicket ticket = receipt.review();
		if (ticket != null && this.policies.forTask(policy.task()).delivery() == ReviewDelivery.EXCEPTION) {
			throw new ReviewRequiredException(ticket.id(), receipt);
		}
	}

	private ReviewTicket.@Nullable Reason reason(ReviewPolicy review, ChatClientRequest request, ChatResponse answer,
			CascadeReceipt receipt) {
		if (!receipt.accepted() && review.onUnverified()) {
			return ReviewTicket.Reason.UNVERIFIED;
		}
		if (review.highRisk()) {
			return ReviewTicket.Reason.HIGH_RISK;
		}
		for (HighRiskPredicate predicate : this.predicates) {
			try {
				if (predicate.isHighRisk(request, answer)) {
					return ReviewTicket.Reason.HIGH_RISK;
				}
			}
			catch (RuntimeException ex) {
				// a broken predicate cannot tell low from high risk: err on the side of a
				// review
				logger.warn("HighRiskPredicate " + predicate.getClass().getName() + " failed; the answer goes to "
						+ "review: " + ex);
				return ReviewTicket.Reason.HIGH_RISK;
			}
		}
		return null;
	}

	private ReviewRequest request(ReviewTicket.Reason reason, ChatClientRequest request, ChatResponse answer,
			CascadeReceipt receipt) {
		CascadeStep served = receipt.steps().get(receipt.servedStep());
		Map<String, Double> scores = new LinkedHashMap<>();
		for (Verdict verdict : served.verdicts()) {
			scores.put(verdict.verifier(), verdict.score());
			verdict.scores().forEach((name, score) -> scores.put(verdict.verifier() + "." + name, score));
		}
		RoutingChatOptions options = (request.prompt().getOptions() instanceof RoutingChatOptions routing) ? routing
				: null;
		TaskSignal task = (options != null) ? options.getEffectiveTask() : null;
		String text = (answer.getResult() != null && answer.getResult().getOutput().getText() != null)
				? answer.getResult().getOutput().getText() : "";
		String prompt = this.includePrompt ? request.prompt().getUserMessage().getText() : null;
		return new ReviewRequest(UUID.randomUUID().toString(), this.clock.instant(), reason, receipt.outcome(),
				(task != null) ? task.task() : null, (options != null) ? options.getTenant() : null, served.tier(),
				served.member(), RoutingReceipt.from(answer).map(RoutingReceipt::model).orElse(null), scores, text,
				receipt, prompt);
	}

	private ReviewTicket.Status submit(ReviewRequest request) {
		try {
			return this.queue.submit(request);
		}
		catch (RuntimeException ex) {
			logger.warn("The review queue failed; review " + request.id() + " is not queued: " + ex);
			return ReviewTicket.Status.DROPPED;
		}
	}

}
