package dev.orchestration.test.eval;

import java.util.Optional;

import dev.orchestration.cascade.CascadeReceipt;
import dev.orchestration.cascade.CascadeStep;
import dev.orchestration.receipt.RoutingReceipt;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ChatResponse;

/**
 * What a policy answered to one case: the answer text and the response with the router's
 * receipts.
 *
 * @param text the answer text ("" when the response had none)
 * @param response the response, or {@code null} when the policy produced only text
 */
public record Served(String text, @Nullable ChatResponse response) {

	/** The answer of a response (its first generation's text). */
	public static Served of(@Nullable ChatResponse response) {
		String text = "";
		if (response != null && response.getResult() != null && response.getResult().getOutput() != null) {
			String value = response.getResult().getOutput().getText();
			text = (value != null) ? value : "";
		}
		return new Served(text, response);
	}

	public Optional<RoutingReceipt> routing() {
		return RoutingReceipt.from(this.response);
	}

	public Optional<CascadeReceipt> cascade() {
		return CascadeReceipt.from(this.response);
	}

	/** The cascade step whose answer was returned, if the response was cascaded. */
	public Optional<CascadeStep> servedStep() {
		return cascade().filter((c) -> c.servedStep() >= 0 && c.servedStep() < c.steps().size())
			.map((c) -> c.steps().get(c.servedStep()));
	}

	/**
	 * The tier that served the answer: the served cascade step's, else the routing
	 * receipt's.
	 */
	public @Nullable String tier() {
		Optional<CascadeStep> step = servedStep();
		if (step.isPresent() && step.get().tier() != null) {
			return step.get().tier();
		}
		return routing().map(RoutingReceipt::tier).orElse(null);
	}

	/**
	 * The member that served the answer: the served cascade step's, else the routing
	 * receipt's.
	 */
	public @Nullable String member() {
		Optional<CascadeStep> step = servedStep();
		if (step.isPresent() && step.get().member() != null) {
			return step.get().member();
		}
		return routing().map(RoutingReceipt::member).orElse(null);
	}

	/** The model name the serving member sent to its provider (routing receipt). */
	public @Nullable String model() {
		return routing().map(RoutingReceipt::model).orElse(null);
	}

	/**
	 * USD spent: the cascade receipt's cost (every answer and verifier call) if present,
	 * else the routing cost.
	 */
	public double cost() {
		Optional<CascadeReceipt> cascade = cascade();
		if (cascade.isPresent()) {
			return cascade.get().cost();
		}
		return routing().map(RoutingReceipt::cost).orElse(0.0);
	}

	/** Whether a cascade escalated (more than one step). */
	public boolean escalated() {
		return cascade().map((c) -> c.steps().size() > 1).orElse(false);
	}

}
