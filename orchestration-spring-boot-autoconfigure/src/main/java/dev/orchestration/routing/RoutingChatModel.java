package dev.orchestration.routing;

import java.time.Instant;

import dev.orchestration.receipt.Route;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.resilience.FailureKind;
import dev.orchestration.resilience.MemberHealth;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.StreamingChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * A {@link ChatModel} that is many chat models: it picks a tier for each request, calls the tier's members in
 * failover order behind their circuit breakers, escalates when a whole tier fails, and puts a
 * {@link RoutingReceipt} in the metadata of every response.
 */
public class RoutingChatModel implements ChatModel, StreamingChatModel {

	private final Tiers tiers;

	private final RouteResolver resolver;

	private final FailoverPolicy policy;

	private final MemberHealth health;

	private final MemberInvoker invoker;

	private final DecisionPublisher publisher;

	private final boolean requireFinishReason;

	private final RoutingBudget budget;

	RoutingChatModel(Tiers tiers, RouteResolver resolver, FailoverPolicy policy, MemberHealth health,
			MemberInvoker invoker, DecisionPublisher publisher, boolean requireFinishReason, RoutingBudget budget) {
		this.tiers = tiers;
		this.resolver = resolver;
		this.policy = policy;
		this.health = health;
		this.invoker = invoker;
		this.publisher = publisher;
		this.requireFinishReason = requireFinishReason;
		this.budget = budget;
	}

	public static RoutingChatModelBuilder builder() {
		return new RoutingChatModelBuilder();
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		Instant timestamp = this.publisher.now();
		long start = System.nanoTime();
		RouteRequest request = RouteRequest.of(prompt);
		Route route = this.budget.admit(request, this.resolver.resolve(request));
		FailoverPlan plan = newPlan(route);
		Throwable lastError = null;
		for (TierMember member = plan.next(); member != null; member = plan.next()) {
			this.budget.beforeCall(request, member, prompt, plan.cost());
			MemberCall call = this.invoker.call(member, prompt);
			plan.record(call.attempt());
			if (call.answered()) {
				RoutingReceipt receipt = DecisionPublisher.receipt(route, member, plan.attempts(), false);
				this.budget.charge(request, receipt);
				this.publisher.publish(timestamp, start, request, receipt, null);
				return withReceipt(call.response(), receipt);
			}
			lastError = call.error();
			if (call.failure() != null) {
				if (call.failure().kind() == FailureKind.FATAL) {
					throw fail("Request rejected by " + member.id() + " (not retried elsewhere)", timestamp, start,
							request, route, plan, lastError);
				}
				plan.failed(member, call.failure());
			}
		}
		throw fail("No member of tier '" + route.tier() + "' or the tiers after it could answer", timestamp, start,
				request, route, plan, lastError);
	}

	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		return Flux.defer(() -> {
			Instant timestamp = this.publisher.now();
			long start = System.nanoTime();
			RouteRequest request = RouteRequest.of(prompt);
			Route route = this.budget.admit(request, this.resolver.resolve(request));
			return new StreamFailover(prompt, request, route, newPlan(route), this.invoker, this.publisher, timestamp,
					start, this.requireFinishReason, this.budget)
				.stream();
		});
	}

	@Override
	public ChatOptions getOptions() {
		return RoutingChatOptions.builder().build();
	}

	/** The configured tiers, in escalation order. */
	public Tiers getTiers() {
		return this.tiers;
	}

	/** Cool-downs and unhealthy marks of the members. */
	public MemberHealth getHealth() {
		return this.health;
	}

	private FailoverPlan newPlan(Route route) {
		return new FailoverPlan(this.tiers, this.health, this.policy, route.tier());
	}

	private RoutingFailedException fail(String reason, Instant timestamp, long start, RouteRequest request,
			Route route, FailoverPlan plan, @Nullable Throwable cause) {
		RoutingReceipt receipt = DecisionPublisher.receipt(route, null, plan.attempts(), false);
		this.budget.charge(request, receipt);
		RoutingFailedException failure = new RoutingFailedException(reason, receipt, cause);
		this.publisher.publish(timestamp, start, request, receipt, failure);
		return failure;
	}

	static ChatResponse withReceipt(ChatResponse response, RoutingReceipt receipt) {
		return ChatResponse.builder().from(response).metadata(RoutingReceipt.METADATA_KEY, receipt).build();
	}

}
