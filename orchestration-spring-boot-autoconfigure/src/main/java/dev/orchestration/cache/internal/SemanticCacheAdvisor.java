package dev.orchestration.cache.internal;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.orchestration.cache.CacheEntry;
import dev.orchestration.cache.CacheHit;
import dev.orchestration.cache.CacheKeyStrategy;
import dev.orchestration.cache.CachePolicy;
import dev.orchestration.cache.CacheScope;
import dev.orchestration.cache.ResponseCacheStore;
import dev.orchestration.cache.semantic.CandidateVerifier;
import dev.orchestration.cache.semantic.SemanticHit;
import dev.orchestration.cache.semantic.SemanticIndex;
import dev.orchestration.cache.semantic.SemanticMatch;
import dev.orchestration.cache.semantic.internal.GrayZone;
import dev.orchestration.cache.semantic.internal.GrayZoneCheck;
import dev.orchestration.cache.semantic.internal.SemanticText;
import dev.orchestration.cache.semantic.internal.SimilarityThresholds;
import dev.orchestration.embedding.internal.EmbeddingWindow;
import dev.orchestration.embedding.internal.OnnxEmbeddingModel;
import dev.orchestration.receipt.RoutingReceipt;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.embedding.EmbeddingModel;

/**
 * The semantic cache: a question close enough in meaning to a stored question of the
 * identical scope gets the stored answer. Only the last user message is compared, and
 * only against entries of the same scope, so a short multi-turn reply ("yes, please") can
 * never hit another conversation's entry. A miss embeds once: the vector of the lookup is
 * reused for the write.
 * <p>
 * No hit is ever served for text the embedding did not see: {@link SemanticText} embeds
 * the last line of a multi-line message and makes everything before it an exact-match
 * part of the partition searched, and a text that does not fit the embedding window gets
 * no semantic lookup (the exact layer still answers repeats).
 * <p>
 * The threshold comes from {@link SimilarityThresholds}: fixed, or adaptive per scope
 * under a false-hit bound. A candidate at or above it is served; with a {@link GrayZone},
 * a candidate between the gray zone's lower bound and the threshold is served only if the
 * zone's check says both ask for the same thing (the verdict is evidence for the
 * thresholds); anything lower is a miss. Feedback on served hits goes to
 * {@link #reportWrongHit(ChatResponse)} and {@link #reportCorrectHit(ChatResponse)}.
 */
public class SemanticCacheAdvisor extends ResponseCacheAdvisor {

	/** Just inside the exact cache, still outside memory and the tool loop. */
	public static final int ORDER = ExactCacheAdvisor.ORDER + 10;

	/** Longest question, in tokens, that the built-in models compare by meaning. */
	public static final int DEFAULT_MAX_QUESTION_TOKENS = 128;

	/**
	 * Longest question, in characters, compared by meaning with an embedding model that
	 * cannot count tokens.
	 */
	public static final int DEFAULT_MAX_QUESTION_CHARACTERS = 1000;

	/**
	 * How far below the threshold a candidate still counts as a rejected near-miss in the
	 * meters.
	 */
	private static final double NEAR_MISS_BAND = 0.05;

	private final ResponseCacheStore store;

	private final SemanticIndex index;

	private final EmbeddingModel embeddingModel;

	private final SimilarityThresholds thresholds;

	private final @Nullable GrayZone grayZone;

	private final CandidateVerifier verifier;

	private final EmbeddingWindow window;

	public SemanticCacheAdvisor(ResponseCacheStore store, SemanticIndex index, EmbeddingModel embeddingModel,
			double threshold, CandidateVerifier verifier, CacheKeyStrategy keys, CachePolicy policy,
			CacheMetrics metrics, Clock clock) {
		this(store, index, embeddingModel, defaultWindow(embeddingModel), SimilarityThresholds.fixed(threshold), null,
				verifier, keys, policy, metrics, clock);
	}

	public SemanticCacheAdvisor(ResponseCacheStore store, SemanticIndex index, EmbeddingModel embeddingModel,
			EmbeddingWindow window, double threshold, CandidateVerifier verifier, CacheKeyStrategy keys,
			CachePolicy policy, CacheMetrics metrics, Clock clock) {
		this(store, index, embeddingModel, window, SimilarityThresholds.fixed(threshold), null, verifier, keys, policy,
				metrics, clock);
	}

	public SemanticCacheAdvisor(ResponseCacheStore store, SemanticIndex index, EmbeddingModel embeddingModel,
			EmbeddingWindow window, SimilarityThresholds thresholds, @Nullable GrayZone grayZone,
			CandidateVerifier verifier, CacheKeyStrategy keys, CachePolicy policy, CacheMetrics metrics, Clock clock) {
		super(keys, policy, metrics, clock, ORDER);
		this.store = store;
		this.index = index;
		this.embeddingModel = embeddingModel;
		this.window = window;
		this.thresholds = thresholds;
		this.grayZone = grayZone;
		this.verifier = verifier;
	}

	/**
	 * The window for a model: {@value #DEFAULT_MAX_QUESTION_TOKENS} tokens for the
	 * built-in models, the model's own for one that implements {@link EmbeddingWindow},
	 * else {@value #DEFAULT_MAX_QUESTION_CHARACTERS} characters.
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
		String scope = lookup.scope.key();
		String partition = text.partition(scope);
		double threshold = this.thresholds.threshold(scope);
		double lower = (this.grayZone != null) ? Math.min(this.grayZone.lower(), threshold) : threshold;
		Optional<SemanticMatch> candidate = this.index.nearest(partition, Objects.requireNonNull(text.embedded()),
				vector(lookup), Math.max(0, Math.min(lower, threshold - NEAR_MISS_BAND)));
		if (candidate.isEmpty()) {
			return Optional.empty();
		}
		SemanticMatch match = candidate.get();
		double similarity = match.similarity();
		if (similarity < lower) {
			this.metrics.nearMiss("below-threshold");
			return Optional.empty();
		}
		Optional<CacheEntry> found = this.store.get(key(lookup.scope, match.entryId()));
		if (found.isEmpty()) {
			this.index.remove(partition, match.entryId());
			return Optional.empty();
		}
		CacheEntry entry = found.get();
		// defence in depth: the partition already guarantees the same context
		SemanticText cached = SemanticText.of(entry.question(), this.window);
		if (!cached.semantic() || !Objects.equals(cached.contextDigest(), text.contextDigest())
				|| !fresh(lookup, entry)) {
			return Optional.empty();
		}
		String cachedQuestion = Objects.requireNonNull(cached.embedded());
		String question = Objects.requireNonNull(text.embedded());
		SemanticHit hit = new SemanticHit(scope, partition, match.entryId(), similarity, threshold);
		if (similarity >= threshold) {
			if (!this.verifier.accept(cachedQuestion, question, similarity)) {
				this.thresholds.wrong(scope, similarity);
				this.metrics.nearMiss("verifier");
				return Optional.empty();
			}
			return Optional.of(decorate(hit(entry, similarity), hit, null));
		}
		GrayZone zone = Objects.requireNonNull(this.grayZone);
		GrayZoneCheck check;
		try {
			check = zone.decide(partition, cachedQuestion, question, similarity);
		}
		catch (RuntimeException ex) {
			this.metrics.nearMiss("gray-zone-failed");
			return Optional.empty();
		}
		lookup.grayZoneCheck = check;
		if (!check.cached()) {
			if (check.same()) {
				this.thresholds.correct(scope, similarity);
			}
			else {
				this.thresholds.wrong(scope, similarity);
			}
		}
		if (!check.same()) {
			this.metrics.nearMiss("gray-zone");
			return Optional.empty();
		}
		return Optional.of(decorate(hit(entry, similarity), hit, check));
	}

	@Override
	protected ChatClientResponse missed(PendingLookup lookup, ChatClientResponse response) {
		GrayZoneCheck check = lookup.grayZoneCheck;
		ChatResponse chatResponse = response.chatResponse();
		if (check == null || chatResponse == null) {
			return response;
		}
		ChatResponse.Builder builder = ChatResponse.builder()
			.from(chatResponse)
			.metadata(GrayZoneCheck.METADATA_KEY, check);
		RoutingReceipt.from(chatResponse)
			.ifPresent((r) -> builder.metadata(RoutingReceipt.METADATA_KEY,
					new RoutingReceipt(r.route(), r.tier(), r.member(), r.model(), r.attempts(),
							r.promptTokens() + check.promptTokens(), r.completionTokens() + check.completionTokens(),
							r.cost() + check.cost(), r.streamed(), r.task(), r.turns(), r.originalCost(),
							r.configVersion())));
		return response.mutate().chatResponse(builder.build()).build();
	}

	private static ChatResponse decorate(ChatResponse response, SemanticHit hit, @Nullable GrayZoneCheck check) {
		ChatResponse.Builder builder = ChatResponse.builder().from(response).metadata(SemanticHit.METADATA_KEY, hit);
		if (check != null) {
			builder.metadata(GrayZoneCheck.METADATA_KEY, check);
		}
		return builder.build();
	}

	/**
	 * Feedback: a served semantic hit answered another question. Its scope's threshold
	 * rises above the hit's similarity. Responses that are not semantic hits are ignored.
	 * @param response the response the caller got
	 * @return whether the response was a semantic hit and the report was recorded
	 */
	public boolean reportWrongHit(ChatResponse response) {
		Optional<SemanticHit> hit = SemanticHit.from(response);
		hit.ifPresent((h) -> this.thresholds.wrong(h.scope(), h.similarity()));
		return hit.isPresent();
	}

	/**
	 * Feedback: a served semantic hit answered the question. Evidence that lets the
	 * scope's threshold relax once enough has accumulated.
	 * @param response the response the caller got
	 * @return whether the response was a semantic hit and the report was recorded
	 */
	public boolean reportCorrectHit(ChatResponse response) {
		Optional<SemanticHit> hit = SemanticHit.from(response);
		hit.ifPresent((h) -> this.thresholds.correct(h.scope(), h.similarity()));
		return hit.isPresent();
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

	/** The threshold of a scope without evidence (the fixed or initial one). */
	public double getThreshold() {
		return this.thresholds.threshold("");
	}

	public SimilarityThresholds getThresholds() {
		return this.thresholds;
	}

	public @Nullable GrayZone getGrayZone() {
		return this.grayZone;
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
