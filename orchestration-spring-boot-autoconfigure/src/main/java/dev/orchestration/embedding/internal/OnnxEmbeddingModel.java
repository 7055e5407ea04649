package dev.orchestration.embedding.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.orchestration.embedding.BuiltInEmbeddingModel;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingResponseMetadata;

/**
 * A Spring AI {@link EmbeddingModel} running one of the {@link BuiltInEmbeddingModel
 * built-in} quantized sentence encoders in process and offline (all-MiniLM-L6-v2 by
 * default, BGE-small-en-v1.5, E5-small-v2).
 * <p>
 * The ONNX model and its {@code tokenizer.json} come from the model's jar on the
 * classpath; inference runs on onnxruntime, tokenization on DJL's Hugging Face tokenizer
 * (Rust, bundled native library). Each model gets its own pooling (mean or CLS), its
 * prefix ({@code embed(String)} and {@link #call} use the model's similarity prefix,
 * {@code embed(Document)} its passage prefix, {@link #embedQuery(String)} its
 * retrieval-query prefix) and its window; vectors are L2-normalised, so cosine similarity
 * equals the dot product. Nothing is downloaded: DJL extracts its bundled
 * {@code libtokenizers} to its cache directory ({@code ~/.djl.ai} unless the
 * {@code DJL_CACHE_DIR} system property or environment variable points elsewhere; set it
 * when the home directory is read-only) and onnxruntime extracts its library to
 * {@code java.io.tmpdir}.
 * <p>
 * <strong>Long texts are truncated, not averaged:</strong> the model sees the first
 * {@link #maxTokens()} tokens (prefix and special tokens included) and nothing after
 * them. Callers that must not act on text the vector does not represent ask
 * {@link #fits(String)} first, as the semantic cache does; {@link #window(int)} gives a
 * smaller budget.
 * <p>
 * Cost, measured on the project's 2-core machine: the model loads once per JVM and model
 * (about 1 s); then a few milliseconds per short text on one thread (see
 * docs/semantic-cache.md for each model). Thread-safe: the ONNX session and the tokenizer
 * are shared and safe for concurrent use; a single text is embedded on the calling
 * thread, a batch of several texts is spread over the executor.
 */
public final class OnnxEmbeddingModel implements EmbeddingModel, EmbeddingWindow {

	/** Name reported in response metadata by the default model. */
	public static final String MODEL_NAME = BuiltInEmbeddingModel.ALL_MINILM_L6_V2.modelName();

	/** Dimensions of the vectors the built-in models produce. */
	public static final int DIMENSIONS = 384;

	/**
	 * Texts longer than this many characters per window token cannot fit: they are cut
	 * before tokenizing.
	 */
	private static final int MAX_CHARACTERS_PER_TOKEN = 16;

	private static final Map<BuiltInEmbeddingModel, Runtime> RUNTIMES = new EnumMap<>(BuiltInEmbeddingModel.class);

	private final BuiltInEmbeddingModel model;

	private final Runtime runtime;

	private final Executor executor;

	/**
	 * Creates the default model (all-MiniLM-L6-v2) whose batches run on a shared pool of
	 * daemon threads, one per available processor.
	 */
	public OnnxEmbeddingModel() {
		this(BuiltInEmbeddingModel.ALL_MINILM_L6_V2, SharedPool.INSTANCE);
	}

	/**
	 * Creates the default model (all-MiniLM-L6-v2) whose batches run on the given
	 * executor (use {@code Runnable::run} to stay on the caller's thread).
	 * @param executor the executor that embeds the texts of a batch in parallel
	 */
	public OnnxEmbeddingModel(Executor executor) {
		this(BuiltInEmbeddingModel.ALL_MINILM_L6_V2, executor);
	}

	/**
	 * Creates the given model on the shared pool.
	 * @param model the built-in model; its jar must be on the classpath
	 */
	public OnnxEmbeddingModel(BuiltInEmbeddingModel model) {
		this(model, SharedPool.INSTANCE);
	}

	/**
	 * Creates the given model whose batches run on the given executor.
	 * @param model the built-in model; its jar must be on the classpath
	 * @param executor the executor that embeds the texts of a batch in parallel
	 */
	public OnnxEmbeddingModel(BuiltInEmbeddingModel model, Executor executor) {
		this.model = Objects.requireNonNull(model, "model");
		this.executor = Objects.requireNonNull(executor, "executor");
		this.runtime = runtime(model);
	}

	/** The model this instance runs. */
	public BuiltInEmbeddingModel model() {
		return this.model;
	}

	/**
	 * Longest input the model sees, in tokens, its prefix and special tokens included.
	 */
	public int maxTokens() {
		return this.model.maxTokens();
	}

	@Override
	public EmbeddingResponse call(EmbeddingRequest request) {
		EmbeddingOptions options = request.getOptions();
		Integer requestedDimensions = (options != null) ? options.getDimensions() : null;
		if (requestedDimensions != null && requestedDimensions != DIMENSIONS) {
			throw new IllegalArgumentException(
					this.model.modelName() + " produces " + DIMENSIONS + " dimensions, not " + requestedDimensions);
		}
		List<String> texts = request.getInstructions();
		if (texts.isEmpty()) {
			return new EmbeddingResponse(List.of(),
					new EmbeddingResponseMetadata(this.model.modelName(), new DefaultUsage(0, 0)));
		}
		for (String text : texts) {
			requireText(text);
		}
		List<Vector> vectors = new ArrayList<>(texts.size());
		if (texts.size() == 1) {
			vectors.add(encode(this.model.similarityPrefix(), texts.get(0)));
		}
		else {
			List<CompletableFuture<Vector>> futures = new ArrayList<>(texts.size());
			for (String text : texts) {
				futures.add(CompletableFuture.supplyAsync(() -> encode(this.model.similarityPrefix(), text),
						this.executor));
			}
			for (CompletableFuture<Vector> future : futures) {
				try {
					vectors.add(future.join());
				}
				catch (CompletionException ex) {
					throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : ex;
				}
			}
		}
		List<Embedding> embeddings = new ArrayList<>(vectors.size());
		int inputTokens = 0;
		for (int i = 0; i < vectors.size(); i++) {
			embeddings.add(new Embedding(vectors.get(i).values, i));
			inputTokens += vectors.get(i).tokens;
		}
		return new EmbeddingResponse(embeddings,
				new EmbeddingResponseMetadata(this.model.modelName(), new DefaultUsage(inputTokens, 0, inputTokens)));
	}

	@Override
	public float[] embed(String text) {
		return encode(this.model.similarityPrefix(), requireText(text)).values;
	}

	@Override
	public float[] embed(Document document) {
		String text = getEmbeddingContent(document);
		return encode(this.model.passagePrefix(), requireText(text)).values;
	}

	/**
	 * Embeds a short query to be searched against passages embedded with
	 * {@code embed(Document)} (adds BGE's query instruction, E5's "query: ").
	 * @param query the query
	 * @return the normalised vector
	 */
	public float[] embedQuery(String query) {
		return encode(this.model.retrievalQueryPrefix(), requireText(query)).values;
	}

	@Override
	public int dimensions() {
		return DIMENSIONS;
	}

	@Override
	public boolean fits(String text) {
		return tokenCount(text, this.model.maxTokens()) <= this.model.maxTokens();
	}

	/**
	 * A window of at most {@code maxTokens} tokens (capped at the model's own): a text
	 * fits when {@code embed(String)} would see all of it in no more than that many
	 * tokens, prefix and special tokens included.
	 * @param maxTokens the budget in tokens
	 * @return the window
	 */
	public EmbeddingWindow window(int maxTokens) {
		if (maxTokens < 3) {
			throw new IllegalArgumentException("maxTokens must be at least 3, was " + maxTokens);
		}
		int budget = Math.min(maxTokens, this.model.maxTokens());
		return (text) -> tokenCount(text, budget) <= budget;
	}

	/**
	 * The number of tokens {@code embed(String)} would feed the model for the text
	 * (prefix and special tokens included), or a number above {@code limit} when the text
	 * is longer than the limit (it is not fully counted).
	 */
	private int tokenCount(String text, int limit) {
		String prefixed = this.model.similarityPrefix() + text;
		if (prefixed.length() > (long) limit * MAX_CHARACTERS_PER_TOKEN) {
			return limit + 1;
		}
		Encoding encoding = this.runtime.tokenizer.encode(prefixed, true, false);
		return encoding.exceedMaxLength() ? this.model.maxTokens() + 1 : encoding.getIds().length;
	}

	private Vector encode(String prefix, String text) {
		String prefixed = prefix + text;
		int cut = this.model.maxTokens() * MAX_CHARACTERS_PER_TOKEN;
		if (prefixed.length() > cut) {
			prefixed = prefixed.substring(0, cut);
		}
		Encoding encoding = this.runtime.tokenizer.encode(prefixed, true, false);
		long[] ids = encoding.getIds();
		try {
			Map<String, OnnxTensor> inputs = new HashMap<>();
			try {
				inputs.put("input_ids", OnnxTensor.createTensor(this.runtime.environment, new long[][] { ids }));
				inputs.put("attention_mask", OnnxTensor.createTensor(this.runtime.environment,
						new long[][] { encoding.getAttentionMask() }));
				if (this.runtime.tokenTypeIds) {
					inputs.put("token_type_ids",
							OnnxTensor.createTensor(this.runtime.environment, new long[][] { encoding.getTypeIds() }));
				}
				try (OrtSession.Result result = this.runtime.session.run(inputs)) {
					float[][] tokens = ((float[][][]) result.get(0).getValue())[0];
					return new Vector(normalise(pool(tokens)), ids.length);
				}
			}
			finally {
				for (OnnxTensor tensor : inputs.values()) {
					tensor.close();
				}
			}
		}
		catch (OrtException ex) {
			throw new IllegalStateException("ONNX inference failed for " + this.model.modelName(), ex);
		}
	}

	private float[] pool(float[][] tokens) {
		if (this.model.pooling() == BuiltInEmbeddingModel.Pooling.CLS) {
			return tokens[0].clone();
		}
		int dims = tokens[0].length;
		float[] mean = new float[dims];
		for (float[] token : tokens) {
			for (int d = 0; d < dims; d++) {
				mean[d] += token[d];
			}
		}
		for (int d = 0; d < dims; d++) {
			mean[d] /= tokens.length;
		}
		return mean;
	}

	private static float[] normalise(float[] vector) {
		double sum = 0;
		for (float value : vector) {
			sum += (double) value * value;
		}
		float scale = (float) (1.0 / Math.sqrt(sum));
		for (int i = 0; i < vector.length; i++) {
			vector[i] *= scale;
		}
		return vector;
	}

	private static String requireText(@Nullable String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("Cannot embed a null or blank text");
		}
		return text;
	}

	private static Runtime runtime(BuiltInEmbeddingModel model) {
		synchronized (RUNTIMES) {
			Runtime runtime = RUNTIMES.get(model);
			if (runtime == null) {
				runtime = new Runtime(model);
				RUNTIMES.put(model, runtime);
			}
			return runtime;
		}
	}

	private record Vector(float[] values, int tokens) {
	}

	/** The ONNX session and tokenizer of one model, loaded once per JVM. */
	private static final class Runtime {

		final OrtEnvironment environment;

		final OrtSession session;

		final HuggingFaceTokenizer tokenizer;

		final boolean tokenTypeIds;

		Runtime(BuiltInEmbeddingModel model) {
			ClassLoader loader = OnnxEmbeddingModel.class.getClassLoader();
			try (InputStream onnx = loader.getResourceAsStream(model.modelResource());
					InputStream tokenizerJson = loader.getResourceAsStream(model.tokenizerResource())) {
				if (onnx == null || tokenizerJson == null) {
					throw new IllegalStateException("The " + model.modelName() + " model is not on the classpath: add "
							+ "dev.langchain4j:" + model.artifactId());
				}
				this.environment = OrtEnvironment.getEnvironment();
				// one thread per inference: batches run in parallel on the executor, and
				// the intra-op pool's
				// spin-waiting costs more than it gains for texts of a few dozen tokens
				// on a loaded machine
				OrtSession.SessionOptions options = new OrtSession.SessionOptions();
				options.setIntraOpNumThreads(1);
				options.setInterOpNumThreads(1);
				this.session = this.environment.createSession(onnx.readAllBytes(), options);
				this.tokenTypeIds = this.session.getInputNames().contains("token_type_ids");
				this.tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson,
						Map.of("padding", "false", "truncation", "true", "maxLength", String.valueOf(model.maxTokens()),
								"modelMaxLength", String.valueOf(model.maxTokens())));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read the " + model.modelName() + " model", ex);
			}
			catch (OrtException ex) {
				throw new IllegalStateException("Cannot load the " + model.modelName() + " model", ex);
			}
		}

	}

	private static final class SharedPool {

		static final ExecutorService INSTANCE = create();

		private static ExecutorService create() {
			int threads = java.lang.Runtime.getRuntime().availableProcessors();
			AtomicInteger counter = new AtomicInteger();
			ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
					new LinkedBlockingQueue<>(), (runnable) -> {
						Thread thread = new Thread(runnable, "onnx-embedding-" + counter.incrementAndGet());
						thread.setDaemon(true);
						return thread;
					});
			pool.allowCoreThreadTimeOut(true);
			return pool;
		}

	}

}
