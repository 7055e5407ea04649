package dev.orchestration.routing;

import dev.orchestration.receipt.Route;
import dev.orchestration.receipt.RoutingReceipt;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The routing observation {@value #NAME}: one per routed request, wrapping the provider
 * calls that Spring AI observes. Low-cardinality keys: {@code llm.tier} (the tier chosen
 * first), {@code llm.route.layer}, {@code llm.outcome}, {@code llm.streamed};
 * high-cardinality keys: {@code llm.member} (the member that answered) and
 * {@code llm.attempts}. No prompt text.
 */
public class DefaultRoutingObservationConvention implements RoutingObservationConvention {

	/** The observation name. */
	public static final String NAME = "llm.routing";

	private static final String NONE = "none";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(RoutingObservationContext context) {
		Route route = context.getRoute();
		return "llm route " + ((route != null) ? route.tier() : NONE);
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(RoutingObservationContext context) {
		Route route = context.getRoute();
		return KeyValues.of(KeyValue.of("llm.tier", (route != null) ? route.tier() : NONE),
				KeyValue.of("llm.route.layer", (route != null) ? route.layer().name() : NONE),
				KeyValue.of("llm.outcome", context.getOutcome().id()),
				KeyValue.of("llm.streamed", String.valueOf(context.isStreamed())));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(RoutingObservationContext context) {
		RoutingReceipt receipt = context.getReceipt();
		String member = (receipt != null && receipt.member() != null) ? receipt.member() : NONE;
		int attempts = (receipt != null) ? receipt.attempts().size() : 0;
		return KeyValues.of(KeyValue.of("llm.member", member), KeyValue.of("llm.attempts", String.valueOf(attempts)));
	}

}
