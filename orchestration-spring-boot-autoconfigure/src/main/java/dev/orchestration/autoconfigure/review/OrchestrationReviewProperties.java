package dev.orchestration.autoconfigure.review;

import java.time.Duration;

import dev.orchestration.autoconfigure.RedisStoreProperties;
import dev.orchestration.autoconfigure.internal.PropertyChecks;
import dev.orchestration.review.ReviewDelivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Human review of cascaded answers: when answers go to review, what the caller then gets,
 * and where reviews wait. Per task: {@code llm.cascade.tasks.<task>.review.*}.
 */
@ConfigurationProperties(OrchestrationReviewProperties.CONFIG_PREFIX)
public class OrchestrationReviewProperties implements Validator {

	public static final String CONFIG_PREFIX = "llm.review";

	/**
	 * Whether answers can be handed to human review (needs llm.cascade.enabled=true).
	 */
	private boolean enabled;

	/**
	 * Whether an answer that failed every allowed cascade step goes to review, for tasks
	 * that do not say.
	 */
	private boolean onUnverified = true;

	/**
	 * What the caller gets when its answer goes to review, for tasks that do not say:
	 * flag (the best answer, flagged in the cascade receipt) or exception (a
	 * ReviewRequiredException carrying the review id and receipt).
	 */
	private ReviewDelivery delivery = ReviewDelivery.FLAG;

	/**
	 * Whether a review keeps the request's last user message (needed to export it as an
	 * evaluation case). Prompts then appear on the llmreviews endpoint and in the queue's
	 * store.
	 */
	private boolean includePrompt;

	/**
	 * Where reviews wait: memory (this instance only) or redis (a Redis Stream shared by
	 * every instance through the application's RedisConnectionFactory).
	 */
	private Store store = Store.MEMORY;

	/**
	 * The most reviews kept, open or resolved; when full the oldest is dropped (and
	 * counted as llm.review.evicted).
	 */
	private int capacity = 10_000;

	/**
	 * Redis store: the most reviews an instance holds while Redis is unavailable (then
	 * dropped, still flagged and published as events).
	 */
	private int holdCapacity = 1_000;

	/**
	 * Redis store: how long a resolution is kept.
	 */
	private Duration retention = Duration.ofDays(30);

	/**
	 * The Redis store.
	 */
	@NestedConfigurationProperty
	private final RedisStoreProperties redis = RedisStoreProperties.withKeyPrefix("llm:review:");

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isOnUnverified() {
		return this.onUnverified;
	}

	public void setOnUnverified(boolean onUnverified) {
		this.onUnverified = onUnverified;
	}

	public ReviewDelivery getDelivery() {
		return this.delivery;
	}

	public void setDelivery(ReviewDelivery delivery) {
		this.delivery = delivery;
	}

	public boolean isIncludePrompt() {
		return this.includePrompt;
	}

	public void setIncludePrompt(boolean includePrompt) {
		this.includePrompt = includePrompt;
	}

	public Store getStore() {
		return this.store;
	}

	public void setStore(Store store) {
		this.store = store;
	}

	public int getCapacity() {
		return this.capacity;
	}

	public void setCapacity(int capacity) {
		this.capacity = capacity;
	}

	public int getHoldCapacity() {
		return this.holdCapacity;
	}

	public void setHoldCapacity(int holdCapacity) {
		this.holdCapacity = holdCapacity;
	}

	public Duration getRetention() {
		return this.retention;
	}

	public void setRetention(Duration retention) {
		this.retention = retention;
	}

	public RedisStoreProperties getRedis() {
		return this.redis;
	}

	@Override
	public boolean supports(Class<?> type) {
		return OrchestrationReviewProperties.class == type;
	}

	@Override
	public void validate(Object target, Errors errors) {
		OrchestrationReviewProperties properties = (OrchestrationReviewProperties) target;
		PropertyChecks checks = PropertyChecks.of(errors)
			.atLeast("capacity", properties.getCapacity(), 1, "set 1 or more, e.g. 10000")
			.atLeast("hold-capacity", properties.getHoldCapacity(), 0, "set 0 (drop while Redis is down) or more")
			.positive("retention", properties.getRetention(), "set a duration greater than zero, e.g. 30d");
		properties.getRedis().validate(checks, "redis");
	}

	/** Where reviews wait. */
	public enum Store {

		/** This instance's memory. */
		MEMORY,

		/** A Redis Stream shared by every instance. */
		REDIS

	}

}
