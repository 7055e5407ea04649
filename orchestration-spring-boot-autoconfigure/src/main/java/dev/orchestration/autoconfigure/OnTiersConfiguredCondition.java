package dev.orchestration.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when at least one {@code llm.tiers.*} entry is configured.
 */
class OnTiersConfiguredCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		boolean configured = Binder.get(context.getEnvironment())
			.bind("llm.tiers", Bindable.mapOf(String.class, Object.class))
			.map((tiers) -> !tiers.isEmpty())
			.orElse(false);
		return configured ? ConditionOutcome.match("llm.tiers is configured")
				: ConditionOutcome.noMatch("no llm.tiers configured");
	}

}
