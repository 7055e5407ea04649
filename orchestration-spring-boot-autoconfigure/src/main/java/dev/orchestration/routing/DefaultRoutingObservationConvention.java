package dev.orchestration.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.orchestration.receipt.Route;
import dev.orchestration.receipt.RouteLayer;
import dev.orchestration.receipt.RoutingReceipt;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

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

	/**
	 * A bound on remembered combinations, in case a tier name is not from the
	 * configuration.
	 */
	private static final int MAX_COMBINATIONS = 1024;

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(RoutingObservationContext context) {
		Route route = context.getRoute();
		return "llm route " + ((route != null) ? route.tier() : NONE);
	}

	/**
	 * Combinations seen so far: the keys are low-cardinality by definition (tiers come
	 * from the configuration, layers and outcomes are enums), and building and sorting
	 * them twice per request (at start and at stop) showed in profiles.
	 */
	private final Map<LowCardinality, KeyValues> lowCardinality = new ConcurrentHashMap<>();

	@Override
	public KeyValues getLowCardinalityKeyValues(RoutingObservationContext context) {
		Route route = context.getRoute();
		LowCardinality key = new LowCardinality((route != null) ? route.tier() : NONE,
				(route != null) ? route.layer() : null, context.getOutcome(), context.isStreamed());
		KeyValues values = this.lowCardinality.get(key);
		if (values == null) {
			values = key.keyValues();
			if (this.lowCardinality.size() < MAX_COMBINATIONS) {
				this.lowCardinality.putIfAbsent(key, values);
			}
		}
		return values;
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(RoutingObservationContext context) {
		RoutingReceipt receipt = context.getReceipt();
		String member = (receipt != null && receipt.member() != null) ? receipt.member() : NONE;
		int attempts = (receipt != null) ? receipt.attempts().size() : 0;
		return KeyValues.of(KeyValue.of("llm.member", member), KeyValue.of("llm.attempts", String.valueOf(attempts)));
	}

	private record LowCardinality(String tier, @Nullable RouteLayer layer, RoutingOutcome outcome, boolean streamed) {

		KeyValues keyValues() {
			return KeyValues.of(KeyValue.of("llm.tier", this.tier),
					KeyValue.of("llm.route.layer", (this.layer != null) ? this.layer.name() : NONE),
					KeyValue.of("llm.outcome", this.outcome.id()),
					KeyValue.of("llm.streamed", String.valueOf(this.streamed)));
		}

	}

}
