package dev.orchestration.bench.perf;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.MapPropertySource;

/**
 * The application the JMH benchmarks time: Spring Boot auto-configuration (the starter's
 * among them, no web) over six {@link StubChatModel} beans, configured as 3 tiers of 2
 * members with prices and 4 routing rules that the benchmark prompt matches none of
 * (every rule is evaluated, then the default tier answers).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class RequestPathApplication {

	/**
	 * The tiers, in escalation order; member {@code i} of tier {@code t} uses the bean
	 * {@code stub-t-i}.
	 */
	static final String[] TIERS = { "small", "mid", "large" };

	/** The tier that answers the benchmark prompt. */
	static final String DEFAULT_TIER = "mid";

	/**
	 * The bean of the first member of the default tier (the one that fails in
	 * {@link Variant#FAILOVER}).
	 */
	static final String FIRST_DEFAULT_MEMBER_BEAN = "stub-mid-0";

	/** The router id of that member, which names its circuit breaker. */
	static final String FIRST_DEFAULT_MEMBER_ID = "mid-mid-model-0";

	@Bean("stub-small-0")
	StubChatModel stubSmall0() {
		return new StubChatModel("small-model-0");
	}

	@Bean("stub-small-1")
	StubChatModel stubSmall1() {
		return new StubChatModel("small-model-1");
	}

	@Bean(FIRST_DEFAULT_MEMBER_BEAN)
	StubChatModel stubMid0() {
		return new StubChatModel("mid-model-0");
	}

	@Bean("stub-mid-1")
	StubChatModel stubMid1() {
		return new StubChatModel("mid-model-1");
	}

	@Bean("stub-large-0")
	StubChatModel stubLarge0() {
		return new StubChatModel("large-model-0");
	}

	@Bean("stub-large-1")
	StubChatModel stubLarge1() {
		return new StubChatModel("large-model-1");
	}

	/** What a measured context has switched on. */
	public enum Variant {

		/** The router and the routing client, no cache. */
		CACHES_OFF,

		/** The exact cache in memory (default size, 10,000 entries). */
		EXACT_CACHE,

		/** The semantic cache in memory with the built-in ONNX embedding model. */
		SEMANTIC_CACHE,

		/**
		 * No cache; the first member of the default tier fails every call with a
		 * transient error.
		 */
		FAILOVER

	}

	/**
	 * Starts a context.
	 * @param setup what to switch on
	 * @param observations whether to register an {@link ObservationRegistry} (recording
	 * to a {@link SimpleMeterRegistry}) that the clients and the starter's meters use
	 * @return the started context
	 */
	public static ConfigurableApplicationContext start(Variant setup, boolean observations) {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(RequestPathApplication.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			// a property source of its own keeps the tiers in escalation order (default
			// properties are a HashMap)
			.initializers((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("request-path-bench", properties(setup))));
		if (observations) {
			builder.sources(BenchObservations.class);
		}
		ConfigurableApplicationContext context = builder.run();
		if (setup == Variant.FAILOVER) {
			context.getBean(FIRST_DEFAULT_MEMBER_BEAN, StubChatModel.class).failing(true);
		}
		return context;
	}

	/**
	 * The {@code llm.*} configuration of a setup.
	 * @param setup what to switch on
	 * @return the properties
	 */
	static Map<String, Object> properties(Variant setup) {
		Map<String, Object> properties = new LinkedHashMap<>();
		for (String tier : TIERS) {
			for (int i = 0; i < 2; i++) {
				String member = "llm.tiers." + tier + ".models[" + i + "].";
				properties.put(member + "chat-model", "stub-" + tier + "-" + i);
				properties.put(member + "model", tier + "-model-" + i);
				properties.put(member + "price.input-per-million", 0.15 * (i + 1));
				properties.put(member + "price.output-per-million", 0.60 * (i + 1));
			}
		}
		properties.put("llm.routing.default-tier", DEFAULT_TIER);
		properties.put("llm.routing.rules[0].when.task", "classification");
		properties.put("llm.routing.rules[0].tier", "small");
		properties.put("llm.routing.rules[1].when.metadata.plan", "enterprise");
		properties.put("llm.routing.rules[1].tier", "large");
		properties.put("llm.routing.rules[2].when.contains-code", "true");
		properties.put("llm.routing.rules[2].tier", "large");
		properties.put("llm.routing.rules[3].when.pattern", "(?i)\\b(contract|lawsuit)\\b");
		properties.put("llm.routing.rules[3].tier", "large");
		switch (setup) {
			case EXACT_CACHE -> properties.put("llm.cache.exact.enabled", "true");
			case SEMANTIC_CACHE -> properties.put("llm.cache.semantic.enabled", "true");
			case FAILOVER -> {
				// A window wider than the benchmark's breaker reset interval: the failing
				// member is always called
				// (a real failover each time), never skipped behind an open breaker.
				properties.put("llm.resilience.breaker.sliding-window-size", String.valueOf(2 * FAILOVER_RESET_EVERY));
				properties.put("llm.resilience.breaker.minimum-number-of-calls",
						String.valueOf(2 * FAILOVER_RESET_EVERY));
			}
			default -> {
			}
		}
		return properties;
	}

	/**
	 * How many failover calls the benchmark makes between two resets of the failing
	 * member's breaker.
	 */
	static final int FAILOVER_RESET_EVERY = 1000;

}
