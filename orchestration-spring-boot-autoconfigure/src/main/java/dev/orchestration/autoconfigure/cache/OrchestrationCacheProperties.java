package dev.orchestration.autoconfigure.cache;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.orchestration.autoconfigure.RedisStoreProperties;
import dev.orchestration.autoconfigure.internal.PropertyChecks;
import dev.orchestration.cache.internal.SemanticCacheAdvisor;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of the response caches. Both layers are off by default: a cache changes
 * what callers receive, so it is switched on knowingly.
 */
@ConfigurationProperties(OrchestrationCacheProperties.CONFIG_PREFIX)
public class OrchestrationCacheProperties implements Validator {

	public static final String CONFIG_PREFIX = "llm.cache";

	/** Values of {@code llm.cache.semantic.index}. */
	static final List<String> INDEXES = List.of("local", "vector-store");

	/**
	 * Where entries live: "memory" (this instance only) or "redis" (shared by every
	 * instance through the application's RedisConnectionFactory).
	 */
	private Store store = Store.MEMORY;

	/**
	 * Time to live per task hint, overriding the layer's TTL; 0 means answers of that
	 * task are never cached.
	 */
	private Map<String, Duration> ttlByTask = new LinkedHashMap<>();

	/**
	 * The exact cache.
	 */
	private final Exact exact = new Exact();

	/**
	 * The semantic cache.
	 */
	private final Semantic semantic = new Semantic();

	/**
	 * Bounds of the in-memory store.
	 */
	private final Memory memory = new Memory();

	/**
	 * The Redis store.
	 */
	@NestedConfigurationProperty
	private final RedisStoreProperties redis = RedisStoreProperties.withKeyPrefix("llm:cache:");

	public Store getStore() {
		return this.store;
	}

	public void setStore(Store store) {
		this.store = store;
	}

	public Map<String, Duration> getTtlByTask() {
		return this.ttlByTask;
	}

	public void setTtlByTask(Map<String, Duration> ttlByTask) {
		this.ttlByTask = ttlByTask;
	}

	public Exact getExact() {
		return this.exact;
	}

	public Semantic getSemantic() {
		return this.semantic;
	}

	public Memory getMemory() {
		return this.memory;
	}

	public RedisStoreProperties getRedis() {
		return this.redis;
	}

	@Override
	public boolean supports(Class<?> type) {
		return OrchestrationCacheProperties.class == type;
	}

	@Override
	public void validate(Object target, Errors errors) {
		OrchestrationCacheProperties properties = (OrchestrationCacheProperties) target;
		PropertyChecks checks = PropertyChecks.of(errors);
		properties.getTtlByTask()
			.forEach((task, ttl) -> checks.notNegative("ttl-by-task." + task, ttl,
					"set a TTL of 0 (never cache this task) or more, e.g. 1h"));
		checks.positive("exact.ttl", properties.getExact().getTtl(), "set a TTL greater than zero, e.g. 24h")
			.positive("semantic.ttl", properties.getSemantic().getTtl(), "set a TTL greater than zero, e.g. 24h")
			.aboveAndAtMost("semantic.similarity-threshold", properties.getSemantic().getSimilarityThreshold(), 0, 1,
					"set a cosine similarity between 0 and 1; docs/semantic-cache.md shows hit and false-hit rates "
							+ "per threshold")
			.atLeast("semantic.max-entries", properties.getSemantic().getMaxEntries(), 1, "set 1 or more, e.g. 10000")
			.oneOf("semantic.index", properties.getSemantic().getIndex(), INDEXES)
			.between("semantic.search-probes", properties.getSemantic().getSearchProbes(), 1, 128,
					"set 1 to 128, e.g. 8")
			.atLeast("memory.max-entries", properties.getMemory().getMaxEntries(), 1, "set 1 or more, e.g. 10000")
			.require(properties.getMemory().getMaxSize().toBytes() > 0, "memory.max-size",
					properties.getMemory().getMaxSize(), "the size is not greater than zero", "set a size, e.g. 64MB");
		properties.getRedis().validate(checks, "redis");
	}

	/**
	 * How the local semantic index searches large scopes.
	 */
	public enum Search {

		/** The best entry of the scope, always (a pruned scan). */
		EXACT,

		/** The best entry of the clusters nearest to the question (an inverted file). */
		APPROXIMATE

	}

	/**
	 * Where cache entries live.
	 */
	public enum Store {

		/** In this instance's memory, bounded. */
		MEMORY,

		/** In Redis, shared by every instance. */
		REDIS

	}

	/**
	 * The exact cache: same question, same scope.
	 */
	public static class Exact {

		/**
		 * Whether the exact cache answers requests.
		 */
		private boolean enabled;

		/**
		 * Time to live of entries.
		 */
		private Duration ttl = Duration.ofHours(24);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

	}

	/**
	 * The semantic cache: a question close in meaning, same scope.
	 */
	public static class Semantic {

		/**
		 * Whether the semantic cache answers requests.
		 */
		private boolean enabled;

		/**
		 * Time to live of entries.
		 */
		private Duration ttl = Duration.ofHours(24);

		/**
		 * Cosine similarity (0..1) at or above which a stored question counts as the same
		 * question. Unset, the threshold measured for the embedding model on Quora
		 * question pairs at <= 2 % false hits (docs/semantic-cache.md); lower it only
		 * after measuring your own traffic with the bench, or use the gray zone.
		 */
		private @Nullable Double similarityThreshold;

		/**
		 * Whether candidate hits must also pass the text-overlap verifier (same content
		 * words in the same order, numbers and negations); it rejects most rewordings, so
		 * it is off by default.
		 */
		private boolean verify;

		/**
		 * Maximum vectors in the local semantic index.
		 */
		private int maxEntries = 10_000;

		/**
		 * Where the question vectors are searched: "local" (an in-memory index, kept in
		 * step with Redis when the store is redis) or "vector-store" (a Spring AI
		 * VectorStore bean: Redis Stack, pgvector, Qdrant...).
		 */
		private String index = "local";

		/**
		 * How the local index searches a scope of 4,096 entries or more: "exact" (the
		 * best entry, always) or "approximate" (only the entries of the search-probes
		 * clusters of 128 nearest to the question: faster, and may miss a hit the exact
		 * search would find, never serves one below the threshold).
		 */
		private Search search = Search.EXACT;

		/**
		 * Clusters (of 128) an approximate lookup scans, with search=approximate.
		 */
		private int searchProbes = 8;

		/**
		 * Bean name of the VectorStore for index=vector-store; defaults to the only
		 * VectorStore bean.
		 */
		private @Nullable String vectorStore;

		/**
		 * The embedding model: "built-in" (the in-process default), a built-in model by
		 * id ("all-minilm-l6-v2", "bge-small-en-v1.5", "e5-small-v2"; each needs its
		 * dev.langchain4j jar, nothing is downloaded), or the bean name of a Spring AI
		 * EmbeddingModel. The similarity threshold must be the one measured for that
		 * model.
		 */
		private String embeddingModel = "built-in";

		/**
		 * Longest question, in tokens of the built-in embedding model, compared by
		 * meaning (capped at the model's window). Longer questions, and multi-line
		 * messages whose last line is longer, get the exact cache only, so no hit is ever
		 * served for text the embedding did not see.
		 */
		private int maxQuestionTokens = SemanticCacheAdvisor.DEFAULT_MAX_QUESTION_TOKENS;

		/**
		 * Longest question, in characters, compared by meaning when the embedding model
		 * is a bean that cannot count its tokens; keep it inside that model's window.
		 */
		private int maxQuestionCharacters = SemanticCacheAdvisor.DEFAULT_MAX_QUESTION_CHARACTERS;

		/**
		 * Per-scope thresholds that adapt under a false-hit bound.
		 */
		private final Adaptive adaptive = new Adaptive();

		/**
		 * A second opinion by a cheap tier for candidates just below the threshold.
		 */
		private final GrayZone grayZone = new GrayZone();

		public Adaptive getAdaptive() {
			return this.adaptive;
		}

		public GrayZone getGrayZone() {
			return this.grayZone;
		}

		public int getMaxQuestionTokens() {
			return this.maxQuestionTokens;
		}

		public void setMaxQuestionTokens(int maxQuestionTokens) {
			this.maxQuestionTokens = maxQuestionTokens;
		}

		public int getMaxQuestionCharacters() {
			return this.maxQuestionCharacters;
		}

		public void setMaxQuestionCharacters(int maxQuestionCharacters) {
			this.maxQuestionCharacters = maxQuestionCharacters;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

		public @Nullable Double getSimilarityThreshold() {
			return this.similarityThreshold;
		}

		public void setSimilarityThreshold(@Nullable Double similarityThreshold) {
			this.similarityThreshold = similarityThreshold;
		}

		public boolean isVerify() {
			return this.verify;
		}

		public void setVerify(boolean verify) {
			this.verify = verify;
		}

		public int getMaxEntries() {
			return this.maxEntries;
		}

		public void setMaxEntries(int maxEntries) {
			this.maxEntries = maxEntries;
		}

		public String getIndex() {
			return this.index;
		}

		public Search getSearch() {
			return this.search;
		}

		public void setSearch(Search search) {
			this.search = search;
		}

		public int getSearchProbes() {
			return this.searchProbes;
		}

		public void setSearchProbes(int searchProbes) {
			this.searchProbes = searchProbes;
		}

		public void setIndex(String index) {
			this.index = index;
		}

		public @Nullable String getVectorStore() {
			return this.vectorStore;
		}

		public void setVectorStore(@Nullable String vectorStore) {
			this.vectorStore = vectorStore;
		}

		public String getEmbeddingModel() {
			return this.embeddingModel;
		}

		public void setEmbeddingModel(String embeddingModel) {
			this.embeddingModel = embeddingModel;
		}

	}

	/**
	 * Per-scope similarity thresholds under a false-hit bound
	 * (docs/semantic-cache.md#adaptive-thresholds): each scope starts at the similarity
	 * threshold, rises above any similarity that proved a wrong hit, and falls only where
	 * labelled evidence (gray-zone verdicts, reported hits) bounds the false-hit rate at
	 * the confidence below.
	 */
	public static class Adaptive {

		/**
		 * Whether thresholds adapt per scope; off, the similarity threshold applies
		 * everywhere.
		 */
		private boolean enabled;

		/**
		 * Acceptable share of served semantic hits that answer another question, in (0,
		 * 1).
		 */
		private double falseHitBound = 0.02;

		/**
		 * Confidence of the upper bound on the false-hit rate that relaxing a threshold
		 * requires, in (0.5, 1).
		 */
		private double confidence = 0.95;

		/**
		 * Lowest threshold evidence may relax to; defaults to the gray zone's lower
		 * threshold, or the similarity threshold minus 0.1.
		 */
		private @Nullable Double floor;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public double getFalseHitBound() {
			return this.falseHitBound;
		}

		public void setFalseHitBound(double falseHitBound) {
			this.falseHitBound = falseHitBound;
		}

		public double getConfidence() {
			return this.confidence;
		}

		public void setConfidence(double confidence) {
			this.confidence = confidence;
		}

		public @Nullable Double getFloor() {
			return this.floor;
		}

		public void setFloor(@Nullable Double floor) {
			this.floor = floor;
		}

	}

	/**
	 * The gray zone: a candidate between lower-threshold and the (scope's) similarity
	 * threshold is served only if a cheap tier, asked through structured output, says
	 * both requests ask for the same thing; verdicts are cached per pair and their cost
	 * is counted in the response.
	 */
	public static class GrayZone {

		/**
		 * Whether candidates in the gray zone get a second opinion; off, they are misses.
		 */
		private boolean enabled;

		/**
		 * The tier that answers the yes/no question (a cheap one).
		 */
		private @Nullable String tier;

		/**
		 * Lowest similarity that gets a check; below it, a miss.
		 */
		private double lowerThreshold = 0.85;

		/**
		 * Verdicts kept (one per pair of questions).
		 */
		private int maxVerdicts = 10_000;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getTier() {
			return this.tier;
		}

		public void setTier(@Nullable String tier) {
			this.tier = tier;
		}

		public double getLowerThreshold() {
			return this.lowerThreshold;
		}

		public void setLowerThreshold(double lowerThreshold) {
			this.lowerThreshold = lowerThreshold;
		}

		public int getMaxVerdicts() {
			return this.maxVerdicts;
		}

		public void setMaxVerdicts(int maxVerdicts) {
			this.maxVerdicts = maxVerdicts;
		}

	}

	/**
	 * Bounds of the in-memory store; the least recently used entries go first.
	 */
	public static class Memory {

		/**
		 * Maximum entries held.
		 */
		private int maxEntries = 10_000;

		/**
		 * Maximum estimated size of the entries held.
		 */
		private DataSize maxSize = DataSize.ofMegabytes(64);

		public int getMaxEntries() {
			return this.maxEntries;
		}

		public void setMaxEntries(int maxEntries) {
			this.maxEntries = maxEntries;
		}

		public DataSize getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(DataSize maxSize) {
			this.maxSize = maxSize;
		}

	}

}
