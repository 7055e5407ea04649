package dev.orchestration.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * The starter needs Spring Cloud CircuitBreaker's API, which lives in
 * spring-cloud-commons, whose auto-configuration adds a {@code discoveryComposite} health
 * contributor (UNKNOWN, "Discovery Client not initialized") to applications that never
 * asked for service discovery. When the application has not brought Spring Cloud itself
 * (no spring-cloud-context on the classpath: the starter no longer brings it), this adds,
 * at the lowest precedence, the default
 * {@code spring.cloud.discovery.client.health-indicator.enabled=false}; any value the
 * application sets wins.
 */
class SpringCloudHealthDefaults implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY = "spring.cloud.discovery.client.health-indicator.enabled";

	static final String SOURCE = "llmSpringCloudHealthDefaults";

	private static final String SPRING_CLOUD_CONTEXT = "org.springframework.cloud.context.environment.EnvironmentChangeEvent";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		ClassLoader classLoader = application.getClassLoader();
		if (ClassUtils.isPresent(SPRING_CLOUD_CONTEXT, classLoader)
				|| environment.getPropertySources().contains(SOURCE)) {
			return;
		}
		environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(PROPERTY, "false")));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
