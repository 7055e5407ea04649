package dev.orchestration.routing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the routing observation; declare a bean to replace
 * {@link DefaultRoutingObservationConvention}.
 */
public interface RoutingObservationConvention extends ObservationConvention<RoutingObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof RoutingObservationContext;
	}

}
