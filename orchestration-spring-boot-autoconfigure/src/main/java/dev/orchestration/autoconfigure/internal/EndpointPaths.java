package dev.orchestration.autoconfigure.internal;

import java.util.Map;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMapper;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Web paths with a dash for the starter's endpoints (whose ids cannot have one), unless
 * the application mapped the endpoint itself with
 * {@code management.endpoints.web.path-mapping.<id>}: then Boot's mapping applies.
 */
public final class EndpointPaths {

	private EndpointPaths() {
	}

	/**
	 * A path mapper serving the endpoint {@code endpointId} at {@code path}, or leaving
	 * it to the application's own mapping when there is one.
	 * @param environment the environment holding the application's path mappings
	 * @param endpointId the endpoint's id
	 * @param path the path to serve it at
	 * @return the mapper
	 */
	public static PathMapper unlessMapped(Environment environment, String endpointId, String path) {
		EndpointId id = EndpointId.of(endpointId);
		boolean mappedByUser = Binder.get(environment)
			.bind("management.endpoints.web.path-mapping", Bindable.mapOf(String.class, String.class))
			.orElse(Map.of())
			.keySet()
			.stream()
			.anyMatch((key) -> EndpointId.fromPropertyValue(key).equals(id));
		return (requested) -> (!mappedByUser && id.equals(requested)) ? path : null;
	}

}
