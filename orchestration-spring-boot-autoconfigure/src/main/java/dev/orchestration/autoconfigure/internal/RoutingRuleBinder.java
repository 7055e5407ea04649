package dev.orchestration.autoconfigure.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.orchestration.autoconfigure.InvalidOrchestrationConfigurationException;
import dev.orchestration.autoconfigure.OrchestrationProperties;
import dev.orchestration.routing.RoutingRule;
import dev.orchestration.routing.Tiers;
import org.jspecify.annotations.Nullable;

/**
 * Binds rule and tier properties to routing objects, failing start-up with the property
 * and the fix: shared by the live routing, the cascade and the shadow candidate
 * configuration.
 */
public final class RoutingRuleBinder {

	private RoutingRuleBinder() {
	}

	/** Rules of a {@code rules} list property such as {@code llm.routing.rules}. */
	public static List<RoutingRule> rules(String property, List<OrchestrationProperties.Rule> configured, Tiers tiers) {
		List<RoutingRule> rules = new ArrayList<>();
		for (int i = 0; i < configured.size(); i++) {
			OrchestrationProperties.Rule rule = configured.get(i);
			String prefix = property + "[" + i + "]";
			String tier = requireTier(tiers, prefix + ".tier", rule.getTier());
			OrchestrationProperties.When when = rule.getWhen();
			rules.add(
					new RoutingRule(i, tier, when.getMaxInputTokens(), when.getMinInputTokens(), when.getContainsCode(),
							pattern(prefix + ".when.pattern", when.getPattern()), when.getTask(), when.getMetadata()));
		}
		return rules;
	}

	/** The tier a property names, which must be configured. */
	public static String requireTier(Tiers tiers, String property, @Nullable String name) {
		if (name == null || !tiers.contains(name)) {
			throw new InvalidOrchestrationConfigurationException(property,
					(name == null) ? "no tier is named" : "there is no tier named '" + name + "'",
					"use one of the configured tiers " + tiers.names());
		}
		return name;
	}

	/** The regex a property holds, compiled. */
	public static @Nullable Pattern pattern(String property, @Nullable String regex) {
		if (regex == null) {
			return null;
		}
		try {
			return Pattern.compile(regex);
		}
		catch (PatternSyntaxException ex) {
			throw new InvalidOrchestrationConfigurationException(property,
					"'" + regex + "' is not a valid regular expression (" + ex.getDescription() + " near index "
							+ ex.getIndex() + ")",
					"correct the regex (Java syntax; in YAML quote it with single quotes)");
		}
	}

}
