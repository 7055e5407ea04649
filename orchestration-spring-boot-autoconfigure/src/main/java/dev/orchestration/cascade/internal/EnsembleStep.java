package dev.orchestration.cascade.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

import dev.orchestration.cascade.AnswerNormalizer;
import dev.orchestration.cascade.Candidate;
import dev.orchestration.cascade.CascadePolicy;
import dev.orchestration.cascade.CascadeStep;
import dev.orchestration.cascade.EnsembleSettings;
import dev.orchestration.cascade.ResponseVerifier;
import dev.orchestration.cascade.Verdict;
import dev.orchestration.cascade.VerificationContext;
import dev.orchestration.cascade.VoteSettings;
import dev.orchestration.receipt.RoutingReceipt;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.model.ChatResponse;

/**
 * The first step of a task with an ensemble: the request goes to every member tier at
 * once (bounded in concurrency and estimated cost), each answer is checked by the task's
 * validators (the verifiers that call no model), and one answer is picked by vote, by the
 * judge, or as the first valid one (hedged: the rest are cancelled).
 */
final class EnsembleStep {

	private final ExecutorService executor;

	private final CallCostEstimator estimator;

	private final Map<String, ResponseVerifier> verifiers;

	EnsembleStep(ExecutorService executor, CallCostEstimator estimator, Map<String, ResponseVerifier> verifiers) {
		this.executor = executor;
		this.estimator = estimator;
		this.verifiers = verifiers;
	}

	/** What the ensemble picked. */
	record Picked(ChatClientResponse response, CascadeStep step) {
	}

	/** One member's answer and its validator verdicts. */
	private record Answer(ChatClientResponse response, List<Verdict> validations) {

		boolean valid() {
			return this.validations.stream().allMatch(Verdict::accepted);
		}

		String text() {
			ChatResponse chat = this.response.chatResponse();
			return (chat != null && chat.getResult() != null && chat.getResult().getOutput().getText() != null)
					? chat.getResult().getOutput().getText() : "";
		}

	}

	Picked run(CascadePolicy policy, ChatClientRequest request, Function<String, ChatClientResponse> callTier) {
		EnsembleSettings settings = policy.ensemble();
		List<FanOut.Call<Answer>> calls = new ArrayList<>();
		for (String tier : settings.members()) {
			Candidate template = new Candidate(Candidate.Role.ENSEMBLE, tier, null, Candidate.Status.FAILED, "", 1, 0,
					"", 0, 0, 0);
			calls.add(new FanOut.Call<>(template, this.estimator.estimate(request.prompt(), tier),
					() -> answer(policy, request, callTier.apply(tier))));
		}
		FanOut<Answer> fanOut = new FanOut<>(this.executor,
				(template, answer) -> candidate(settings, template, answer));
		List<FanOut.Result<Answer>> results = fanOut.run(calls, settings.maxConcurrency(), settings.maxCost(),
				settings.timeout(), (soFar) -> decided(settings, soFar));
		List<FanOut.Result<Answer>> answered = results.stream().filter((r) -> r.value() != null).toList();
		if (answered.isEmpty()) {
			RuntimeException failure = results.stream()
				.map(FanOut.Result::failure)
				.filter(RuntimeException.class::isInstance)
				.map(RuntimeException.class::cast)
				.findFirst()
				.orElse(null);
			throw (failure != null) ? failure
					: new IllegalStateException("no member of the ensemble " + settings.members() + " answered");
		}
		return switch (settings.pick()) {
			case VOTE -> byVote(settings, results, answered);
			case JUDGE -> byJudge(policy, request, results, answered);
			case FIRST_VALID -> firstValid(results, answered);
		};
	}

	private Answer answer(CascadePolicy policy, ChatClientRequest request, ChatClientResponse response) {
		List<Verdict> validations = new ArrayList<>();
		ChatResponse chat = response.chatResponse();
		if (chat == null) {
			return new Answer(response, List.of(Verdict.fail("ensemble", "no answer")));
		}
		VerificationContext context = new VerificationContext(request, chat, policy);
		for (String name : policy.verifiers()) {
			ResponseVerifier verifier = this.verifiers.get(name);
			if (verifier == null || verifier.callsModel()) {
				continue;
			}
			Verdict verdict = verifier.verify(context);
			validations.add(verdict);
			if (!verdict.accepted()) {
				break;
			}
		}
		return new Answer(response, validations);
	}

	private static Candidate candidate(EnsembleSettings settings, Candidate template, Answer answer) {
		RoutingReceipt receipt = (answer.response().chatResponse() != null)
				? RoutingReceipt.from(answer.response().chatResponse()).orElse(null) : null;
		String member = (receipt != null) ? receipt.member() : null;
		Verdict rejection = answer.validations().stream().filter((v) -> !v.accepted()).findFirst().orElse(null);
		return new Candidate(Candidate.Role.ENSEMBLE, template.tier(), member,
				(rejection != null) ? Candidate.Status.REJECTED : Candidate.Status.ANSWERED,
				String.join(",", settings.normalizer().fields(answer.text()).values()),
				VoteSettings.weightOf(settings.weights(), member, template.tier()), 0,
				(rejection != null) ? rejection.verifier() + ": " + rejection.reason() : "valid",
				(receipt != null) ? receipt.cost() : 0, (receipt != null) ? receipt.promptTokens() : 0,
				(receipt != null) ? receipt.completionTokens() : 0);
	}

	private static boolean decided(EnsembleSettings settings, List<FanOut.Result<Answer>> soFar) {
		if (settings.pick() == EnsembleSettings.Pick.FIRST_VALID) {
			return soFar.stream().anyMatch((r) -> r.value() != null && r.value().valid());
		}
		if (settings.pick() == EnsembleSettings.Pick.VOTE) {
			List<String> texts = new ArrayList<>();
			List<Double> weights = new ArrayList<>();
			Set<Integer> done = new HashSet<>();
			for (FanOut.Result<Answer> result : soFar) {
				done.add(result.index());
				if (result.value() != null && result.value().valid()) {
					texts.add(result.value().text());
					weights.add(result.candidate().weight());
				}
			}
			double pending = 0;
			for (int i = 0; i < settings.members().size(); i++) {
				if (!done.contains(i)) {
					pending += VoteSettings.potential(settings.weights(), settings.members().get(i));
				}
			}
			VoteTally tally = VoteTally.of(settings.normalizer(), texts, weights);
			double winning = tally.winningWeight();
			boolean won = winning + 1e-12 >= settings.quorum()
					&& winning > tally.totalWeight() - winning + pending + 1e-12;
			boolean hopeless = winning + pending + 1e-12 < settings.quorum();
			return won || hopeless;
		}
		return false;
	}

	private static Picked byVote(EnsembleSettings settings, List<FanOut.Result<Answer>> results,
			List<FanOut.Result<Answer>> answered) {
		List<FanOut.Result<Answer>> valid = answered.stream().filter((r) -> r.value().valid()).toList();
		if (valid.isEmpty()) {
			return picked(results, answered.get(0), false, 0, "no member's answer passed the validators", 0, 0, 0);
		}
		VoteTally tally = VoteTally.of(settings.normalizer(), valid.stream().map((r) -> r.value().text()).toList(),
				valid.stream().map((r) -> r.candidate().weight()).toList());
		Integer winner = tally.firstWinner();
		boolean accepted = winner != null && tally.reaches(settings.quorum());
		int chosen = (winner != null) ? winner : 0;
		double support = tally.support(chosen);
		String reason = String.format(Locale.ROOT, "%s: weight %.2f of %.2f agrees (quorum %.2f) over %d valid answers",
				accepted ? "quorum reached" : "no quorum", support, tally.totalWeight(), settings.quorum(),
				valid.size());
		return picked(results, valid.get(chosen), accepted,
				(tally.totalWeight() > 0) ? support / tally.totalWeight() : 0, reason, 0, 0, 0);
	}

	private Picked byJudge(CascadePolicy policy, ChatClientRequest request, List<FanOut.Result<Answer>> results,
			List<FanOut.Result<Answer>> answered) {
		ResponseVerifier judge = this.verifiers.get("judge");
		FanOut.Result<Answer> best = null;
		Verdict bestVerdict = null;
		double judgeCost = 0;
		long judgeIn = 0;
		long judgeOut = 0;
		List<FanOut.Result<Answer>> judged = new ArrayList<>();
		for (FanOut.Result<Answer> result : answered) {
			if (!result.value().valid() || result.value().response().chatResponse() == null) {
				continue;
			}
			Verdict verdict = judge
				.verify(new VerificationContext(request, result.value().response().chatResponse(), policy));
			judgeCost += verdict.cost();
			judgeIn += verdict.promptTokens();
			judgeOut += verdict.completionTokens();
			judged.add(new FanOut.Result<>(result.index(), result.value(),
					result.candidate().with(Candidate.Status.ANSWERED, verdict.score(), verdict.reason()), null));
			if (bestVerdict == null || verdict.score() > bestVerdict.score()) {
				best = judged.get(judged.size() - 1);
				bestVerdict = verdict;
			}
		}
		List<FanOut.Result<Answer>> merged = new ArrayList<>(results);
		judged.forEach((r) -> merged.set(r.index(), r));
		if (best == null) {
			return picked(merged, answered.get(0), false, 0, "no member's answer passed the validators", judgeCost,
					judgeIn, judgeOut);
		}
		boolean accepted = bestVerdict.score() + 1e-12 >= policy.judgeThreshold();
		return picked(merged, best, accepted, bestVerdict.score(),
				String.format(Locale.ROOT, "judge's best of %d answers scored %.2f (threshold %.2f)", judged.size(),
						bestVerdict.score(), policy.judgeThreshold()),
				judgeCost, judgeIn, judgeOut);
	}

	private static Picked firstValid(List<FanOut.Result<Answer>> results, List<FanOut.Result<Answer>> answered) {
		FanOut.Result<Answer> first = answered.stream().filter((r) -> r.value().valid()).findFirst().orElse(null);
		return (first != null) ? picked(results, first, true, 1, "first valid answer", 0, 0, 0)
				: picked(results, answered.get(0), false, 0, "no member's answer passed the validators", 0, 0, 0);
	}

	/**
	 * The chosen member as the cascade's step: its answer cost as the step's, every other
	 * member's cost (and the judge's) as the verifier cost, so that the receipt's total
	 * sums every candidate paid.
	 */
	private static Picked picked(List<FanOut.Result<Answer>> results, FanOut.Result<Answer> chosen, boolean accepted,
			double score, String reason, double judgeCost, long judgeIn, long judgeOut) {
		List<Candidate> candidates = new ArrayList<>();
		double others = judgeCost;
		long in = judgeIn;
		long out = judgeOut;
		for (FanOut.Result<Answer> result : results) {
			Candidate candidate = result.candidate();
			boolean isChosen = result.index() == chosen.index();
			if (isChosen) {
				candidate = candidate.with(Candidate.Status.CHOSEN, Math.max(candidate.score(), score), reason);
			}
			else {
				others += candidate.cost();
			}
			in += candidate.promptTokens();
			out += candidate.completionTokens();
			candidates.add(candidate);
		}
		Candidate served = candidates.get(chosen.index());
		List<Verdict> verdicts = new ArrayList<>(chosen.value().validations());
		verdicts.add(new Verdict("ensemble", accepted, score, reason, Map.of(), others, in - served.promptTokens(),
				out - served.completionTokens(), candidates));
		String key = Integer.toHexString(AnswerNormalizer.TEXT.normalize(chosen.value().text()).hashCode());
		CascadeStep step = new CascadeStep(served.tier(), served.member(), served.cost(), others, in, out, verdicts,
				accepted, score, key);
		return new Picked(chosen.value().response(), step);
	}

	static @Nullable String escalation(CascadePolicy policy) {
		return (policy.ensemble() != null) ? policy.ensemble().escalateTo() : null;
	}

}
