package dev.orchestration.cascade;

import java.time.Duration;
import java.util.Map;

import org.springframework.ai.chat.model.ChatModel;

/**
 * A second model answers too (the task's agreement tier, same or cheaper), and the two
 * answers must agree after normalisation. Suits short or structured answers: choices,
 * numbers, JSON. It is a {@link VoteVerifier vote} of one voter with a quorum of 2.
 */
public class AgreementVerifier implements ResponseVerifier {

	private static final Duration TIMEOUT = Duration.ofMinutes(5);

	private final VoteVerifier votes;

	public AgreementVerifier(VoteVerifier votes) {
		this.votes = votes;
	}

	/** An agreement verifier with its own vote machinery over the router. */
	public AgreementVerifier(ChatModel router) {
		this(new VoteVerifier(router));
	}

	@Override
	public boolean callsModel() {
		return true;
	}

	@Override
	public String name() {
		return "agreement";
	}

	@Override
	public Verdict verify(VerificationContext context) {
		String tier = context.policy().agreementTier();
		if (tier == null) {
			return Verdict.pass(name(), "no agreement tier configured");
		}
		VoteVerifier.Ballots ballots = this.votes.vote(context,
				VoteSettings.agreement(tier, context.policy().normalizer(), TIMEOUT));
		boolean agree = ballots.accepted();
		return new Verdict(name(), agree, agree ? 1 : 0,
				agree ? "agrees with tier " + tier : "tier " + tier + " answered differently", Map.of(), ballots.cost(),
				ballots.promptTokens(), ballots.completionTokens(), ballots.candidates());
	}

}
