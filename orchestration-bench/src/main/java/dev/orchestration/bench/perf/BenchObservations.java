package dev.orchestration.bench.perf;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Observations on: the registry the clients use, recording timers to a meter registry
 * that the starter's meters use too. A top-level class on purpose: nested in
 * {@link RequestPathApplication} it would be registered in every context as a member
 * configuration class, observations on or off.
 */
@Configuration(proxyBeanMethods = false)
class BenchObservations {

	@Bean
	SimpleMeterRegistry benchMeterRegistry() {
		return new SimpleMeterRegistry();
	}

	@Bean
	ObservationRegistry benchObservationRegistry(MeterRegistry meterRegistry) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
		return registry;
	}

}
