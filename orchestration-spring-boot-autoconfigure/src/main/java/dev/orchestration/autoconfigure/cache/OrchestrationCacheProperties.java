package dev.orchestration.autoconfigure.cache;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.orchestration.autoconfigure.PropertyChecks;
import dev.orchestration.autoconfigure.RedisStoreProperties;
import dev.orchestration.cache.semantic.SemanticCacheDefaults;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of the response caches. Both layers are off by default: a cache changes what callers receive, so
 * it is switched on knowingly.
 */
@ConfigurationProperties(OrchestrationCacheProperties.CONFIG_PREFIX)
public class OrchestrationCacheProperties implements Validator {

	public static final String CONFIG_PREFIX = "llm.cache";

	/** Values of {@code llm.cache.semantic.index}. */
	static final List<String> INDEXES = List.of("local", "vector-store");

	/**
	 * Where entries live: "memory" (this instance only) or "redis" (shared by every instance through the
	 * application's RedisConnectionFactory).
	 */
	private Store store = Store.MEMORY;

	/**
	 * Time to live per task hint, overriding the layer's TTL; 0 means answers of that task are never cached.
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
			.atLeast("memory.max-entries", properties.getMemory().getMaxEntries(), 1, "set 1 or more, e.g. 10000")
			.require(properties.getMemory().getMaxSize().toBytes() > 0, "memory.max-size",
					properties.getMemory().getMaxSize(), "the size is not greater than zero", "set a size, e.g. 64MB");
		properties.getRedis().validate(checks, "redis");
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
		 * Cosine similarity (0..1) at or above which a stored question counts as the same question. The default,
		 * 0.993, keeps false hits on Quora question pairs at 1.4 % (hit rate 4.4 %); lower it only after measuring
		 * your own traffic with the bench (docs/semantic-cache.md).
		 */
		private double similarityThreshold = SemanticCacheDefaults.SIMILARITY_THRESHOLD;

		/**
		 * Whether candidate hits must also pass the text-overlap verifier (same content words in the same order,
		 * numbers and negations); it rejects most rewordings, so it is off by default.
		 */
		private boolean verify;

		/**
		 * Maximum vectors in the local semantic index.
		 */
		private int maxEntries = 10_000;

		/**
		 * Where the question vectors are searched: "local" (an in-memory index, kept in step with Redis when the
		 * store is redis) or "vector-store" (a Spring AI VectorStore bean: Redis Stack, pgvector, Qdrant...).
		 */
		private String index = "local";

		/**
		 * Bean name of the VectorStore for index=vector-store; defaults to the only VectorStore bean.
		 */
		private @Nullable String vectorStore;

		/**
		 * Bean name of a Spring AI EmbeddingModel to use, or "built-in" for the in-process all-MiniLM-L6-v2.
		 */
		private String embeddingModel = "built-in";

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

		public double getSimilarityThreshold() {
			return this.similarityThreshold;
		}

		public void setSimilarityThreshold(double similarityThreshold) {
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
