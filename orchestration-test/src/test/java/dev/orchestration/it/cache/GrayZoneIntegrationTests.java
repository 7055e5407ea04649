package dev.orchestration.it.cache;

import java.time.Duration;

import dev.orchestration.autoconfigure.InvalidOrchestrationConfigurationException;
import dev.orchestration.autoconfigure.OrchestrationAutoConfiguration;
import dev.orchestration.autoconfigure.cache.OrchestrationCacheAutoConfiguration;
import dev.orchestration.cache.CacheHit;
import dev.orchestration.cache.internal.SemanticCacheAdvisor;
import dev.orchestration.cache.semantic.SemanticHit;
import dev.orchestration.cache.semantic.internal.GrayZoneCheck;
import dev.orchestration.receipt.Attempt;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The gray-zone second opinion over real HTTP: the semantic cache (real ONNX model,
 * threshold 0.95) asks the cheap tier's model, through the OpenAI client and structured
 * output, whether a candidate between 0.80 and 0.95 asks the same thing. Similarities to
 * the cached "How do I reset my password?" (all-MiniLM-L6-v2): "How can I reset my
 * password?" 0.99, "What are the steps to change my forgotten password?" 0.86, "I forgot
 * my password, how do I get a new one?" 0.82, "How do I reset my router?" 0.51.
 */
class GrayZoneIntegrationTests {

	@RegisterExtension
	static final ProviderSimulatorExtension providers = ProviderSimulatorExtension.perClass();

	private final ProviderSimulator simulator = providers.simulator();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CircuitBreakerAutoConfiguration.class,
				TimeLimiterAutoConfiguration.class, Resilience4JAutoConfiguration.class,
				OrchestrationAutoConfiguration.class, OrchestrationCacheAutoConfiguration.class))
		.withBean("openAiChatModel", ChatModel.class,
				() -> OpenAiChatModel.builder()
					.options(OpenAiChatOptions.builder()
						.baseUrl(simulator.baseUrl())
						.apiKey("test")
						.model("main")
						.maxRetries(0)
						.timeout(Duration.ofSeconds(5))
						.build())
					.build())
		.withPropertyValues("llm.tiers.large.models[0].chat-model=openAiChatModel",
				"llm.tiers.large.models[0].model=main", "llm.tiers.large.models[0].price.input-per-million=10",
				"llm.tiers.large.models[0].price.output-per-million=30",
				"llm.tiers.small.models[0].chat-model=openAiChatModel", "llm.tiers.small.models[0].model=checker",
				"llm.tiers.small.models[0].price.input-per-million=1",
				"llm.tiers.small.models[0].price.output-per-million=2", "llm.routing.default-tier=large",
				"llm.cache.semantic.enabled=true", "llm.cache.semantic.embedding-model=all-minilm-l6-v2",
				"llm.cache.semantic.similarity-threshold=0.95", "llm.cache.semantic.gray-zone.enabled=true",
				"llm.cache.semantic.gray-zone.tier=small", "llm.cache.semantic.gray-zone.lower-threshold=0.80");

	@BeforeEach
	void script() {
		simulator.model("main").answers((request) -> "main answer to " + request.lastUserMessage());
		// the checker sees both requests in its prompt; it says "same" only for the
		// steps-to-change rewording
		simulator.model("checker")
			.answers((request) -> request.lastUserMessage().contains("steps to change") ? "{\"same\": true}"
					: "{\"same\": false}");
	}

	@Test
	void theCheckRunsOnlyInItsBandIsCachedPerPairAndIsCountedInCost() {
		this.runner.run((context) -> {
			String original = text(ask(context, "How do I reset my password?"));

			ChatResponse above = ask(context, "How can I reset my password?");
			assertThat(text(above)).isEqualTo(original);
			assertThat(GrayZoneCheck.from(above)).as("above the threshold: served without a check").isEmpty();
			assertThat(simulator.requests("checker")).isEmpty();

			ChatResponse yes = ask(context, "What are the steps to change my forgotten password?");
			assertThat(text(yes)).isEqualTo(original);
			GrayZoneCheck check = GrayZoneCheck.from(yes).orElseThrow();
			assertThat(check.same()).isTrue();
			assertThat(check.cached()).isFalse();
			assertThat(check.similarity()).isBetween(0.80, 0.95);
			assertThat(CacheHit.from(yes).orElseThrow().layer()).isEqualTo("semantic");
			assertThat(simulator.requests("checker")).hasSize(1);
			assertThat(simulator.requests("checker").get(0).body()).contains("\\\"same\\\"").contains("$schema");
			assertThat(check.promptTokens()).isPositive();
			assertThat(check.cost()).as("priced at the small tier's rates")
				.isCloseTo((check.promptTokens() * 1.0 + check.completionTokens() * 2.0) / 1_000_000, within(1e-12));
			assertThat(check.latency()).isPositive();

			ChatResponse again = ask(context, "What are the steps to change my forgotten password?");
			assertThat(text(again)).isEqualTo(original);
			assertThat(GrayZoneCheck.from(again).orElseThrow().cached()).isTrue();
			assertThat(GrayZoneCheck.from(again).orElseThrow().cost()).isZero();
			assertThat(simulator.requests("checker")).as("the verdict is cached per pair").hasSize(1);

			ChatResponse no = ask(context, "I forgot my password, how do I get a new one?");
			assertThat(text(no)).startsWith("main answer to");
			GrayZoneCheck refused = GrayZoneCheck.from(no).orElseThrow();
			assertThat(refused.same()).isFalse();
			assertThat(simulator.requests("checker")).hasSize(2);
			RoutingReceipt receipt = RoutingReceipt.from(no).orElseThrow();
			double answerCost = receipt.attempts().stream().mapToDouble(Attempt::cost).sum();
			assertThat(refused.cost()).isPositive();
			assertThat(receipt.cost()).as("the receipt of the miss includes the check")
				.isCloseTo(answerCost + refused.cost(), within(1e-12));
			assertThat(receipt.promptTokens())
				.isEqualTo(receipt.attempts().stream().mapToLong(Attempt::promptTokens).sum() + refused.promptTokens());

			ChatResponse below = ask(context, "How do I reset my router?");
			assertThat(text(below)).startsWith("main answer to");
			assertThat(GrayZoneCheck.from(below)).as("below the lower threshold: a miss, no check").isEmpty();
			assertThat(simulator.requests("checker")).hasSize(2);
		});
	}

	@Test
	void aReportedWrongHitRaisesTheThresholdOfItsScope() {
		this.runner
			.withPropertyValues("llm.cache.semantic.adaptive.enabled=true",
					"llm.cache.semantic.gray-zone.enabled=false")
			.run((context) -> {
				ask(context, "How do I reset my password?");
				ChatResponse hit = ask(context, "How can I reset my password?");
				SemanticHit served = SemanticHit.from(hit).orElseThrow();
				SemanticCacheAdvisor advisor = context.getBean(SemanticCacheAdvisor.class);
				assertThat(advisor.reportWrongHit(hit)).isTrue();
				assertThat(advisor.getThresholds().threshold(served.scope())).isGreaterThan(served.similarity());
				ChatResponse after = ask(context, "How can I reset my password?");
				assertThat(CacheHit.from(after)).as("the same candidate is no longer served").isEmpty();
				assertThat(advisor.reportWrongHit(after)).as("not a semantic hit").isFalse();
			});
	}

	@Test
	void aGrayZoneWithAnUnknownTierFailsStartUp() {
		this.runner.withPropertyValues("llm.cache.semantic.gray-zone.tier=tiny").run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			while (failure != null && !(failure instanceof InvalidOrchestrationConfigurationException)) {
				failure = failure.getCause();
			}
			assertThat(failure).isInstanceOfSatisfying(InvalidOrchestrationConfigurationException.class,
					(ex) -> assertThat(ex.getProperty()).isEqualTo("llm.cache.semantic.gray-zone.tier"));
		});
	}

	private static ChatResponse ask(ApplicationContext context, String question) {
		return context.getBean(RoutingChatClient.class).prompt().user(question).call().chatResponse();
	}

	private static String text(ChatResponse response) {
		return response.getResult().getOutput().getText();
	}

}
