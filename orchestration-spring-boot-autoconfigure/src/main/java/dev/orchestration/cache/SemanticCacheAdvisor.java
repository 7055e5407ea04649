package dev.orchestration.cache;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import dev.orchestration.cache.semantic.CandidateVerifier;
import dev.orchestration.cache.semantic.SemanticIndex;
import dev.orchestration.cache.semantic.SemanticMatch;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.core.Ordered;

/**
 * The semantic cache: a question close enough in meaning to a stored question of the identical scope gets the
 * stored answer. Only the last user message is compared, and only against entries of the same scope, so a short
 * multi-turn reply ("yes, please") can never hit another conversation's entry. A miss embeds once: the vector of the
 * lookup is reused for the write.
 */
public class SemanticCacheAdvisor extends ResponseCacheAdvisor {

	/** Just inside the exact cache, still outside memory and the tool loop. */
	public static final int ORDER = ExactCacheAdvisor.ORDER + 10;

	/** How far below the threshold a candidate still counts as a rejected near-miss in the meters. */
	private static final double NEAR_MISS_BAND = 0.05;

	private final ResponseCacheStore store;

	private final SemanticIndex index;

	private final EmbeddingModel embeddingModel;

	private final double threshold;

	private final CandidateVerifier verifier;

	public SemanticCacheAdvisor(ResponseCacheStore store, SemanticIndex index, EmbeddingModel embeddingModel,
			double threshold, CandidateVerifier verifier, CacheKeyStrategy keys, CachePolicy policy,
			CacheMetrics metrics, Clock clock) {
		super(keys, policy, metrics, clock, ORDER);
		this.store = store;
		this.index = index;
		this.embeddingModel = embeddingModel;
		this.threshold = threshold;
		this.verifier = verifier;
	}

	@Override
	protected String layer() {
		return CacheHit.SEMANTIC;
	}

	@Override
	protected Optional<ChatResponse> read(PendingLookup lookup) {
		Optional<SemanticMatch> candidate = this.index.nearest(lookup.scope.key(), lookup.question, vector(lookup),
				Math.max(0, this.threshold - NEAR_MISS_BAND));
		if (candidate.isEmpty()) {
			return Optional.empty();
		}
		SemanticMatch match = candidate.get();
		if (match.similarity() < this.threshold) {
			this.metrics.nearMiss("below-threshold");
			return Optional.empty();
		}
		Optional<CacheEntry> entry = this.store.get(key(lookup.scope, match.entryId()));
		if (entry.isEmpty()) {
			this.index.remove(lookup.scope.key(), match.entryId());
			return Optional.empty();
		}
		if (!this.verifier.accept(entry.get().question(), lookup.question, match.similarity())) {
			this.metrics.nearMiss("verifier");
			return Optional.empty();
		}
		return entry.filter((e) -> fresh(lookup, e)).map((e) -> hit(e, match.similarity()));
	}

	@Override
	protected void write(PendingLookup lookup, CacheEntry entry) {
		String id = UUID.randomUUID().toString();
		this.store.put(key(lookup.scope, id), entry, lookup.ttl);
		this.index.add(lookup.scope.key(), id, lookup.question, vector(lookup), this.clock.instant().plus(lookup.ttl));
	}

	public double getThreshold() {
		return this.threshold;
	}

	private float[] vector(PendingLookup lookup) {
		if (lookup.vector == null) {
			lookup.vector = this.embeddingModel.embed(lookup.question);
		}
		return lookup.vector;
	}

	static String key(CacheScope scope, String entryId) {
		return scope.key() + ":s:" + entryId;
	}

}
