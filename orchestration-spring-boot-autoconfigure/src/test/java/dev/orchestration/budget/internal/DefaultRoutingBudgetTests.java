package dev.orchestration.budget.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import dev.orchestration.budget.BudgetAdministration;
import dev.orchestration.budget.BudgetExceededException;
import dev.orchestration.budget.BudgetFixtures;
import dev.orchestration.budget.BudgetPeriod;
import dev.orchestration.budget.BudgetPolicy;
import dev.orchestration.budget.BudgetScope;
import dev.orchestration.budget.BudgetStore;
import dev.orchestration.budget.BudgetThresholdEvent;
import dev.orchestration.receipt.Attempt;
import dev.orchestration.receipt.AttemptOutcome;
import dev.orchestration.receipt.Route;
import dev.orchestration.receipt.RouteLayer;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.resilience.FakeHttpException;
import dev.orchestration.routing.BudgetReservation;
import dev.orchestration.routing.RouteRequest;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.TierMember;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

class DefaultRoutingBudgetTests {

	private static final BudgetPolicy.Limits NONE = BudgetPolicy.Limits.NONE;

	private final BudgetFixtures fixtures = new BudgetFixtures();

	private final InMemoryBudgetStore store = new InMemoryBudgetStore(this.fixtures.clock);

	/** 40 characters: 10 estimated input tokens. */
	private static final String FORTY_CHARACTERS = "0123456789012345678901234567890123456789";

	private static Prompt prompt(String text, Integer maxTokens, String tenant) {
		RoutingChatOptions.Builder options = RoutingChatOptions.builder().tenant(tenant);
		if (maxTokens != null) {
			options.maxTokens(maxTokens);
		}
		return new Prompt(text, options.build());
	}

	private TierMember member(String id) {
		return this.fixtures.tiers.members().filter((m) -> m.id().equals(id)).findFirst().orElseThrow();
	}

	private double dayTotal(String owner) {
		return this.store.total(owner + ":day:2026-11-23");
	}

	@Test
	void estimateIsPriceTimesInputTokensPlusMaxOutputTokens() {
		DefaultRoutingBudget budget = this.fixtures.budget(
				BudgetFixtures.policy(0.05, NONE, NONE, Map.of(), BudgetPolicy.OnLimit.REJECT, List.of()), this.store);
		Prompt prompt = prompt(FORTY_CHARACTERS, 20, null);
		RouteRequest request = RouteRequest.of(prompt);
		assertThat(request.estimatedInputTokens()).isEqualTo(10);
		// 10 x 0.001 + 20 x 0.002 = 0.05: exactly at the ceiling is allowed
		reserve(budget, request).beforeCall(member("small-a"), prompt, 0);

		DefaultRoutingBudget tighter = this.fixtures.budget(
				BudgetFixtures.policy(0.049, NONE, NONE, Map.of(), BudgetPolicy.OnLimit.REJECT, List.of()), this.store);
		assertThatExceptionOfType(BudgetExceededException.class)
			.isThrownBy(() -> reserve(tighter, RouteRequest.of(prompt)).beforeCall(member("small-a"), prompt, 0))
			.satisfies((ex) -> {
				assertThat(ex.getLimit()).isEqualTo(BudgetExceededException.Limit.PER_REQUEST);
				assertThat(ex.getEstimatedCallUsd()).isCloseTo(0.05, within(1e-12));
				assertThat(ex.getLimitUsd()).isEqualTo(0.049);
				assertThat(ex.getMessage()).contains("per-request");
			});
		assertThat(this.fixtures.counter("llm.budget.rejections", "reason", "per-request")).isEqualTo(1);
	}

	@Test
	void withoutMaxTokensTheDefaultMaxOutputTokensIsAssumed() {
		DefaultRoutingBudget budget = this.fixtures.budget(
				BudgetFixtures.policy(0.2, NONE, NONE, Map.of(), BudgetPolicy.OnLimit.REJECT, List.of()), this.store);
		Prompt prompt = prompt(FORTY_CHARACTERS, null, null);
		assertThat(budget.maxOutputTokens(prompt, member("small-a"))).isEqualTo(100);
		// 10 x 0.001 + 100 x 0.002 = 0.21 > 0.2
		assertThatExceptionOfType(BudgetExceededException.class)
			.isThrownBy(() -> reserve(budget, RouteRequest.of(prompt)).beforeCall(member("small-a"), prompt, 0));
	}

	@Test
	void onceAMemberAnsweredOftenEnoughItsObservedOutputSizeReplacesTheDefault() {
		DefaultRoutingBudget budget = this.fixtures.budget(
				BudgetFixtures.policy(0.2, NONE, NONE, Map.of(), BudgetPolicy.OnLimit.REJECT, List.of()), this.store);
		Prompt prompt = prompt(FORTY_CHARACTERS, null, null);
		assertThat(budget.maxOutputTokens(prompt, member("small-a"))).as("default before any answer").isEqualTo(100);
		for (int i = 0; i < ObservedOutputSizes.MIN_SAMPLES; i++) {
			RouteRequest request = RouteRequest.of(prompt);
			reserve(budget, request).settle(new RoutingReceipt(new Route("small", RouteLayer.DEFAULT, "default"),
					"small", "small-a", "a", List.of(new Attempt("small", "small-a", "a", AttemptOutcome.SUCCESS, null,
							null, 1, 10, (i == 0) ? 40 : 50, 0.001)),
					10, 50, 0.001, false));
		}
		// p99 of what it wrote (50 tokens) plus a fifth
		assertThat(budget.maxOutputTokens(prompt, member("small-a"))).isEqualTo(60);
		assertThat(budget.maxOutputTokens(prompt, member("small-b"))).as("per member").isEqualTo(100);
		assertThat(budget.maxOutputTokens(prompt(FORTY_CHARACTERS, 20, null), member("small-a")))
			.as("an explicit max tokens still wins")
			.isEqualTo(20);
		// 10 x 0.001 + 60 x 0.002 = 0.13 now fits under 0.2, where 100 default tokens
		// would have cost 0.21
		reserve(budget, RouteRequest.of(prompt)).beforeCall(member("small-a"), prompt, 0);
	}

	@Test
	void ceilingRefusesACallMidRequestAndTheSettlementChargesWhatWasSpent() {
		DefaultRoutingBudget budget = this.fixtures.budget(
				BudgetFixtures.policy(0.08, NONE, NONE, Map.of(), BudgetPolicy.OnLimit.REJECT, List.of()), this.store);
		Prompt prompt = prompt(FORTY_CHARACTERS, 20, "acme");
		RouteRequest request = RouteRequest.of(prompt);
		BudgetReservation held = reserve(budget, request);
		held.beforeCall(member("small-a"), prompt, 0);
		assertThatExceptionOfType(BudgetExceededException.class)
			.isThrownBy(() -> held.beforeCall(member("small-a"), prompt, 0.04))
			.satisfies((ex) -> {
				assertThat(ex.getSpentUsd()).isEqualTo(0.04);
				assertThat(ex.getTenant()).isEqualTo("acme");
			});
		assertThat(budget.inFlight()).isOne();
		held.settle(receipt(0.04));
		held.settle(receipt(0.04));
		assertThat(dayTotal("global")).isCloseTo(0.04, within(1e-12));
		assertThat(dayTotal("tenant:acme")).isCloseTo(0.04, within(1e-12));
		assertThat(budget.inFlight()).isZero();
	}

	@Test
	void ceilingRefusesFailoverToAPricierMemberThroughTheRouter() {
		// small-a: 2 x 0.001 + 100 x 0.002 = 0.202; small-b costs five times as much
		// (1.01)
		DefaultRoutingBudget budget = this.fixtures.budget(
				BudgetFixtures.policy(0.5, NONE, NONE, Map.of(), BudgetPolicy.OnLimit.REJECT, List.of()), this.store);
		RoutingChatModel router = this.fixtures.router(budget, "small");
		this.fixtures.cheap.failNext(new FakeHttpException(503, "overloaded"));
		assertThatExceptionOfType(BudgetExceededException.class)
			.isThrownBy(() -> router.call(prompt("hello", 100, null)))
			.satisfies((ex) -> assertThat(ex.getLimit()).isEqualTo(BudgetExceededException.Limit.PER_REQUEST));
		assertThat(this.fixtures.cheap.prompts()).hasSize(1);
		assertThat(this.fixtures.cheapBackup.prompts()).isEmpty();
		assertThat(budget.inFlight()).isZero();
	}

	@Test
	void rejectPolicyRefusesTheCallThatWouldPassTheDailyCapAndNeverOverspends() {
		DefaultRoutingBudget budget = this.fixtures.budget(BudgetFixtures.policy(null,
				new BudgetPolicy.Limits(0.5, null), NONE, Map.of(), BudgetPolicy.OnLimit.REJECT, List.of()),
				this.store);
		RoutingChatModel router = this.fixtures.router(budget, "small");
		// each call reserves 0.202 and costs 0.14: 0.14, 0.28, 0.42, then 0.42 + 0.202 >
		// 0.5
		for (int i = 0; i < 3; i++) {
			ChatResponse response = router.call(prompt("hello", 100, null));
			assertThat(RoutingReceipt.from(response).orElseThrow().cost()).isCloseTo(0.14, within(1e-12));
		}
		assertThatExceptionOfType(BudgetExceededException.class)
			.isThrownBy(() -> router.call(prompt("hello", 100, null)))
			.satisfies((ex) -> {
				assertThat(ex.getLimit()).isEqualTo(BudgetExceededException.Limit.DAILY);
				assertThat(ex.getScope()).isEqualTo(BudgetScope.GLOBAL);
				assertThat(ex.getSpentUsd()).isCloseTo(0.42, within(1e-9));
				assertThat(ex.getLimitUsd()).isEqualTo(0.5);
			});
		assertThat(dayTotal("global")).isCloseTo(0.42, within(1e-9));
		assertThat(this.fixtures.cheap.prompts()).hasSize(3);
		assertThat(this.fixtures.counter("llm.budget.rejections", "reason", "daily")).isEqualTo(1);
		assertThat(this.fixtures.counter("llm.budget.spent", "scope", "global")).isCloseTo(0.42, within(1e-9));
	}

	@Test
	void rejectPolicyRefusesAtAdmissionOnceTheCapIsUsedUp() {
		DefaultRoutingBudget budget = this.fixtures.budget(BudgetFixtures.policy(null,
				new BudgetPolicy.Limits(null, 1.0), NONE, Map.of(), BudgetPolicy.OnLimit.REJECT, List.of()),
				this.store);
		this.store.add("global:month:2026-11", 1.0, Instant.parse("2026-12-01T00:00:00Z"));
		RoutingChatModel router = this.fixtures.router(budget, "small");
		assertThatExceptionOfType(BudgetExceededException.class).isThrownBy(() -> router.call(prompt("hello", 1, null)))
			.satisfies((ex) -> assertThat(ex.getLimit()).isEqualTo(BudgetExceededException.Limit.MONTHLY));
		assertThat(this.fixtures.cheap.prompts()).isEmpty();
	}

	@Test
	void tenantCapsUseTheOverrideOrTheDefaultAndRequestsWithoutTenantCountOnlyGlobally() {
		DefaultRoutingBudget budget = this.fixtures.budget(
				BudgetFixtures.policy(null, NONE, new BudgetPolicy.Limits(0.3, null),
						Map.of("vip", new BudgetPolicy.Limits(1.0, null)), BudgetPolicy.OnLimit.REJECT, List.of()),
				this.store);
		RoutingChatModel router = this.fixtures.router(budget, "small");
		router.call(prompt("hello", 100, "acme"));
		assertThatExceptionOfType(BudgetExceededException.class)
			.isThrownBy(() -> router.call(prompt("hello", 100, "acme")))
			.satisfies((ex) -> {
				assertThat(ex.getScope()).isEqualTo(BudgetScope.TENANT);
				assertThat(ex.getTenant()).isEqualTo("acme");
				assertThat(ex.getMessage()).contains("tenant 'acme' daily");
			});
		for (int i = 0; i < 3; i++) {
			router.call(prompt("hello", 100, "vip"));
			router.call(prompt("hello", 100, null));
		}
		assertThat(dayTotal("tenant:acme")).isCloseTo(0.14, within(1e-9));
		assertThat(dayTotal("tenant:vip")).isCloseTo(0.42, within(1e-9));
		assertThat(dayTotal("global")).isCloseTo(0.14 * 7, within(1e-9));
		assertThat(budget.recentTenants()).containsExactly("acme", "vip");
	}

	@Test
	void downgradePolicyRoutesToTheCheapestTierAtTheCapAndRecordsWhy() {
		DefaultRoutingBudget budget = this.fixtures.budget(BudgetFixtures.policy(null,
				new BudgetPolicy.Limits(5.0, null), NONE, Map.of(), BudgetPolicy.OnLimit.DOWNGRADE, List.of()),
				this.store);
		RoutingChatModel router = this.fixtures.router(budget, "large");
		// large: admission estimate 2 x 0.01 + 100 x 0.02 = 2.02, cost 1.40: 1.4, 2.8,
		// 4.2, then 4.2 + 2.02 > 5
		for (int i = 0; i < 3; i++) {
			assertThat(receipt(router.call(prompt("hello", 100, null))).tier()).isEqualTo("large");
		}
		RoutingReceipt downgraded = receipt(router.call(prompt("hello", 100, null)));
		assertThat(downgraded.tier()).isEqualTo("small");
		assertThat(downgraded.route().tier()).isEqualTo("small");
		assertThat(downgraded.route().layer()).isEqualTo(RouteLayer.DEFAULT);
		assertThat(downgraded.route().reason()).contains("budget downgrade from large to small")
			.contains("global daily cap");
		// the cheapest tier keeps serving past the cap
		for (int i = 0; i < 10; i++) {
			assertThat(receipt(router.call(prompt("hello", 100, null))).tier()).isEqualTo("small");
		}
		assertThat(dayTotal("global")).isCloseTo(4.2 + 11 * 0.14, within(1e-9));
		assertThat(this.fixtures.counter("llm.budget.downgrades", "from", "large", "to", "small")).isEqualTo(11);
		assertThat(this.fixtures.counter("llm.budget.rejections")).isZero();
	}

	@Test
	void downgradePolicyStillRefusesPricierCallsThatDoNotFit() {
		DefaultRoutingBudget budget = this.fixtures.budget(BudgetFixtures.policy(null,
				new BudgetPolicy.Limits(1.0, null), NONE, Map.of(), BudgetPolicy.OnLimit.DOWNGRADE, List.of()),
				this.store);
		// the prompt asks for more output than the default the admission estimate assumes
		Prompt prompt = prompt("hello", 1000, null);
		RouteRequest request = RouteRequest.of(prompt);
		Route route = budget.reserve(request, new Route("large", RouteLayer.HINT, "hint")).route();
		assertThat(route.tier()).isEqualTo("small");
		BudgetReservation small = budget.reserve(request, new Route("small", RouteLayer.HINT, "hint"));
		Route kept = small.route();
		small.beforeCall(member("small-a"), prompt, 0);
		assertThatExceptionOfType(BudgetExceededException.class)
			.isThrownBy(() -> reserve(budget, RouteRequest.of(prompt)).beforeCall(member("large-x"), prompt, 0));
		assertThat(kept.reason()).isEqualTo("hint");
	}

	@Test
	void thresholdEventsArePublishedOncePerThresholdPeriodAndScopeAcrossInstances() {
		BudgetPolicy policy = thresholdPolicy();
		DefaultRoutingBudget first = this.fixtures.budget(policy, this.store);
		DefaultRoutingBudget second = this.fixtures.budget(policy, this.store);
		charge(first, 0.3, "acme");
		assertThat(this.fixtures.events).isEmpty();
		charge(second, 0.3, "acme");
		assertThat(this.fixtures.events).singleElement().satisfies((event) -> {
			assertThat(event.getScope()).isEqualTo(BudgetScope.GLOBAL);
			assertThat(event.getPeriod()).isEqualTo(BudgetPeriod.DAY);
			assertThat(event.getPeriodId()).isEqualTo("2026-11-23");
			assertThat(event.getThreshold()).isEqualTo(0.5);
			assertThat(event.getSpentUsd()).isCloseTo(0.6, within(1e-9));
			assertThat(event.getLimitUsd()).isEqualTo(1.0);
		});
		charge(first, 0.1, "acme");
		charge(second, 0.1, "acme");
		assertThat(this.fixtures.events).hasSize(1);
		// two requests in flight together: both were admitted before either was charged
		BudgetReservation one = reserve(first, RouteRequest.of(prompt("hello", null, "acme")));
		BudgetReservation two = reserve(second, RouteRequest.of(prompt("hello", null, "acme")));
		one.settle(receipt(0.25));
		two.settle(receipt(0.25));
		assertThat(this.fixtures.events).extracting(BudgetThresholdEvent::getThreshold).containsExactly(0.5, 1.0);
		// a new day starts over
		this.fixtures.clock.advance(Duration.ofDays(1));
		charge(second, 0.7, "acme");
		assertThat(this.fixtures.events).hasSize(3);
		assertThat(this.fixtures.events.get(2).getPeriodId()).isEqualTo("2026-11-24");
		assertThat(this.fixtures.events.get(2).getThreshold()).isEqualTo(0.5);
	}

	@Test
	void aRefusalByACapCountsAsReachingEveryThreshold() {
		DefaultRoutingBudget budget = this.fixtures.budget(BudgetFixtures.policy(null, NONE,
				new BudgetPolicy.Limits(0.1, null), Map.of(), BudgetPolicy.OnLimit.REJECT, List.of(0.5, 1.0)),
				this.store);
		Prompt prompt = prompt("hello", 100, "acme");
		assertThatExceptionOfType(BudgetExceededException.class)
			.isThrownBy(() -> reserve(budget, RouteRequest.of(prompt)).beforeCall(member("small-a"), prompt, 0));
		assertThat(this.fixtures.events).extracting(BudgetThresholdEvent::getTenant).containsExactly("acme", "acme");
		assertThat(this.fixtures.events).extracting(BudgetThresholdEvent::getThreshold).containsExactly(0.5, 1.0);
	}

	@Test
	void periodKeysAndEnds() {
		ZonedDateTime time = ZonedDateTime.parse("2026-11-30T23:30:00+01:00[Europe/Paris]");
		assertThat(BudgetPeriod.DAY.periodId(time)).isEqualTo("2026-11-30");
		assertThat(BudgetPeriod.MONTH.periodId(time)).isEqualTo("2026-11");
		assertThat(BudgetPeriod.DAY.end(time)).isEqualTo(Instant.parse("2026-11-30T23:00:00Z"));
		assertThat(BudgetPeriod.MONTH.end(time)).isEqualTo(Instant.parse("2026-11-30T23:00:00Z"));
		assertThat(DefaultRoutingBudget.key(BudgetScope.GLOBAL, null, BudgetPeriod.DAY, "2026-11-23"))
			.isEqualTo("global:day:2026-11-23");
		assertThat(DefaultRoutingBudget.key(BudgetScope.TENANT, "acme", BudgetPeriod.MONTH, "2026-11"))
			.isEqualTo("tenant:acme:month:2026-11");
		BudgetPolicy paris = new BudgetPolicy(null, new BudgetPolicy.Limits(1.0, 2.0), NONE, Map.of(),
				BudgetPolicy.OnLimit.REJECT, 100, List.of(), ZoneId.of("Europe/Paris"));
		DefaultRoutingBudget budget = this.fixtures.budget(paris, this.store);
		List<DefaultRoutingBudget.Scope> scopes = budget.scopes("acme", Instant.parse("2026-11-30T23:30:00Z"));
		assertThat(scopes).extracting((scope) -> scope.counter().key())
			.containsExactly("global:day:2026-12-01", "global:month:2026-12", "tenant:acme:day:2026-12-01",
					"tenant:acme:month:2026-12");
		assertThat(scopes.get(0).counter().expireAt())
			.isEqualTo(Instant.parse("2026-12-01T23:00:00Z").plus(DefaultRoutingBudget.EXPIRY_GRACE));
		assertThat(scopes.get(0).counter().limit()).isEqualTo(1.0);
		assertThat(scopes.get(2).counter().limited()).isFalse();
	}

	@Test
	void countersExpireWithTheirPeriodAndTryAddIsAllOrNothing() {
		Instant end = Instant.parse("2026-11-24T00:00:00Z");
		BudgetStore.Counter day = new BudgetStore.Counter("global:day:2026-11-23", 1.0, end);
		BudgetStore.Counter tenant = new BudgetStore.Counter("tenant:t:day:2026-11-23", 0.5, end);
		assertThat(this.store.tryAdd(List.of(day, tenant), 0.4).accepted()).isTrue();
		BudgetStore.Reservation refused = this.store.tryAdd(List.of(day, tenant), 0.2);
		assertThat(refused.accepted()).isFalse();
		assertThat(refused.refusedIndex()).isEqualTo(1);
		assertThat(this.store.totals(List.of(day.key(), tenant.key()))).containsExactly(0.4, 0.4);
		assertThat(this.store.markOnce("m", end)).isTrue();
		assertThat(this.store.markOnce("m", end)).isFalse();
		this.fixtures.clock.advance(Duration.ofHours(14));
		assertThat(this.store.total(day.key())).isZero();
		assertThat(this.store.markOnce("m", end.plusSeconds(86400))).isTrue();
	}

	@Test
	void administrationReportsSpendAgainstLimit() {
		DefaultRoutingBudget budget = this.fixtures
			.budget(BudgetFixtures.policy(0.5, new BudgetPolicy.Limits(2.0, null), new BudgetPolicy.Limits(1.0, 10.0),
					Map.of(), BudgetPolicy.OnLimit.REJECT, List.of()), this.store);
		RoutingChatModel router = this.fixtures.router(budget, "small");
		router.call(prompt("hello", 100, "acme"));
		BudgetAdministration.Report report = new BudgetAdministration(budget, this.fixtures.clock).report();
		assertThat(report.store()).isEqualTo("memory");
		assertThat(report.policy()).isEqualTo("reject");
		assertThat(report.perRequestMax()).isEqualTo(0.5);
		assertThat(report.global()).hasSize(2);
		assertThat(report.global().get(0).id()).isEqualTo("2026-11-23");
		assertThat(report.global().get(0).spent()).isCloseTo(0.14, within(1e-9));
		assertThat(report.global().get(0).limit()).isEqualTo(2.0);
		assertThat(report.global().get(0).used()).isCloseTo(0.07, within(1e-9));
		assertThat(report.global().get(1).limit()).isNull();
		assertThat(report.tenants()).singleElement().satisfies((tenant) -> {
			assertThat(tenant.tenant()).isEqualTo("acme");
			assertThat(tenant.periods().get(1).limit()).isEqualTo(10.0);
		});
	}

	private static BudgetPolicy thresholdPolicy() {
		return BudgetFixtures.policy(null, new BudgetPolicy.Limits(1.0, null), NONE, Map.of(),
				BudgetPolicy.OnLimit.REJECT, List.of(1.0, 0.5));
	}

	private static void charge(DefaultRoutingBudget budget, double cost, String tenant) {
		RouteRequest request = RouteRequest.of(prompt("hello", null, tenant));
		reserve(budget, request).settle(receipt(cost));
	}

	private static RoutingReceipt receipt(double cost) {
		return new RoutingReceipt(new Route("small", RouteLayer.DEFAULT, "default"), "small", "small-a", "a", List.of(),
				0, 0, cost, false);
	}

	private static BudgetReservation reserve(DefaultRoutingBudget budget, RouteRequest request) {
		return budget.reserve(request, new Route("small", RouteLayer.DEFAULT, "default"));
	}

	private static RoutingReceipt receipt(ChatResponse response) {
		return RoutingReceipt.from(response).orElseThrow();
	}

}
