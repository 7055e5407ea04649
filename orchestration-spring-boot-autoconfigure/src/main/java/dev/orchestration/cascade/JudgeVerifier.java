package dev.orchestration.cascade;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.orchestration.cascade.internal.RouterCall;
import dev.orchestration.cascade.internal.RouterCallingVerifier;

import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.converter.BeanOutputConverter;

/**
 * A judge tier grades the answer for relevance, coherence and hallucination risk through
 * structured output; the answer passes when the overall score reaches the task's
 * threshold. A judge that times out or answers something unusable follows the task's
 * {@link CascadePolicy.JudgeFailurePolicy}.
 */
public class JudgeVerifier extends RouterCallingVerifier {

	private final BeanOutputConverter<JudgeScores> converter = new BeanOutputConverter<>(JudgeScores.class);

	public JudgeVerifier(ChatModel router) {
		super(router, "llm-judge");
	}

	@Override
	public String name() {
		return "judge";
	}

	@Override
	public Verdict verify(VerificationContext context) {
		CascadePolicy policy = context.policy();
		if (policy.judgeTier() == null) {
			return Verdict.pass(name(), "no judge tier configured");
		}
		Prompt prompt = new Prompt(
				new UserMessage(JudgeScores.prompt(context.question(), context.answer(), this.converter.getFormat())));
		RouterCall call;
		try {
			call = CompletableFuture
				.supplyAsync(() -> RouterCall.call(this.router, prompt, policy.judgeTier()), this.executor)
				.get(policy.judgeTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return failed(policy, "judge interrupted", 0, 0, 0);
		}
		catch (Exception ex) {
			return failed(policy, "judge failed: " + ex.getClass().getSimpleName(), 0, 0, 0);
		}
		JudgeScores scores;
		try {
			scores = this.converter.convert(call.text());
		}
		catch (RuntimeException ex) {
			scores = null;
		}
		if (scores == null || !scores.isValid()) {
			return failed(policy, "judge answered something unusable", call.cost(), call.promptTokens(),
					call.completionTokens());
		}
		double score = scores.overall();
		boolean accepted = score >= policy.judgeThreshold();
		return new Verdict(name(), accepted, score,
				String.format("judge score %.2f %s threshold %.2f", score, accepted ? ">=" : "<",
						policy.judgeThreshold()),
				Map.of("relevance", scores.relevance(), "coherence", scores.coherence(), "hallucinationRisk",
						scores.hallucinationRisk()),
				call.cost(), call.promptTokens(), call.completionTokens());
	}

	private Verdict failed(CascadePolicy policy, String reason, double cost, long in, long out) {
		boolean accept = policy.onJudgeFailure() == CascadePolicy.JudgeFailurePolicy.ACCEPT;
		return new Verdict(name(), accept, accept ? policy.judgeThreshold() : 0,
				reason + (accept ? "; accepted by policy" : "; escalating by policy"), Map.of(), cost, in, out);
	}

}
