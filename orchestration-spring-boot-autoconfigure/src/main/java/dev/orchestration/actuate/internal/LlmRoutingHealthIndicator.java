package dev.orchestration.actuate.internal;

import java.util.ArrayList;
import java.util.List;

import dev.orchestration.resilience.MemberCircuitBreakers;
import dev.orchestration.resilience.MemberHealth;
import dev.orchestration.resilience.MemberStatus;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.TierMember;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports open breakers, members cooling down, unhealthy members and members unavailable
 * for account trouble; DOWN only when no member at all can be called.
 */
public class LlmRoutingHealthIndicator extends AbstractHealthIndicator {

	private final RoutingChatModel chatModel;

	private final MemberCircuitBreakers breakers;

	public LlmRoutingHealthIndicator(RoutingChatModel chatModel, MemberCircuitBreakers breakers) {
		super("LLM routing health check failed");
		this.chatModel = chatModel;
		this.breakers = breakers;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		MemberHealth health = this.chatModel.getHealth();
		List<String> openBreakers = new ArrayList<>();
		List<String> unhealthy = new ArrayList<>();
		List<String> coolingDown = new ArrayList<>();
		List<String> unavailable = new ArrayList<>();
		int usable = 0;
		for (TierMember member : this.chatModel.getTiers().members().toList()) {
			CircuitBreaker.State state = this.breakers.breaker(member.id()).getState();
			MemberStatus status = health.status(member.id());
			boolean open = state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
			if (open) {
				openBreakers.add(member.id());
			}
			if (status == MemberStatus.UNHEALTHY) {
				unhealthy.add(member.id());
			}
			else if (status == MemberStatus.UNAVAILABLE) {
				unavailable.add(member.id());
			}
			else if (status == MemberStatus.COOLING_DOWN) {
				coolingDown.add(member.id());
			}
			usable += (!open && status == MemberStatus.AVAILABLE) ? 1 : 0;
		}
		((usable > 0) ? builder.up() : builder.down()).withDetail("usableMembers", usable)
			.withDetail("openBreakers", openBreakers)
			.withDetail("unhealthyMembers", unhealthy)
			.withDetail("coolingDownMembers", coolingDown)
			.withDetail("unavailableMembers", unavailable);
	}

}
