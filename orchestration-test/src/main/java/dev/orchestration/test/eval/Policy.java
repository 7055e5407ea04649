package dev.orchestration.test.eval;

import java.util.Objects;
import java.util.function.Function;

import dev.orchestration.routing.RoutingChatOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;

/**
 * A named way of answering cases: usually a {@code RoutingChatClient} built from some
 * configuration, but any function from a case to a {@link ChatResponse} works (a stub, a
 * recorded replay).
 *
 * @param name the policy name shown in reports
 * @param call answers one case
 */
public record Policy(String name, Function<EvalCase, ChatResponse> call) {

	public Policy {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(call, "call");
	}

	public static Policy of(String name, Function<EvalCase, ChatResponse> call) {
		return new Policy(name, call);
	}

	/**
	 * The case's prompt as the user message, with its task as
	 * {@code RoutingChatOptions.task} when it has one.
	 */
	public static Policy of(String name, ChatClient client) {
		return new Policy(name, (c) -> ask(client, c, c.task(), null));
	}

	/** The case's prompt without any hint: the router must infer the task itself. */
	public static Policy withoutTaskHints(String name, ChatClient client) {
		return new Policy(name, (c) -> ask(client, c, null, null));
	}

	/**
	 * A single-tier baseline: every case forced to the tier with
	 * {@code RoutingChatOptions.tier} (task hint kept).
	 */
	public static Policy forcedTier(ChatClient client, String tier) {
		return forcedTier("tier:" + tier, client, tier);
	}

	public static Policy forcedTier(String name, ChatClient client, String tier) {
		return new Policy(name, (c) -> ask(client, c, c.task(), tier));
	}

	static ChatResponse ask(ChatClient client, EvalCase evalCase, @Nullable String task, @Nullable String tier) {
		ChatClient.ChatClientRequestSpec spec = client.prompt().user(evalCase.prompt());
		if (task != null || tier != null) {
			spec = spec.options(RoutingChatOptions.builder().task(task).tier(tier));
		}
		ChatResponse response = spec.call().chatResponse();
		if (response == null) {
			throw new IllegalStateException("no response for case " + evalCase.id());
		}
		return response;
	}

}
