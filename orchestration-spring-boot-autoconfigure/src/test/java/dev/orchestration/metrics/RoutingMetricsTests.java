package dev.orchestration.metrics;

import java.util.List;

import dev.orchestration.resilience.FakeHttpException;
import dev.orchestration.routing.RoutingChatModel;
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
		assertThat(this.registry.get("llm.requests").tag("member", "small-1").tag("outcome", "success").counter().count())
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

}
