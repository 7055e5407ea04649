package dev.orchestration.cascade;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.orchestration.cascade.internal.FanOut;
import dev.orchestration.cascade.internal.RouterCall;
import dev.orchestration.cascade.internal.RouterCallingVerifier;
import dev.orchestration.cascade.internal.VoteTally;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.internal.PromptOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * More members answer the same request, in parallel (at most {@code max-concurrency} at
 * once): each voter tier once, and the answering tier {@code samples} more times at the
 * vote's temperature (self-consistency). The answer passes when the (weighted) votes that
 * agree with it after normalisation, its own included, reach the quorum and no other
 * answer has more. Votes stop as soon as the outcome is decided; the calls still running
 * are cancelled and cost 0.
 */
public class VoteVerifier extends RouterCallingVerifier {

	public VoteVerifier(ChatModel router) {
		super(router, "llm-vote");
	}

	@Override
	public String name() {
		return "vote";
	}

	@Override
	public Verdict verify(VerificationContext context) {
		VoteSettings settings = context.policy().vote();
		if (settings == null) {
			return Verdict.pass(name(), "no vote configured");
		}
		Ballots ballots = vote(context, settings);
		return new Verdict(name(), ballots.accepted(), ballots.score(),
				String.format(Locale.ROOT, "%d of %d votes agree (weight %s of %s, quorum %s)", ballots.agreeing(),
						ballots.counted(), format(ballots.support()), format(ballots.total()),
						format(settings.quorum())),
				Map.of("support", ballots.support(), "total", ballots.total()), ballots.cost(), ballots.promptTokens(),
				ballots.completionTokens(), ballots.candidates());
	}

	/**
	 * Asks the voters and samples of {@code settings} and counts them with the answer
	 * under verification.
	 */
	Ballots vote(VerificationContext context, VoteSettings settings) {
		String ownTier = context.tier();
		String ownMember = RoutingReceipt.from(context.response()).map(RoutingReceipt::member).orElse(null);
		List<FanOut.Call<RouterCall>> calls = new ArrayList<>();
		List<String> tiers = new ArrayList<>();
		for (String voter : settings.voters()) {
			tiers.add(voter);
			calls.add(call(Candidate.Role.VOTE, voter, context.prompt()));
		}
		if (ownTier != null) {
			Prompt sample = withTemperature(context.prompt(), settings.temperature());
			for (int i = 0; i < settings.samples(); i++) {
				tiers.add(ownTier);
				calls.add(call(Candidate.Role.SAMPLE, ownTier, sample));
			}
		}
		String answer = context.answer();
		if (settings.normalizer().normalize(answer).isEmpty()) {
			// an answer with nothing to compare (no choice, number, label...) can gather
			// no agreeing vote: the
			// quorum is out of reach before anyone is asked, so nobody is asked (and paid
			// for)
			calls.clear();
			tiers.clear();
		}
		double ownWeight = settings.weight(ownMember, ownTier);
		List<FanOut.Result<RouterCall>> results = new FanOut<RouterCall>(this.executor,
				(template, call) -> new Candidate(template.role(), template.tier(), call.member(),
						Candidate.Status.ANSWERED, "", 1, 0, "answered", call.cost(), call.promptTokens(),
						call.completionTokens()))
			.run(calls, settings.maxConcurrency(), 0, settings.timeout(),
					(soFar) -> decided(settings, answer, ownWeight, soFar, tiers, calls.size()));
		List<String> answers = new ArrayList<>(List.of(answer));
		List<Double> weights = new ArrayList<>(List.of(ownWeight));
		List<Integer> answered = new ArrayList<>();
		for (FanOut.Result<RouterCall> result : results) {
			if (result.value() != null) {
				answers.add(result.value().text());
				weights.add(settings.weight(result.value().member(), tiers.get(result.index())));
				answered.add(result.index());
			}
		}
		VoteTally tally = VoteTally.of(settings.normalizer(), answers, weights);
		boolean accepted = tally.support(0) + 1e-12 >= settings.quorum() && tally.isWinner(0);
		List<Candidate> candidates = new ArrayList<>();
		double cost = 0;
		long in = 0;
		long out = 0;
		int agreeing = 1;
		for (FanOut.Result<RouterCall> result : results) {
			Candidate template = calls.get(result.index()).template();
			RouterCall call = result.value();
			if (call == null) {
				candidates.add(result.candidate());
				continue;
			}
			int position = answered.indexOf(result.index()) + 1;
			boolean agrees = agreesWithFirst(settings.normalizer(), answer, call.text());
			agreeing += agrees ? 1 : 0;
			candidates.add(new Candidate(template.role(), template.tier(), call.member(),
					agrees ? Candidate.Status.CHOSEN : Candidate.Status.ANSWERED,
					String.join(",", settings.normalizer().fields(call.text()).values()), weights.get(position),
					agrees ? 1 : 0, agrees ? "agrees" : "answered differently", call.cost(), call.promptTokens(),
					call.completionTokens()));
			cost += call.cost();
			in += call.promptTokens();
			out += call.completionTokens();
		}
		return new Ballots(accepted, tally.support(0), tally.totalWeight(), agreeing, answers.size(), cost, in, out,
				candidates);
	}

	private static boolean agreesWithFirst(AnswerNormalizer normalizer, String first, String other) {
		Map<String, String> a = normalizer.fields(first);
		return !a.isEmpty() && a.equals(normalizer.fields(other));
	}

	/**
	 * Whether the answer already has the quorum, or can no longer reach it with the votes
	 * still to come.
	 */
	private static boolean decided(VoteSettings settings, String answer, double ownWeight,
			List<FanOut.Result<RouterCall>> soFar, List<String> tiers, int total) {
		List<String> answers = new ArrayList<>(List.of(answer));
		List<Double> weights = new ArrayList<>(List.of(ownWeight));
		Set<Integer> seen = new HashSet<>();
		for (FanOut.Result<RouterCall> result : soFar) {
			seen.add(result.index());
			if (result.value() != null) {
				answers.add(result.value().text());
				weights.add(settings.weight(result.value().member(), tiers.get(result.index())));
			}
		}
		VoteTally tally = VoteTally.of(settings.normalizer(), answers, weights);
		double support = tally.support(0);
		double others = tally.totalWeight() - support;
		double pending = 0;
		for (int i = 0; i < total; i++) {
			if (!seen.contains(i)) {
				pending += VoteSettings.potential(settings.weights(), tiers.get(i));
			}
		}
		boolean won = support + 1e-12 >= settings.quorum() && support > others + pending + 1e-12;
		boolean lost = support + pending + 1e-12 < settings.quorum();
		return won || lost;
	}

	private FanOut.Call<RouterCall> call(Candidate.Role role, String tier, Prompt prompt) {
		Candidate template = new Candidate(role, tier, null, Candidate.Status.FAILED, "", 1, 0, "", 0, 0, 0);
		return new FanOut.Call<>(template, 0, () -> RouterCall.call(this.router, prompt, tier));
	}

	private static Prompt withTemperature(Prompt prompt, @Nullable Double temperature) {
		if (temperature == null) {
			return prompt;
		}
		RoutingChatOptions.Builder builder = RoutingChatOptions.builder();
		if (prompt.getOptions() != null) {
			builder.combineWith(prompt.getOptions().mutate());
		}
		return PromptOptions.with(prompt, builder.temperature(temperature).build());
	}

	private static String format(double value) {
		return (value == Math.rint(value)) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value);
	}

	/**
	 * The counted votes.
	 *
	 * @param accepted whether the answer reached the quorum and won
	 * @param support the weight that agrees with the answer, its own included
	 * @param total the weight of every answer counted
	 * @param agreeing answers that agree with it, its own included
	 * @param counted answers counted, its own included
	 * @param cost USD of the vote calls
	 * @param promptTokens prompt tokens of the vote calls
	 * @param completionTokens completion tokens of the vote calls
	 * @param candidates every vote call
	 */
	record Ballots(boolean accepted, double support, double total, int agreeing, int counted, double cost,
			long promptTokens, long completionTokens, List<Candidate> candidates) {

		double score() {
			return (this.total > 0) ? this.support / this.total : 0;
		}

	}

}
