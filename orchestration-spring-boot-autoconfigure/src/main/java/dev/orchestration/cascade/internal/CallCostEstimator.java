package dev.orchestration.cascade.internal;

import java.util.List;

import dev.orchestration.cost.CostCalculator;
import dev.orchestration.routing.Tier;
import dev.orchestration.routing.TierMember;
import dev.orchestration.routing.Tiers;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * The cost of a call to a tier, estimated before it is made as the budget does: the
 * tier's first member's price applied to the prompt's estimated input tokens (characters
 * / 4) and the call's max output tokens (the prompt's, else the member's, else a
 * default).
 */
public class CallCostEstimator {

	private final Tiers tiers;

	private final CostCalculator calculator;

	private final int defaultOutputTokens;

	public CallCostEstimator(Tiers tiers, CostCalculator calculator, int defaultOutputTokens) {
		this.tiers = tiers;
		this.calculator = calculator;
		this.defaultOutputTokens = defaultOutputTokens;
	}

	/**
	 * An estimator that knows no prices: every call is estimated at 0 (no cost bound can
	 * apply).
	 */
	public static CallCostEstimator free() {
		return new CallCostEstimator(new Tiers(List.of()), (in, out, price) -> 0, 0);
	}

	/**
	 * The estimated USD of one call of the prompt to the tier (0 for an unknown tier).
	 */
	public double estimate(Prompt prompt, String tierName) {
		Tier tier = this.tiers.get(tierName);
		if (tier == null || tier.members().isEmpty()) {
			return 0;
		}
		TierMember member = tier.members().get(0);
		long input = 0;
		for (Message message : prompt.getInstructions()) {
			String text = message.getText();
			input += (text != null) ? (long) Math.ceil(text.length() / 4.0) : 0;
		}
		return this.calculator.cost(input, outputTokens(prompt.getOptions(), member.options()), member.price());
	}

	private int outputTokens(@Nullable ChatOptions prompt, @Nullable ChatOptions member) {
		Integer max = (prompt != null) ? prompt.getMaxTokens() : null;
		if (max == null || max <= 0) {
			max = (member != null) ? member.getMaxTokens() : null;
		}
		return (max != null && max > 0) ? max : this.defaultOutputTokens;
	}

}
