package dev.orchestration.cache.vectorstore;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import dev.orchestration.cache.semantic.SemanticIndex;
import dev.orchestration.cache.semantic.SemanticMatch;

import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;

/**
 * The semantic index on a Spring AI {@link VectorStore}: each cached question is a
 * document with its scope and expiry in metadata; a lookup is a similarity search
 * filtered to the identical scope and to entries not expired. The store embeds with its
 * own {@code EmbeddingModel}, which must be the one the similarity threshold was chosen
 * for. Expired documents are purged every {@value #PURGE_EVERY} additions (stores such as
 * {@code SimpleVectorStore} have no expiry of their own).
 */
public class VectorStoreSemanticIndex implements SemanticIndex {

	static final String SCOPE = "llmCacheScope";

	static final String EXPIRES_AT = "llmCacheExpiresAt";

	private static final int PURGE_EVERY = 100;

	private final VectorStore store;

	private final Clock clock;

	private final AtomicLong additions = new AtomicLong();

	public VectorStoreSemanticIndex(VectorStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	@Override
	public void add(String scope, String entryId, String text, float[] vector, Instant expiresAt) {
		this.store.add(List.of(Document.builder()
			.id(entryId)
			.text(text)
			.metadata(Map.of(SCOPE, scope, EXPIRES_AT, expiresAt.toEpochMilli()))
			.build()));
		if (this.additions.incrementAndGet() % PURGE_EVERY == 0) {
			purgeExpired();
		}
	}

	@Override
	public Optional<SemanticMatch> nearest(String scope, String text, float[] vector, double minSimilarity) {
		FilterExpressionBuilder filter = new FilterExpressionBuilder();
		List<Document> found = this.store.similaritySearch(SearchRequest.builder()
			.query(text)
			.topK(1)
			.similarityThreshold(minSimilarity)
			.filterExpression(filter.and(filter.eq(SCOPE, scope), filter.gt(EXPIRES_AT, this.clock.millis())).build())
			.build());
		if (found.isEmpty() || found.get(0).getScore() == null) {
			return Optional.empty();
		}
		return Optional.of(new SemanticMatch(found.get(0).getId(), found.get(0).getScore()));
	}

	@Override
	public void add(String scope, String entryId, float[] vector, Instant expiresAt) {
		throw new UnsupportedOperationException(
				"A VectorStore embeds with its own EmbeddingModel: add the question's text as well");
	}

	@Override
	public Optional<SemanticMatch> nearest(String scope, float[] vector, double minSimilarity) {
		throw new UnsupportedOperationException(
				"A VectorStore searches by the question's text: call nearest with the text as well");
	}

	@Override
	public void remove(String scope, String entryId) {
		this.store.delete(List.of(entryId));
	}

	@Override
	public void clear(String scope) {
		this.store.delete(new FilterExpressionBuilder().eq(SCOPE, scope).build());
	}

	@Override
	public long size() {
		return -1;
	}

	private void purgeExpired() {
		try {
			this.store.delete(new FilterExpressionBuilder().lte(EXPIRES_AT, this.clock.millis()).build());
		}
		catch (UnsupportedOperationException ex) {
			// stores that cannot delete by filter rely on their own expiry; expired
			// entries never match anyway
		}
	}

}
