package dev.orchestration.actuate.internal;

import java.util.List;

import dev.orchestration.resilience.FakeHttpException;
import dev.orchestration.resilience.MemberCircuitBreakers;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.ScriptedChatModel;
import dev.orchestration.routing.TestRouters;
import dev.orchestration.statistics.RouteStatistics;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class LlmRoutesEndpointTests {

	private final ScriptedChatModel first = new ScriptedChatModel("first");

	private final ScriptedChatModel second = new ScriptedChatModel("second");

	private final MemberCircuitBreakers breakers = TestRouters.breakers();

	private final RouteStatistics statistics = new RouteStatistics();

	private final RecentDecisions decisions = new RecentDecisions(2);

	private final RoutingChatModel router = TestRouters.router(this.breakers, List.of(this.statistics, this.decisions),
			this.first, this.second);

	private LlmRoutesEndpoint endpoint() {
		return new LlmRoutesEndpoint(this.router,
				new dev.orchestration.routing.RuleBasedRouteResolver(this.router.getTiers(), List.of(), "small"),
				this.breakers, this.statistics, this.decisions, null, null, null);
	}

	@Test
	void showsMembersWithBreakerStateStatisticsAndBoundedRecentDecisions() {
		this.first.failNext(new FakeHttpException(500, "down"));
		this.router.call(new Prompt("one"));
		this.router.call(new Prompt("two"));
		this.router.call(new Prompt("three"));
		LlmRoutesEndpoint.RoutesDescriptor routes = endpoint().routes();
		LlmRoutesEndpoint.MemberDescriptor member = routes.tiers().get(0).members().get(0);
		assertThat(member.id()).isEqualTo("small-0");
		assertThat(member.breaker().state()).isEqualTo("CLOSED");
		assertThat(member.stats().requests()).isEqualTo(3);
		assertThat(member.stats().errors()).isEqualTo(1);
		assertThat(member.stats().cost()).isPositive();
		assertThat(routes.recentDecisions()).hasSize(2);
		assertThat(routes.recentDecisions().get(0).prompt()).isNull();
		assertThat(routes.routing().defaultTier()).isEqualTo("small");
	}

	@Test
	void forceOpenSendsTrafficToTheNextMemberAndResetRestoresIt() {
		LlmRoutesEndpoint endpoint = endpoint();
		assertThat(endpoint.breaker("small-0", "force-open").getStatus()).isEqualTo(200);
		this.router.call(new Prompt("hi"));
		assertThat(this.first.prompts()).isEmpty();
		assertThat(this.second.prompts()).hasSize(1);
		assertThat(endpoint.breaker("small-0", "reset").getStatus()).isEqualTo(200);
		this.router.call(new Prompt("hi again"));
		assertThat(this.first.prompts()).hasSize(1);
	}

	@Test
	void unknownMemberOrActionIsAClientError() {
		assertThat(endpoint().breaker("nope", "reset").getStatus()).isEqualTo(404);
		assertThat(endpoint().breaker("small-0", "explode").getStatus()).isEqualTo(400);
	}

	@Test
	void healthListsOpenBreakersAndIsDownOnlyWhenNoMemberCanBeCalled() {
		LlmRoutingHealthIndicator health = new LlmRoutingHealthIndicator(this.router, this.breakers);
		this.breakers.breaker("small-0").transitionToForcedOpenState();
		Health oneOpen = health.health(true);
		assertThat(oneOpen.getStatus()).isEqualTo(Status.UP);
		assertThat(oneOpen.getDetails()).containsEntry("openBreakers", List.of("small-0"));
		this.router.getHealth().markUnhealthy("small-1");
		Health none = health.health(true);
		assertThat(none.getStatus()).isEqualTo(Status.DOWN);
		assertThat(none.getDetails()).containsEntry("unhealthyMembers", List.of("small-1"));
	}

}
