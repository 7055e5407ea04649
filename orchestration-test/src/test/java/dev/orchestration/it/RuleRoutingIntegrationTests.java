package dev.orchestration.it;

import java.util.function.Consumer;

import dev.orchestration.receipt.RouteLayer;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.UnknownTierException;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import dev.orchestration.test.simulator.SimulatedApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.orchestration.it.SimulatedProviders.member;
import static dev.orchestration.it.SimulatedProviders.props;
import static dev.orchestration.it.SimulatedProviders.receipt;
import static dev.orchestration.it.SimulatedProviders.requestedModels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Rules and hints pick the tier, and the chosen tier's model is the one requested over
 * HTTP.
 */
class RuleRoutingIntegrationTests {

	@RegisterExtension
	static final ProviderSimulatorExtension providers = new ProviderSimulatorExtension();

	private final ProviderSimulator sim = providers.simulator();

	private static final String[] TIERS_AND_RULES = props(member("nano", 0, "openAiChatModel", "nano-model"),
			member("small", 0, "openAiChatModel", "small-model"), member("mid", 0, "openAiChatModel", "mid-model"),
			member("code", 0, "openAiChatModel", "code-model"), member("legal", 0, "anthropicChatModel", "legal-model"),
			member("premium", 0, "openAiChatModel", "premium-model"),
			member("frontier", 0, "anthropicChatModel", "frontier-model"),
			new String[] { "llm.routing.default-tier=mid", //
					"llm.routing.rules[0].when.task=classification", "llm.routing.rules[0].tier=small",
					"llm.routing.rules[1].when.metadata.plan=enterprise", "llm.routing.rules[1].tier=premium",
					"llm.routing.rules[2].when.contains-code=true", "llm.routing.rules[2].tier=code",
					"llm.routing.rules[3].when.pattern=(?i)\\b(contract|lawsuit)\\b", "llm.routing.rules[3].tier=legal",
					"llm.routing.rules[4].when.max-input-tokens=8", "llm.routing.rules[4].tier=nano" });

	/** Long enough (> 8 estimated tokens) not to match the max-input-tokens rule. */
	private static final String PLAIN = "Tell me something interesting about the history of tea.";

	private final ApplicationContextRunner runner = SimulatedProviders.runner(sim).withPropertyValues(TIERS_AND_RULES);

	@Test
	void taskRuleSendsTheRequestToItsTiersModel() {
		run((client) -> {
			ChatResponse response = client.prompt()
				.user(PLAIN)
				.options(RoutingChatOptions.builder().task("classification"))
				.call()
				.chatResponse();
			assertRoutedTo(response, "small", "small-model", RouteLayer.RULE, "rule[0]");
		});
	}

	@Test
	void metadataRuleSendsTheRequestToItsTiersModel() {
		run((client) -> {
			ChatResponse response = client.prompt()
				.user(PLAIN)
				.options(RoutingChatOptions.builder().metadata("plan", "enterprise").tenant("acme"))
				.call()
				.chatResponse();
			assertRoutedTo(response, "premium", "premium-model", RouteLayer.RULE, "rule[1]");
		});
	}

	@Test
	void metadataRuleDoesNotMatchOtherValues() {
		run((client) -> {
			ChatResponse response = client.prompt()
				.user(PLAIN)
				.options(RoutingChatOptions.builder().metadata("plan", "free"))
				.call()
				.chatResponse();
			assertRoutedTo(response, "mid", "mid-model", RouteLayer.DEFAULT, "no rule matched");
		});
	}

	@Test
	void containsCodeRuleSendsCodeToTheCodeTier() {
		run((client) -> {
			ChatResponse response = client.prompt()
				.user("Why does this fail?\n```python\nprint(1/0)\n```")
				.call()
				.chatResponse();
			assertRoutedTo(response, "code", "code-model", RouteLayer.RULE, "rule[2]");
		});
	}

	@Test
	void regexRuleSendsMatchingPromptsToTheAnthropicTier() {
		run((client) -> {
			ChatResponse response = client.prompt()
				.user("Please review this Contract for risks in the indemnity clause.")
				.call()
				.chatResponse();
			assertRoutedTo(response, "legal", "legal-model", RouteLayer.RULE, "rule[3]");
			assertThat(sim.requests().get(0).api()).isEqualTo(SimulatedApi.ANTHROPIC);
			assertThat(response.getResult().getOutput().getText()).startsWith("[legal-model] answer to:");
		});
	}

	@Test
	void maxInputTokensRuleSendsShortPromptsToTheCheapestTier() {
		run((client) -> {
			ChatResponse response = client.prompt().user("Hi there, ok?").call().chatResponse();
			assertRoutedTo(response, "nano", "nano-model", RouteLayer.RULE, "rule[4]");
		});
	}

	@Test
	void promptMatchingNoRuleGoesToTheDefaultTier() {
		run((client) -> {
			ChatResponse response = client.prompt().user(PLAIN).call().chatResponse();
			assertRoutedTo(response, "mid", "mid-model", RouteLayer.DEFAULT, "no rule matched");
		});
	}

	@Test
	void tierHintWinsOverEveryMatchingRule() {
		run((client) -> {
			// matches the task, metadata, code and max-input-tokens rules; the hint must
			// still win
			ChatResponse response = client.prompt()
				.user("```x```")
				.options(RoutingChatOptions.builder()
					.tier("frontier")
					.task("classification")
					.metadata("plan", "enterprise"))
				.call()
				.chatResponse();
			assertRoutedTo(response, "frontier", "frontier-model", RouteLayer.HINT, "caller asked for tier frontier");
		});
	}

	@Test
	void unknownTierHintFailsWithoutAnyProviderCall() {
		run((client) -> {
			Throwable thrown = catchThrowable(() -> client.prompt()
				.user(PLAIN)
				.options(RoutingChatOptions.builder().tier("gold"))
				.call()
				.chatResponse());
			assertThat(thrown).isInstanceOf(UnknownTierException.class).hasMessageContaining("gold");
			assertThat(sim.requests()).isEmpty();
		});
	}

	private void run(Consumer<RoutingChatClient> test) {
		this.runner.run((AssertableApplicationContext context) -> {
			assertThat(context).hasNotFailed();
			test.accept(context.getBean(RoutingChatClient.class));
		});
	}

	private void assertRoutedTo(ChatResponse response, String tier, String model, RouteLayer layer,
			String reasonPrefix) {
		assertThat(requestedModels(sim)).as("models requested over HTTP").containsExactly(model);
		RoutingReceipt receipt = receipt(response);
		assertThat(receipt.route().tier()).isEqualTo(tier);
		assertThat(receipt.route().layer()).isEqualTo(layer);
		assertThat(receipt.route().reason()).startsWith(reasonPrefix);
		assertThat(receipt.tier()).isEqualTo(tier);
		assertThat(receipt.member()).isEqualTo(tier + "-" + model);
		assertThat(receipt.model()).isEqualTo(model);
		assertThat(receipt.failovers()).isZero();
		assertThat(response.getResult().getOutput().getText()).startsWith("[" + model + "]");
	}

}
