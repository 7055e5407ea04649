package dev.orchestration.cache.internal;

import java.time.Duration;

import dev.orchestration.cache.CacheControl;
import dev.orchestration.cache.CacheScope;
import dev.orchestration.cache.semantic.internal.GrayZoneCheck;
import dev.orchestration.cache.semantic.internal.SemanticText;
import org.jspecify.annotations.Nullable;

/**
 * What a cache layer worked out about one request before calling on: its scope, question,
 * TTL and controls, and, for the semantic layer, the question's embedding (computed once
 * and reused for the write).
 */
final class PendingLookup {

	final CacheScope scope;

	final String question;

	final Duration ttl;

	final CacheControl control;

	@Nullable float[] vector;

	/** The exact layer's store key (worked out once per request). */
	@Nullable String exactKey;

	/**
	 * What the semantic layer compares for the question (worked out once per request).
	 */
	@Nullable SemanticText semanticText;

	/** The gray-zone check the semantic layer made for this request, if any. */
	@Nullable GrayZoneCheck grayZoneCheck;

	PendingLookup(CacheScope scope, String question, Duration ttl, CacheControl control) {
		this.scope = scope;
		this.question = question;
		this.ttl = ttl;
		this.control = control;
	}

	/**
	 * The same lookup with another TTL (the task inferred downstream may have its own),
	 * keeping the embedding.
	 */
	PendingLookup withTtl(Duration other) {
		if (other.equals(this.ttl)) {
			return this;
		}
		PendingLookup copy = new PendingLookup(this.scope, this.question, other, this.control);
		copy.vector = this.vector;
		copy.exactKey = this.exactKey;
		return copy;
	}

}
