package dev.orchestration.cache;

import java.util.concurrent.atomic.AtomicInteger;

import dev.orchestration.embedding.internal.OnnxEmbeddingModel;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/**
 * The real in-process ONNX model, counting how many texts it embedded.
 */
public class CountingEmbeddingModel implements EmbeddingModel {

	static final OnnxEmbeddingModel ONNX = new OnnxEmbeddingModel();

	public final AtomicInteger embedded = new AtomicInteger();

	@Override
	public EmbeddingResponse call(EmbeddingRequest request) {
		this.embedded.addAndGet(request.getInstructions().size());
		return ONNX.call(request);
	}

	@Override
	public float[] embed(String text) {
		this.embedded.incrementAndGet();
		return ONNX.embed(text);
	}

	@Override
	public float[] embed(Document document) {
		return embed(document.getText());
	}

	@Override
	public int dimensions() {
		return ONNX.dimensions();
	}

}
