package dev.orchestration.cache;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.orchestration.cache.semantic.CandidateVerifier;
import dev.orchestration.cache.semantic.SemanticIndex;
import dev.orchestration.cache.semantic.SemanticMatch;
import dev.orchestration.cache.semantic.SemanticText;
import dev.orchestration.embedding.EmbeddingWindow;
import dev.orchestration.embedding.OnnxEmbeddingModel;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.core.Ordered;

/**
 * The semantic cache: a question close enough in meaning to a stored question of the identical scope gets the
 * stored answer. Only the last user message is compared, and only against entries of the same scope, so a short
 * multi-turn reply ("yes, please") can never hit another conversation's entry. A miss embeds once: the vector of the
 * lookup is reused for the write.
 * <p>
 * No hit is ever served for text the embedding did not see: {@link SemanticText} embeds the last line of a
 * multi-line message and makes everything before it an exact-match part of the partition searched, and a text that
 * does not fit the embedding window gets no semantic lookup (the exact layer still answers repeats).
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

	private final EmbeddingWindow window;

	public SemanticCacheAdvisor(ResponseCacheStore store, SemanticIndex index, EmbeddingModel embeddingModel,
			double threshold, CandidateVerifier verifier, CacheKeyStrategy keys, CachePolicy policy,
			CacheMetrics metrics, Clock clock) {
		this(store, index, embeddingModel, defaultWindow(embeddingModel), threshold, verifier, keys, policy, metrics,
				clock);
	}

	public SemanticCacheAdvisor(ResponseCacheStore store, SemanticIndex index, EmbeddingModel embeddingModel,
			EmbeddingWindow window, double threshold, CandidateVerifier verifier, CacheKeyStrategy keys,
			CachePolicy policy, CacheMetrics metrics, Clock clock) {
		super(keys, policy, metrics, clock, ORDER);
		this.store = store;
		this.index = index;
		this.embeddingModel = embeddingModel;
		this.window = window;
		this.threshold = threshold;
		this.verifier = verifier;
	}

	/** Longest question, in tokens, that the built-in models compare by meaning. */
	public static final int DEFAULT_MAX_QUESTION_TOKENS = 128;

	/** Longest question, in characters, compared by meaning with an embedding model that cannot count tokens. */
	public static final int DEFAULT_MAX_QUESTION_CHARACTERS = 1000;

	/**
	 * The window for a model: {@value #DEFAULT_MAX_QUESTION_TOKENS} tokens for the built-in models, the model's own
	 * for one that implements {@link EmbeddingWindow}, else {@value #DEFAULT_MAX_QUESTION_CHARACTERS} characters.
	 */
	public static EmbeddingWindow defaultWindow(EmbeddingModel model) {
		if (model instanceof OnnxEmbeddingModel onnx) {
			return onnx.window(DEFAULT_MAX_QUESTION_TOKENS);
		}
		if (model instanceof EmbeddingWindow window) {
			return window;
		}
		return EmbeddingWindow.characters(DEFAULT_MAX_QUESTION_CHARACTERS);
	}

	@Override
	protected String layer() {
		return CacheHit.SEMANTIC;
	}

	@Override
	protected Optional<ChatResponse> read(PendingLookup lookup) {
		SemanticText text = semanticText(lookup);
		if (!text.semantic()) {
			this.metrics.semanticSkipped("beyond-window");
			return Optional.empty();
		}
		String partition = text.partition(lookup.scope.key());
		Optional<SemanticMatch> candidate = this.index.nearest(partition, Objects.requireNonNull(text.embedded()), vector(lookup),
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
			this.index.remove(partition, match.entryId());
			return Optional.empty();
		}
		// defence in depth: the partition already guarantees the same context
		SemanticText cached = SemanticText.of(entry.get().question(), this.window);
		if (!cached.semantic() || !Objects.equals(cached.contextDigest(), text.contextDigest())) {
			return Optional.empty();
		}
		if (!this.verifier.accept(Objects.requireNonNull(cached.embedded()), Objects.requireNonNull(text.embedded()),
				match.similarity())) {
			this.metrics.nearMiss("verifier");
			return Optional.empty();
		}
		return entry.filter((e) -> fresh(lookup, e)).map((e) -> hit(e, match.similarity()));
	}

	@Override
	protected void write(PendingLookup lookup, CacheEntry entry) {
		SemanticText text = semanticText(lookup);
		if (!text.semantic()) {
			return;
		}
		String id = UUID.randomUUID().toString();
		this.store.put(key(lookup.scope, id), entry, lookup.ttl);
		this.index.add(text.partition(lookup.scope.key()), id, Objects.requireNonNull(text.embedded()), vector(lookup),
				this.clock.instant().plus(lookup.ttl));
	}

	public double getThreshold() {
		return this.threshold;
	}

	public EmbeddingModel getEmbeddingModel() {
		return this.embeddingModel;
	}

	private SemanticText semanticText(PendingLookup lookup) {
		if (lookup.semanticText == null) {
			lookup.semanticText = SemanticText.of(lookup.question, this.window);
		}
		return lookup.semanticText;
	}

	private float[] vector(PendingLookup lookup) {
		if (lookup.vector == null) {
			lookup.vector = this.embeddingModel.embed(Objects.requireNonNull(semanticText(lookup).embedded()));
		}
		return lookup.vector;
	}

	static String key(CacheScope scope, String entryId) {
		return scope.key() + ":s:" + entryId;
	}

}
