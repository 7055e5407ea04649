package dev.orchestration.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.orchestration.cost.Price;
import dev.orchestration.receipt.Attempt;
import dev.orchestration.receipt.AttemptOutcome;
import dev.orchestration.receipt.RouteLayer;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.resilience.DefaultFailureClassifier;
import dev.orchestration.resilience.FakeHttpException;
import dev.orchestration.resilience.MemberCircuitBreakers;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.function.FunctionToolCallback;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RoutingChatModelTests {

	private final ScriptedChatModel cheapA = new ScriptedChatModel("cheapA");

	private final ScriptedChatModel cheapB = new ScriptedChatModel("cheapB");

	private final ScriptedChatModel strong = new ScriptedChatModel("strong");

	private final ScriptedChatModel longContext = new ScriptedChatModel("long");

	private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
		.slidingWindowSize(4)
		.minimumNumberOfCalls(2)
		.failureRateThreshold(50)
		.waitDurationInOpenState(Duration.ofMillis(200))
		.build());

	private final List<RoutingDecision> decisions = new ArrayList<>();

	private final Tiers tiers = new Tiers(List.of(
			new Tier("small",
					List.of(member("small", "a", this.cheapA, 1, 2), member("small", "b", this.cheapB, 1, 2))),
			new Tier("large", List.of(member("large", "s", this.strong, 10, 30))),
			new Tier("long", List.of(member("long", "l", this.longContext, 5, 15)))));

	private RoutingChatModel router(FailoverPolicy policy, RoutingRule... rules) {
		return RoutingChatModel.builder()
			.tiers(this.tiers)
			.routeResolver(new RuleBasedRouteResolver(this.tiers, List.of(rules), "large"))
			.circuitBreakers(new MemberCircuitBreakers(
					new Resilience4JCircuitBreakerFactory(this.registry, TimeLimiterRegistry.ofDefaults(), null),
					this.registry))
			.failureClassifier(new DefaultFailureClassifier(List.of(new FakeHttpException.Extractor())))
			.failoverPolicy(policy)
			.listeners(List.of(this.decisions::add))
			.build();
	}

	private RoutingChatModel router() {
		return router(new FailoverPolicy(true, "long", null, Duration.ofSeconds(30)));
	}

	@Test
	void theTierNamesAreAReadOnlyViewInEscalationOrder() {
		assertThat(this.tiers.names()).containsExactly("small", "large", "long");
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> this.tiers.names().remove("small"));
		assertThat(this.tiers.contains("small")).isTrue();
	}

	@Test
	void shortPromptsFollowTheTokenRuleAndLongOnesTheDefaultTier() {
		RoutingChatModel router = router(new FailoverPolicy(true, null, null, Duration.ofSeconds(30)),
				new RoutingRule(0, "small", 10, null, null, null, null, Map.of()));
		RoutingReceipt shortOne = receipt(router.call(new Prompt("hi")));
		RoutingReceipt longOne = receipt(router.call(new Prompt("x".repeat(200))));
		assertThat(shortOne.route().layer()).isEqualTo(RouteLayer.RULE);
		assertThat(shortOne.route().reason()).isEqualTo("rule[0] max-input-tokens<=10 -> small");
		assertThat(shortOne.member()).isEqualTo("small-a");
		assertThat(longOne.route().layer()).isEqualTo(RouteLayer.DEFAULT);
		assertThat(longOne.member()).isEqualTo("large-s");
	}

	@Test
	void rulesMatchTaskMetadataCodeAndRegex() {
		RoutingChatModel router = router(new FailoverPolicy(true, null, null, Duration.ofSeconds(30)),
				new RoutingRule(0, "small", null, null, null, null, "classification", Map.of()),
				new RoutingRule(1, "small", null, null, null, null, null, Map.of("plan", "free")),
				new RoutingRule(2, "long", null, null, true, null, null, Map.of()),
				new RoutingRule(3, "small", null, null, null, Pattern.compile("(?i)translate"), null, Map.of()));
		assertThat(served(router, prompt("is this spam?", RoutingChatOptions.builder().task("Classification"))))
			.isEqualTo("small-a");
		assertThat(served(router, prompt("hello", RoutingChatOptions.builder().metadata("plan", "free"))))
			.isEqualTo("small-a");
		assertThat(served(router, prompt("hello", RoutingChatOptions.builder().metadata("plan", "pro"))))
			.isEqualTo("large-s");
		assertThat(served(router, new Prompt("fix this:\n```java\nint x = 1;\n```"))).isEqualTo("long-l");
		assertThat(served(router, new Prompt("Translate 'cat' to French"))).isEqualTo("small-a");
	}

	@Test
	void callerTierHintWinsOverRules() {
		RoutingChatModel router = router(new FailoverPolicy(true, null, null, Duration.ofSeconds(30)),
				new RoutingRule(0, "small", 1000, null, null, null, null, Map.of()));
		RoutingReceipt receipt = receipt(router.call(prompt("hi", RoutingChatOptions.builder().tier("large"))));
		assertThat(receipt.route().layer()).isEqualTo(RouteLayer.HINT);
		assertThat(receipt.member()).isEqualTo("large-s");
	}

	@Test
	void unknownTierHintIsACatchableBadRequest() {
		assertThatExceptionOfType(UnknownTierException.class)
			.isThrownBy(() -> router().call(prompt("hi", RoutingChatOptions.builder().tier("huge"))))
			.withMessageContaining("huge")
			.withMessageContaining("[small, large, long]");
	}

	@Test
	void serverErrorFailsOverToTheNextMemberAndTheReceiptListsBoth() {
		this.cheapA.failNext(new FakeHttpException(503, "overloaded"));
		ChatResponse response = router().call(prompt("hi", RoutingChatOptions.builder().tier("small")));
		RoutingReceipt receipt = receipt(response);
		assertThat(response.getResult().getOutput().getText()).isEqualTo("[cheapB] reply");
		assertThat(receipt.attempts()).extracting(Attempt::member, Attempt::outcome, Attempt::failure)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("small-a", AttemptOutcome.FAILED, "TRANSIENT"),
					org.assertj.core.groups.Tuple.tuple("small-b", AttemptOutcome.SUCCESS, null));
		assertThat(receipt.attempts().get(0).errorClass()).isEqualTo("FakeHttpException");
		assertThat(receipt.promptTokens()).isEqualTo(100);
		assertThat(receipt.cost()).isEqualTo((100 * 1 + 20 * 2) / 1e6);
		assertThat(receipt.failovers()).isEqualTo(1);
	}

	@Test
	void rateLimitCoolsTheMemberDownForItsRetryAfter() {
		this.cheapA.failNext(new FakeHttpException(429, "slow down", Map.of("retry-after", "30")));
		RoutingChatModel router = router();
		router.call(prompt("one", RoutingChatOptions.builder().tier("small")));
		RoutingReceipt second = receipt(router.call(prompt("two", RoutingChatOptions.builder().tier("small"))));
		assertThat(second.attempts()).extracting(Attempt::outcome)
			.containsExactly(AttemptOutcome.COOLING_DOWN, AttemptOutcome.SUCCESS);
		assertThat(this.cheapA.prompts()).hasSize(1);
		assertThat(router.getHealth().coolingDownUntil("small-a")).isAfter(java.time.Instant.now().plusSeconds(25));
	}

	@Test
	void authenticationFailureMarksTheMemberUnhealthy() {
		this.cheapA.failNext(new FakeHttpException(401, "bad key"));
		RoutingChatModel router = router();
		router.call(prompt("one", RoutingChatOptions.builder().tier("small")));
		RoutingReceipt second = receipt(router.call(prompt("two", RoutingChatOptions.builder().tier("small"))));
		assertThat(second.attempts().get(0).outcome()).isEqualTo(AttemptOutcome.UNHEALTHY);
	}

	@Test
	void contextLengthErrorGoesToTheLongContextTier() {
		this.cheapA.failNext(new FakeHttpException(400, "This model's maximum context length is 8192 tokens"));
		RoutingReceipt receipt = receipt(router().call(prompt("big", RoutingChatOptions.builder().tier("small"))));
		assertThat(receipt.member()).isEqualTo("long-l");
		assertThat(receipt.attempts().get(0).failure()).isEqualTo("CONTEXT_LENGTH");
		assertThat(this.cheapB.prompts()).as("skips the rest of the tier").isEmpty();
	}

	@Test
	void contentPolicyRefusalGoesToTheConfiguredFallbackTier() {
		this.cheapA.failNext(new FakeHttpException(400, "content_policy_violation: flagged"));
		RoutingChatModel router = router(new FailoverPolicy(true, null, "large", Duration.ofSeconds(30)));
		RoutingReceipt receipt = receipt(router.call(prompt("x", RoutingChatOptions.builder().tier("small"))));
		assertThat(receipt.member()).isEqualTo("large-s");
	}

	@Test
	void badRequestIsNotRetriedElsewhere() {
		this.cheapA.failNext(new FakeHttpException(400, "unsupported parameter"));
		assertThatExceptionOfType(RoutingFailedException.class)
			.isThrownBy(() -> router().call(prompt("x", RoutingChatOptions.builder().tier("small"))))
			.satisfies((ex) -> assertThat(ex.getAttempts()).hasSize(1))
			.withCauseInstanceOf(FakeHttpException.class);
		assertThat(this.cheapB.prompts()).isEmpty();
	}

	@Test
	void whenAWholeTierFailsTheNextTierUpAnswers() {
		this.cheapA.failAlways(new FakeHttpException(500, "down"));
		this.cheapB.failAlways(new FakeHttpException(502, "down"));
		RoutingReceipt receipt = receipt(router().call(prompt("x", RoutingChatOptions.builder().tier("small"))));
		assertThat(receipt.tier()).isEqualTo("large");
		assertThat(receipt.route().tier()).isEqualTo("small");
	}

	@Test
	void whenEverythingFailsOneExceptionListsEveryAttempt() {
		RuntimeException down = new FakeHttpException(500, "down");
		this.cheapA.failAlways(down);
		this.cheapB.failAlways(down);
		this.strong.failAlways(down);
		this.longContext.failAlways(down);
		assertThatExceptionOfType(RoutingFailedException.class)
			.isThrownBy(() -> router().call(prompt("x", RoutingChatOptions.builder().tier("small"))))
			.satisfies((ex) -> assertThat(ex.getAttempts()).extracting(Attempt::member)
				.containsExactly("small-a", "small-b", "large-s", "long-l"))
			.withMessageContaining("small/small-a=FAILED(TRANSIENT FakeHttpException)");
		assertThat(this.decisions).singleElement().satisfies((d) -> assertThat(d.succeeded()).isFalse());
	}

	@Test
	void withoutEscalationAFailedTierIsTheEnd() {
		this.strong.failAlways(new FakeHttpException(500, "down"));
		RoutingChatModel router = router(new FailoverPolicy(false, null, null, Duration.ofSeconds(30)));
		assertThatExceptionOfType(RoutingFailedException.class).isThrownBy(() -> router.call(new Prompt("x")));
		assertThat(this.longContext.prompts()).isEmpty();
	}

	@Test
	void withFallBackToLowerTiersAFailedTopTierIsServedByTheNearestCheaperTier() {
		this.longContext.failAlways(new FakeHttpException(500, "down"));
		RoutingChatModel router = router(new FailoverPolicy(true, null, null, Duration.ofSeconds(30), true));
		RoutingReceipt receipt = receipt(router.call(prompt("x", RoutingChatOptions.builder().tier("long"))));
		assertThat(receipt.member()).as("nearest cheaper tier first").isEqualTo("large-s");
		this.strong.failAlways(new FakeHttpException(500, "down"));
		RoutingReceipt lower = receipt(router.call(prompt("y", RoutingChatOptions.builder().tier("long"))));
		assertThat(lower.attempts()).extracting(Attempt::member).containsExactly("long-l", "large-s", "small-a");
	}

	@Test
	void withoutFallBackToLowerTiersAFailedTopTierIsTheEnd() {
		this.longContext.failAlways(new FakeHttpException(500, "down"));
		RoutingChatModel router = router(new FailoverPolicy(true, null, null, Duration.ofSeconds(30)));
		assertThatExceptionOfType(RoutingFailedException.class)
			.isThrownBy(() -> router.call(prompt("x", RoutingChatOptions.builder().tier("long"))));
		assertThat(this.strong.prompts()).isEmpty();
	}

	@Test
	void escalationAndFallBackPassOverATierClosedToFailover() {
		this.strong.failAlways(new FakeHttpException(500, "down"));
		RoutingChatModel router = router(
				new FailoverPolicy(true, null, null, Duration.ofSeconds(30), true, Set.of("long", "small")));
		assertThatExceptionOfType(RoutingFailedException.class).isThrownBy(() -> router.call(new Prompt("x")))
			.satisfies((ex) -> assertThat(ex.getAttempts()).extracting(Attempt::member).containsExactly("large-s"));
		assertThat(this.longContext.prompts()).isEmpty();
		assertThat(this.cheapA.prompts()).isEmpty();
		RoutingReceipt direct = receipt(router.call(prompt("y", RoutingChatOptions.builder().tier("long"))));
		assertThat(direct.member()).as("a tier hint still reaches a closed tier").isEqualTo("long-l");
	}

	@Test
	void fallBackSkipsAClosedTierForTheNextCheaperOne() {
		this.longContext.failAlways(new FakeHttpException(500, "down"));
		RoutingChatModel router = router(
				new FailoverPolicy(true, null, null, Duration.ofSeconds(30), true, Set.of("large")));
		RoutingReceipt receipt = receipt(router.call(prompt("x", RoutingChatOptions.builder().tier("long"))));
		assertThat(receipt.attempts()).extracting(Attempt::member).containsExactly("long-l", "small-a");
		assertThat(this.strong.prompts()).isEmpty();
	}

	@Test
	void breakerOpensAfterFailuresAndHalfOpensAfterTheWait() throws InterruptedException {
		this.cheapA.failNext(new FakeHttpException(500, "1"), new FakeHttpException(500, "2"));
		RoutingChatModel router = router();
		router.call(prompt("1", RoutingChatOptions.builder().tier("small")));
		router.call(prompt("2", RoutingChatOptions.builder().tier("small")));
		CircuitBreaker breaker = this.registry.circuitBreaker("small-a");
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		RoutingReceipt whileOpen = receipt(router.call(prompt("3", RoutingChatOptions.builder().tier("small"))));
		assertThat(whileOpen.attempts().get(0).outcome()).isEqualTo(AttemptOutcome.BREAKER_OPEN);
		assertThat(this.cheapA.prompts()).hasSize(2);
		Thread.sleep(300);
		RoutingReceipt afterWait = receipt(router.call(prompt("4", RoutingChatOptions.builder().tier("small"))));
		assertThat(afterWait.member()).isEqualTo("small-a");
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
	}

	@Test
	void optionsAreRetargetedForTheMemberKeepingPortableOptionsAndTools() {
		ToolCallback tool = FunctionToolCallback.builder("weather", (String city) -> "sunny")
			.inputType(String.class)
			.description("weather")
			.build();
		router().call(prompt("hi",
				RoutingChatOptions.builder()
					.tier("small")
					.temperature(0.3)
					.maxTokens(77)
					.toolCallbacks(List.of(tool))
					.toolContext(Map.of("user", "u1"))));
		Prompt sent = this.cheapA.prompts().get(0);
		assertThat(sent.getOptions()).isInstanceOf(org.springframework.ai.model.tool.ToolCallingChatOptions.class)
			.isNotInstanceOf(RoutingChatOptions.class);
		var options = (org.springframework.ai.model.tool.ToolCallingChatOptions) sent.getOptions();
		assertThat(options.getModel()).isEqualTo("model-a");
		assertThat(options.getTemperature()).isEqualTo(0.3);
		assertThat(options.getMaxTokens()).isEqualTo(77);
		assertThat(options.getToolCallbacks()).containsExactly(tool);
		assertThat(options.getToolContext()).containsEntry("user", "u1");
	}

	@Test
	void streamFailsOverBeforeTheFirstToken() {
		this.cheapA.failNext(new FakeHttpException(503, "busy"));
		List<ChatResponse> chunks = router().stream(prompt("hi", RoutingChatOptions.builder().tier("small")))
			.collectList()
			.block();
		assertThat(chunks).hasSize(1);
		RoutingReceipt receipt = receipt(chunks.get(chunks.size() - 1));
		assertThat(receipt.member()).isEqualTo("small-b");
		assertThat(receipt.streamed()).isTrue();
	}

	@Test
	void streamThatBreaksAfterTokensEndsWithAnErrorNotACleanEnd() {
		ScriptedChatModel cutting = new ScriptedChatModel("cut") {
			@Override
			public Flux<ChatResponse> stream(Prompt prompt) {
				return Flux.just(chunk("Hello", null), chunk(" wor", null))
					.concatWith(Flux.error(new java.io.IOException("connection reset")));
			}
		};
		Tiers cutTiers = new Tiers(List.of(new Tier("small",
				List.of(member("small", "c", cutting, 1, 1), member("small", "b", this.cheapB, 1, 1)))));
		RoutingChatModel router = RoutingChatModel.builder()
			.tiers(cutTiers)
			.routeResolver(new RuleBasedRouteResolver(cutTiers, List.of(), "small"))
			.circuitBreakers(new MemberCircuitBreakers(
					new Resilience4JCircuitBreakerFactory(this.registry, TimeLimiterRegistry.ofDefaults(), null),
					this.registry))
			.failureClassifier(new DefaultFailureClassifier(List.of()))
			.listeners(List.of(this.decisions::add))
			.build();
		List<String> received = new ArrayList<>();
		assertThatExceptionOfType(StreamInterruptedException.class).isThrownBy(() -> router.stream(new Prompt("hi"))
			.doOnNext((r) -> received.add(r.getResult().getOutput().getText()))
			.blockLast());
		assertThat(received).containsExactly("Hello");
		assertThat(this.cheapB.prompts()).as("no failover once tokens reached the caller").isEmpty();
		assertThat(this.decisions).singleElement()
			.satisfies((d) -> assertThat(d.error()).isInstanceOf(StreamInterruptedException.class));
	}

	@Test
	void streamThatEndsWithoutFinishReasonIsTreatedAsBroken() {
		ScriptedChatModel silent = new ScriptedChatModel("silent") {
			@Override
			public Flux<ChatResponse> stream(Prompt prompt) {
				return Flux.just(chunk("partial", null));
			}
		};
		Tiers silentTiers = new Tiers(List.of(new Tier("small", List.of(member("small", "s", silent, 1, 1)))));
		RoutingChatModel router = RoutingChatModel.builder()
			.tiers(silentTiers)
			.routeResolver(new RuleBasedRouteResolver(silentTiers, List.of(), "small"))
			.circuitBreakers(new MemberCircuitBreakers(
					new Resilience4JCircuitBreakerFactory(this.registry, TimeLimiterRegistry.ofDefaults(), null),
					this.registry))
			.failureClassifier(new DefaultFailureClassifier(List.of()))
			.build();
		assertThatExceptionOfType(RoutingFailedException.class)
			.isThrownBy(() -> router.stream(new Prompt("hi")).blockLast())
			.satisfies((ex) -> assertThat(ex.getAttempts().get(0).errorClass()).isEqualTo("IncompleteStreamException"));
	}

	@Test
	void listenersSeeEveryDecisionWithoutThePromptByDefault() {
		router().call(new Prompt("secret question"));
		assertThat(this.decisions).singleElement().satisfies((d) -> {
			assertThat(d.prompt()).isNull();
			assertThat(d.receipt().member()).isEqualTo("large-s");
			assertThat(d.overhead().isNegative()).isFalse();
		});
	}

	private static ChatResponse chunk(String text, String finishReason) {
		return new ChatResponse(List.of(new Generation(new AssistantMessage(text),
				ChatGenerationMetadata.builder().finishReason(finishReason).build())));
	}

	private static String served(RoutingChatModel router, Prompt prompt) {
		return receipt(router.call(prompt)).member();
	}

	private static Prompt prompt(String text, RoutingChatOptions.Builder options) {
		return new Prompt(text, options.build());
	}

	private static RoutingReceipt receipt(ChatResponse response) {
		return RoutingReceipt.from(response).orElseThrow();
	}

	private static TierMember member(String tier, String name, ScriptedChatModel model, double in, double out) {
		return new TierMember(tier + "-" + name, tier, name, model, "model-" + name, null, new Price(in, out));
	}

}
