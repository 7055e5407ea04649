package dev.orchestration.cascade;

import java.util.Map;

import org.springframework.ai.chat.model.ChatModel;

/**
 * A second model answers too (the task's agreement tier, same or cheaper), and the two answers must agree after
 * normalisation. Suits short or structured answers: choices, numbers, JSON.
 */
public class AgreementVerifier implements ResponseVerifier {

	private final ChatModel router;

	public AgreementVerifier(ChatModel router) {
		this.router = router;
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
		RouterCall second = RouterCall.call(this.router, context.prompt(), tier);
		AnswerNormalizer normalizer = context.policy().normalizer();
		String first = normalizer.normalize(context.answer());
		String other = normalizer.normalize(second.text());
		boolean agree = !first.isEmpty() && first.equals(other);
		return new Verdict(name(), agree, agree ? 1 : 0,
				agree ? "agrees with tier " + tier : "tier " + tier + " answered differently", Map.of(),
				second.cost(), second.promptTokens(), second.completionTokens());
	}

}
