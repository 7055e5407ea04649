package dev.orchestration.autoconfigure;

import java.time.Duration;

import dev.orchestration.autoconfigure.internal.PropertyChecks;

/**
 * Settings of a Redis-backed store (the caches, the budgets): key prefix, time bound of
 * one call, and how long Redis is left alone after a failure.
 */
public class RedisStoreProperties {

	/**
	 * Prefix of every key (and pub/sub channel), so several applications can share one
	 * Redis. On Redis Cluster put a hash tag in the budget prefix (for example
	 * "{llm-budget}:"): one script updates several counters together.
	 */
	private String keyPrefix = "llm:";

	/**
	 * Upper bound of one Redis call; a slower call counts as a failure (a cache miss,
	 * local budget accounting).
	 */
	private Duration timeout = Duration.ofMillis(250);

	/**
	 * How long Redis is left alone after a failure before it is tried again.
	 */
	private Duration retryInterval = Duration.ofSeconds(5);

	/** Settings whose key prefix defaults to the given one. */
	public static RedisStoreProperties withKeyPrefix(String keyPrefix) {
		RedisStoreProperties properties = new RedisStoreProperties();
		properties.setKeyPrefix(keyPrefix);
		return properties;
	}

	/**
	 * Checks the settings bound under {@code prefix} (relative to the properties class,
	 * e.g. {@code redis}).
	 */
	public void validate(PropertyChecks checks, String prefix) {
		checks.positive(prefix + ".timeout", this.timeout, "set a bound greater than zero, e.g. 250ms")
			.positive(prefix + ".retry-interval", this.retryInterval, "set a duration greater than zero, e.g. 5s");
	}

	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Duration getRetryInterval() {
		return this.retryInterval;
	}

	public void setRetryInterval(Duration retryInterval) {
		this.retryInterval = retryInterval;
	}

}
