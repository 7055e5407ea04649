package dev.orchestration.autoconfigure;

import java.util.Set;
import java.util.TreeSet;

import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.Tiers;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;

/**
 * Explains a missing {@link RoutingChatClient} or {@link RoutingChatModel} bean: the
 * router exists only when {@code llm.tiers} is configured, and a missing or misspelt key
 * otherwise ends in Spring's generic "required a bean of type ... that could not be
 * found".
 */
class NoTiersFailureAnalyzer extends AbstractFailureAnalyzer<NoSuchBeanDefinitionException> implements Ordered {

	static final String EXAMPLE = """
			llm:
			  tiers:
			    small:
			      models:
			        - chat-model: openAiChatModel   # a ChatModel bean, e.g. from spring-ai-starter-model-openai
			          model: gpt-4o-mini""";

	private static final Set<Class<?>> ROUTER_TYPES = Set.of(RoutingChatClient.class, RoutingChatModel.class,
			Tiers.class);

	private static final Set<String> KNOWN_KEYS = Set.of("enabled", "tiers", "routing", "resilience", "observability",
			"cache", "budget", "cascade", "shadow", "providers");

	private final Environment environment;

	NoTiersFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause) {
		ResolvableType type = cause.getResolvableType();
		Class<?> missing = (type != null) ? type.resolve() : cause.getBeanType();
		if (missing == null || !ROUTER_TYPES.contains(missing)) {
			return null;
		}
		String why = "false".equalsIgnoreCase(this.environment.getProperty("llm.enabled"))
				? "the router is switched off (llm.enabled=false)"
				: "no tier is configured: the router is created from llm.tiers, and no llm.tiers.* property is set";
		Set<String> nearMisses = nearMisses();
		String description = "A " + missing.getSimpleName() + " bean was required but none exists, because " + why + "."
				+ (nearMisses.isEmpty() ? ""
						: " These llm.* properties are not keys of the starter (misspelt?): " + nearMisses + ".");
		String action = "Configure at least one tier under llm.tiers (or remove llm.enabled=false), for example:\n\n"
				+ EXAMPLE + "\n\nSee docs/configuration.md for every key.";
		return new FailureAnalysis(description, action, cause);
	}

	private Set<String> nearMisses() {
		Set<String> names = new TreeSet<>();
		ConfigurationPropertyName root = ConfigurationPropertyName.of(OrchestrationProperties.CONFIG_PREFIX);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.stream()
					.filter((name) -> root.isAncestorOf(name) && name.getNumberOfElements() > 1)
					.filter((name) -> !KNOWN_KEYS.contains(name.getElement(1, ConfigurationPropertyName.Form.UNIFORM)))
					.limit(5)
					.forEach((name) -> names.add(name.toString()));
			}
		}
		return names;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
