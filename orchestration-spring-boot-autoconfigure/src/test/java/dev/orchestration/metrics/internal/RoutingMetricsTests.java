package dev.orchestration.metrics.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.orchestration.receipt.Attempt;
import dev.orchestration.receipt.AttemptOutcome;
import dev.orchestration.receipt.Route;
import dev.orchestration.receipt.RouteLayer;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.resilience.FakeHttpException;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.RoutingDecision;
import dev.orchestration.routing.ScriptedChatModel;
import dev.orchestration.routing.TestRouters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final ScriptedChatModel first = new ScriptedChatModel("first");

	private final RoutingChatModel router = TestRouters.router(TestRouters.breakers(),
			List.of(new RoutingMetrics(this.registry)), this.first, new ScriptedChatModel("second"));

	@Test
	void countsRequestsCostFailoversAndOverheadTaggedWithTierAndMember() {
		this.first.failNext(new FakeHttpException(503, "busy"));
		this.router.call(new Prompt("one"));
		this.router.call(new Prompt("two"));
		assertThat(
				this.registry.get("llm.requests").tag("member", "small-1").tag("outcome", "success").counter().count())
			.isEqualTo(1);
		assertThat(this.registry.get("llm.requests").tag("member", "small-0").counter().count()).isEqualTo(1);
		assertThat(this.registry.get("llm.failovers")
			.tags("from", "small-0", "to", "small-1", "reason", "TRANSIENT")
			.counter()
			.count()).isEqualTo(1);
		assertThat(this.registry.get("llm.cost").tag("tier", "small").counters())
			.allSatisfy((c) -> assertThat(c.count()).isPositive());
		assertThat(this.registry.get("llm.routing.overhead").timer().count()).isEqualTo(2);
		assertThat(this.registry.get("llm.routing.decisions").tag("layer", "DEFAULT").counter().count()).isEqualTo(2);
	}

	@Test
	void countsFailedRequests() {
		this.first.failAlways(new FakeHttpException(400, "bad request"));
		try {
			this.router.call(new Prompt("x"));
		}
		catch (RuntimeException expected) {
			// counted below
		}
		assertThat(this.registry.get("llm.requests").tag("outcome", "failure").tag("member", "none").counter().count())
			.isEqualTo(1);
	}

	@Test
	void countsRequestsServedByAnotherTierThanTheRoutedOneWithTheFirstReason() {
		RoutingReceipt receipt = new RoutingReceipt(new Route("small", RouteLayer.RULE, "rule"), "large", "large-s",
				"s",
				List.of(Attempt.skipped("small", "small-a", "a", AttemptOutcome.BREAKER_OPEN),
						new Attempt("large", "large-s", "s", AttemptOutcome.SUCCESS, null, null, 5, 10, 5, 0.01)),
				10, 5, 0.01, false);
		new RoutingMetrics(this.registry)
			.onDecision(new RoutingDecision(Instant.EPOCH, receipt, null, null, Duration.ZERO, null, null));
		assertThat(this.registry.get("llm.routing.tier-changes")
			.tags("from", "small", "to", "large", "reason", "BREAKER_OPEN")
			.counter()
			.count()).isEqualTo(1);
		this.router.call(new Prompt("same tier"));
		assertThat(this.registry.find("llm.routing.tier-changes").counters()).hasSize(1);
	}

}
