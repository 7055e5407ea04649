package dev.orchestration.autoconfigure.provider;

import dev.orchestration.autoconfigure.OrchestrationAutoConfiguration;
import dev.orchestration.routing.Tiers;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;

/**
 * The start-up check that tier members' Spring AI clients do not retry on their own
 * ({@link ClientRetriesCheck}).
 */
@AutoConfiguration(after = OrchestrationAutoConfiguration.class)
@ConditionalOnBean(Tiers.class)
public final class OrchestrationClientRetriesAutoConfiguration {

	@Bean
	ClientRetriesCheck llmClientRetriesCheck(Tiers tiers) {
		return new ClientRetriesCheck(tiers);
	}

}
