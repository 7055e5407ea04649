package dev.orchestration.autoconfigure.review;

import dev.orchestration.actuate.internal.LlmReviewsEndpoint;
import dev.orchestration.autoconfigure.internal.EndpointPaths;
import dev.orchestration.review.ReviewAdministration;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.web.PathMapper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The {@code llmreviews} endpoint, served at {@code /actuator/llm-reviews} unless the
 * application maps it itself. Read-only unless
 * {@code management.endpoint.llmreviews.access=unrestricted}. Backs off without Actuator
 * or without the review hand-off.
 */
@AutoConfiguration(after = OrchestrationReviewAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(ReviewAdministration.class)
public final class OrchestrationReviewEndpointAutoConfiguration {

	static final String PATH = "llm-reviews";

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(LlmReviewsEndpoint.class)
	LlmReviewsEndpoint llmReviewsEndpoint(ReviewAdministration reviews) {
		return new LlmReviewsEndpoint(reviews);
	}

	/**
	 * Serves {@code llmreviews} at {@code llm-reviews}, but leaves a mapping the
	 * application made to Boot.
	 */
	@Bean
	@ConditionalOnAvailableEndpoint(LlmReviewsEndpoint.class)
	PathMapper llmReviewsPathMapper(Environment environment) {
		return EndpointPaths.unlessMapped(environment, LlmReviewsEndpoint.ID, PATH);
	}

}
