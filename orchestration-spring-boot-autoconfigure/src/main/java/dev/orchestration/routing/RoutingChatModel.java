package dev.orchestration.routing;

import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.resilience.MemberHealth;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.StreamingChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * A {@link ChatModel} that is many chat models: it picks a tier for each request, calls
 * the tier's members in failover order behind their circuit breakers, escalates when a
 * whole tier fails, and puts a {@link RoutingReceipt} in the metadata of every response.
 * <p>
 * Each request is one {@link RoutingExchange}: the route, the failover plan, the budget
 * reservation, the deadline and the routing observation, ended exactly once.
 */
public class RoutingChatModel implements ChatModel, StreamingChatModel {

	private final RoutingExchanges exchanges;

	/**
	 * No routing hint: Spring AI's ChatClient only reads it, through {@code mutate()},
	 * once per request.
	 */
	private final RoutingChatOptions defaultOptions = RoutingChatOptions.builder().build();

	RoutingChatModel(RoutingExchanges exchanges) {
		this.exchanges = exchanges;
	}

	public static RoutingChatModelBuilder builder() {
		return new RoutingChatModelBuilder();
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		RoutingExchange exchange = this.exchanges.open(prompt, false);
		try (Observation.Scope scope = exchange.observation().openScope()) {
			for (TierMember member = exchange.next(); member != null; member = exchange.next()) {
				MemberCall call = exchange.call(member);
				if (call.answered()) {
					return exchange.answered(call);
				}
				exchange.failed(call);
			}
			throw exchange.exhausted();
		}
		catch (RoutingFailedException | RequestRefusedException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw exchange.aborted(ex);
		}
	}

	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		return Flux.defer(() -> {
			RoutingExchange exchange = this.exchanges.open(prompt, true);
			return new StreamFailover(exchange, this.exchanges).stream()
				.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, exchange.observation()));
		});
	}

	@Override
	public ChatOptions getOptions() {
		return this.defaultOptions;
	}

	/** The configured tiers of the configuration in force, in escalation order. */
	public Tiers getTiers() {
		return this.exchanges.configurations().current().tiers();
	}

	/** The routing configuration in force and where a reload swaps in the next one. */
	public RoutingConfigurations getConfigurations() {
		return this.exchanges.configurations();
	}

	/** Cool-downs and unhealthy marks of the members. */
	public MemberHealth getHealth() {
		return this.exchanges.health();
	}

}
