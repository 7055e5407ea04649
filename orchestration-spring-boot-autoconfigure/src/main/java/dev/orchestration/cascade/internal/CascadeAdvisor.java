package dev.orchestration.cascade.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.orchestration.cache.Cacheability;
import dev.orchestration.cascade.Adjustment;
import dev.orchestration.cascade.AnswerNormalizer;
import dev.orchestration.cascade.AnswerReview;
import dev.orchestration.cascade.CascadePolicies;
import dev.orchestration.cascade.CascadePolicy;
import dev.orchestration.cascade.CascadeReceipt;
import dev.orchestration.cascade.CascadeStep;
import dev.orchestration.cascade.ResponseVerifier;
import dev.orchestration.cascade.Verdict;
import dev.orchestration.cascade.VerificationContext;
import dev.orchestration.receipt.Escalation;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.RoutingClientAdvisor;
import dev.orchestration.routing.internal.PromptOptions;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.core.Ordered;

/**
 * Cheap first, verify, escalate. Wraps the tool loop (it only ever sees final answers,
 * never tool-call turns): after an answer from tier T the task's verifiers run in order;
 * if one rejects, the request is asked again with the next tier of the path forced, at
 * most {@code max-escalations} times, within the cost ceiling and the escalation rate.
 * When a limit is reached the best answer so far is returned and the receipt says why,
 * unless the {@link AnswerReview} hands it to human review. Streams pass through
 * unverified (verifying needs the whole answer before the caller sees any of it), unless
 * the task's policy buffers them: the cascade then runs on each step's whole answer and
 * the chosen one is emitted as a stream.
 */
public class CascadeAdvisor implements CallAdvisor, StreamAdvisor, RoutingClientAdvisor {

	/**
	 * Inside the caches, outside chat memory (HIGHEST + 200) and the tool loop (HIGHEST +
	 * 300).
	 */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 150;

	private final CascadePolicies policies;

	private final Map<String, ResponseVerifier> verifiers;

	private final EscalationLimiter limiter;

	private final CascadeMetrics metrics;

	private final AnswerReview review;

	private final @Nullable EnsembleStep ensembles;

	private final ParameterAdjuster adjuster = new ParameterAdjuster();

	public CascadeAdvisor(CascadePolicies policies, Map<String, ResponseVerifier> verifiers, EscalationLimiter limiter,
			CascadeMetrics metrics) {
		this(policies, verifiers, limiter, metrics, AnswerReview.NONE, null);
	}

	public CascadeAdvisor(CascadePolicies policies, Map<String, ResponseVerifier> verifiers, EscalationLimiter limiter,
			CascadeMetrics metrics, AnswerReview review) {
		this(policies, verifiers, limiter, metrics, review, null);
	}

	/**
	 * A cascade that can also run ensembles (on the executor, with their cost estimated
	 * by {@code ensembles}).
	 */
	public CascadeAdvisor(CascadePolicies policies, Map<String, ResponseVerifier> verifiers, EscalationLimiter limiter,
			CascadeMetrics metrics, @Nullable EnsembleRunner ensembles) {
		this(policies, verifiers, limiter, metrics, AnswerReview.NONE, ensembles);
	}

	/**
	 * A cascade that hands unverifiable answers to human review and can run ensembles.
	 */
	public CascadeAdvisor(CascadePolicies policies, Map<String, ResponseVerifier> verifiers, EscalationLimiter limiter,
			CascadeMetrics metrics, AnswerReview review, @Nullable EnsembleRunner ensembles) {
		this.policies = policies;
		this.verifiers = Map.copyOf(verifiers);
		this.limiter = limiter;
		this.metrics = metrics;
		this.review = review;
		this.ensembles = (ensembles != null)
				? new EnsembleStep(ensembles.executor(), ensembles.estimator(), this.verifiers) : null;
	}

	@Override
	public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
		CascadePolicy policy = this.policies.forRequest(request);
		if (!cascades(request, policy)) {
			return chain.nextCall(request);
		}
		List<CascadeStep> steps = new ArrayList<>();
		List<ChatClientResponse> answers = new ArrayList<>();
		ChatClientRequest current = request;
		ChatClientRequest tierRequest = request;
		int retriesOnTier = 0;
		String retriedFor = null;
		String outcome;
		while (true) {
			CascadeStep step;
			ChatClientResponse response;
			String next;
			if (steps.isEmpty() && policy.ensemble() != null && this.ensembles != null) {
				ChatClientRequest first = current;
				EnsembleStep.Picked picked = this.ensembles.run(policy, first,
						(tier) -> chain.copy(this).nextCall(forTier(first, tier)));
				response = picked.response();
				step = picked.step();
				next = EnsembleStep.escalation(policy);
			}
			else {
				response = chain.copy(this).nextCall(current);
				ChatResponse answer = response.chatResponse();
				if (answer == null || answer.hasToolCalls()) {
					return response;
				}
				String answeredBy = RoutingReceipt.from(answer).map(RoutingReceipt::tier).orElse(null);
				boolean canEscalate = (policy.nextTier(answeredBy) != null
						&& tierSteps(steps) < policy.maxEscalations()) || retriesLeft(policy, steps);
				step = verify(policy, request, answer, canEscalate, adjustments(current));
				next = policy.nextTier(step.tier());
			}
			steps.add(step);
			answers.add(response);
			if (step.accepted()) {
				outcome = "accepted";
				break;
			}
			Verdict rejection = step.rejection();
			String reason = (rejection != null) ? rejection.verifier() : "rejected";
			if (response.chatResponse() != null && step.tier() != null
					&& !(steps.size() == 1 && policy.ensemble() != null)) {
				int previous = reason.equals(retriedFor) ? retriesOnTier : 0;
				List<Adjustment> adjustments = policy.retry().next(reason, previous, retries(steps));
				if (adjustments != null && !overCost(policy, steps)) {
					retriedFor = reason;
					retriesOnTier = previous + 1;
					this.metrics.retry(step.tier(), reason, adjustments.get(adjustments.size() - 1));
					current = this.adjuster.adjust(forTier(tierRequest, step.tier()), adjustments, policy.retry(),
							response.chatResponse(), rejection);
					continue;
				}
			}
			if (steps.size() > 1 && !step.retry() && Objects.equals(step.tier(), steps.get(steps.size() - 2).tier())) {
				// the escalation was served by the same tier again (a budget downgrade):
				// escalating cannot help
				outcome = "escalation-refused";
				break;
			}
			outcome = stopReason(policy, steps, next);
			if (outcome != null) {
				break;
			}
			this.metrics.escalation(String.valueOf(step.tier()), next, reason);
			tierRequest = escalate(tierRequest, next, step.tier(), reason);
			current = tierRequest;
			retriesOnTier = 0;
			retriedFor = null;
		}
		int served = best(steps, outcome);
		ChatClientResponse chosen = answers.get(served);
		CascadeReceipt receipt = this.review.conclude(request, policy, chosen.chatResponse(),
				receipt(steps, outcome, served));
		this.metrics.completed(receipt);
		this.review.deliver(policy, receipt);
		return chosen.mutate().chatResponse(withReceipt(chosen.chatResponse(), receipt)).build();
	}

	private static boolean retriesLeft(CascadePolicy policy, List<CascadeStep> steps) {
		return !policy.retry().on().isEmpty() && retries(steps) < policy.retry().maxRetries();
	}

	private static int retries(List<CascadeStep> steps) {
		return (int) steps.stream().filter(CascadeStep::retry).count();
	}

	private static int tierSteps(List<CascadeStep> steps) {
		return steps.size() - retries(steps);
	}

	private static boolean overCost(CascadePolicy policy, List<CascadeStep> steps) {
		double spent = steps.stream().mapToDouble((s) -> s.answerCost() + s.verifierCost()).sum();
		return policy.maxCost() > 0 && spent >= policy.maxCost();
	}

	private static List<Adjustment> adjustments(ChatClientRequest request) {
		Object value = request.context().get(ParameterAdjuster.CONTEXT_KEY);
		if (value instanceof List<?> list) {
			return list.stream().filter(Adjustment.class::isInstance).map(Adjustment.class::cast).toList();
		}
		return List.of();
	}

	private static ChatClientRequest forTier(ChatClientRequest request, String tier) {
		Prompt prompt = request.prompt()
			.mutate()
			.chatOptions(RouterCall.forTier(request.prompt().getOptions(), tier))
			.build();
		return request.mutate().prompt(prompt).build();
	}

	@Override
	public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
		CascadePolicy policy = this.policies.forRequest(request);
		if (policy.stream() != CascadePolicy.StreamMode.BUFFERED || !cascades(request, policy)) {
			return chain.nextStream(request);
		}
		return BufferedStreamChain.cascade(this, request, chain);
	}

	private boolean cascades(ChatClientRequest request, CascadePolicy policy) {
		return policy.active() || this.review.appliesWithoutVerifiers(request, policy);
	}

	private CascadeStep verify(CascadePolicy policy, ChatClientRequest request, ChatResponse answer,
			boolean canEscalate, List<Adjustment> adjustments) {
		VerificationContext context = new VerificationContext(request, answer, policy);
		List<Verdict> verdicts = new ArrayList<>();
		for (String name : policy.verifiers()) {
			ResponseVerifier verifier = this.verifiers.get(name);
			if (!canEscalate && verifier.callsModel()) {
				continue;
			}
			Verdict verdict = verifier.verify(context);
			verdicts.add(verdict);
			if (!verdict.accepted()) {
				break;
			}
		}
		RoutingReceipt receipt = RoutingReceipt.from(answer).orElse(null);
		boolean accepted = verdicts.stream().allMatch(Verdict::accepted);
		double score = verdicts.stream().mapToDouble(Verdict::score).min().orElse(1);
		double verifierCost = verdicts.stream().mapToDouble(Verdict::cost).sum();
		long in = verdicts.stream().mapToLong(Verdict::promptTokens).sum();
		long out = verdicts.stream().mapToLong(Verdict::completionTokens).sum();
		if (receipt != null) {
			in += receipt.promptTokens();
			out += receipt.completionTokens();
		}
		else {
			in += tokens(answer.getMetadata().getUsage().getPromptTokens());
			out += tokens(answer.getMetadata().getUsage().getCompletionTokens());
		}
		String key = Integer.toHexString(AnswerNormalizer.TEXT.normalize(context.answer()).hashCode());
		return new CascadeStep((receipt != null) ? receipt.tier() : null, (receipt != null) ? receipt.member() : null,
				(receipt != null) ? receipt.cost() : 0, verifierCost, in, out, verdicts, accepted, score, key,
				adjustments);
	}

	private @Nullable String stopReason(CascadePolicy policy, List<CascadeStep> steps, @Nullable String next) {
		if (next == null) {
			return "end-of-path";
		}
		if (tierSteps(steps) > policy.maxEscalations()) {
			return "max-escalations";
		}
		if (overCost(policy, steps)) {
			return "cost-ceiling";
		}
		if (!this.limiter.tryAcquire()) {
			return "escalation-rate-limited";
		}
		return null;
	}

	/**
	 * The accepted step, else the highest-scoring one (the later on ties: a stronger
	 * tier).
	 */
	private static int best(List<CascadeStep> steps, String outcome) {
		if ("accepted".equals(outcome)) {
			return steps.size() - 1;
		}
		int best = 0;
		for (int i = 1; i < steps.size(); i++) {
			if (steps.get(i).score() >= steps.get(best).score()) {
				best = i;
			}
		}
		return best;
	}

	private static CascadeReceipt receipt(List<CascadeStep> steps, String outcome, int served) {
		double cost = 0;
		long in = 0;
		long out = 0;
		for (CascadeStep step : steps) {
			cost += step.answerCost() + step.verifierCost();
			in += step.promptTokens();
			out += step.completionTokens();
		}
		return new CascadeReceipt(steps, outcome, served, cost, in, out, null);
	}

	/**
	 * The served answer with the cascade receipt, and usage summed over every answer and
	 * verifier call.
	 */
	private static ChatResponse withReceipt(ChatResponse response, CascadeReceipt receipt) {
		ChatResponseMetadata original = response.getMetadata();
		Map<String, Object> entries = new HashMap<>();
		original.entrySet().forEach((entry) -> entries.put(entry.getKey(), entry.getValue()));
		entries.put(CascadeReceipt.METADATA_KEY, receipt);
		if (!receipt.accepted()) {
			entries.put(Cacheability.VERIFICATION_FAILED, true);
		}
		ChatResponseMetadata metadata = ChatResponseMetadata.builder()
			.metadata(entries)
			.id(original.getId())
			.model(original.getModel())
			.rateLimit(original.getRateLimit())
			.promptMetadata(original.getPromptMetadata())
			.usage(new DefaultUsage((int) receipt.promptTokens(), (int) receipt.completionTokens()))
			.build();
		return new ChatResponse(response.getResults(), metadata);
	}

	private static ChatClientRequest escalate(ChatClientRequest request, String tier, @Nullable String from,
			String reason) {
		ChatOptions options = RouterCall.forTier(request.prompt().getOptions(), tier);
		RoutingChatOptions escalated = ((RoutingChatOptions) options).mutate()
			.escalation(new Escalation(String.valueOf(from), reason))
			.build();
		Prompt prompt = PromptOptions.with(request.prompt(), escalated);
		return request.mutate().prompt(prompt).build();
	}

	private static long tokens(@Nullable Integer value) {
		return (value != null) ? value : 0;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public String getName() {
		return "CascadeAdvisor";
	}

}
