package dev.orchestration.cache.vectorstore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.orchestration.cache.CacheHit;
import dev.orchestration.cache.CachePolicy;
import dev.orchestration.cache.DefaultCacheKeyStrategy;
import dev.orchestration.cache.InMemoryResponseCacheStore;
import dev.orchestration.cache.internal.CacheMetrics;
import dev.orchestration.cache.internal.SemanticCacheAdvisor;
import dev.orchestration.cache.semantic.CandidateVerifier;
import dev.orchestration.embedding.internal.OnnxEmbeddingModel;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.ScriptedChatModel;
import dev.orchestration.routing.TestRouters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.vectorstore.SimpleVectorStore;

import static org.assertj.core.api.Assertions.assertThat;

class VectorStoreSemanticIndexTests {

	private static final OnnxEmbeddingModel ONNX = new OnnxEmbeddingModel();

	private final SimpleVectorStore store = SimpleVectorStore.builder(ONNX).build();

	private final VectorStoreSemanticIndex index = new VectorStoreSemanticIndex(this.store, Clock.systemUTC());

	private final float[] unused = new float[0];

	@Test
	void findsTheNearestQuestionOfTheSameScopeOnly() {
		Instant later = Instant.now().plusSeconds(60);
		this.index.add("alice", "11111111-1111-1111-1111-111111111111", "How do I reset my password?", this.unused,
				later);
		this.index.add("bob", "22222222-2222-2222-2222-222222222222", "How do I reset my password?", this.unused,
				later);
		assertThat(this.index.nearest("alice", "How can I reset my password?", this.unused, 0.8)).get()
			.satisfies((match) -> {
				assertThat(match.entryId()).isEqualTo("11111111-1111-1111-1111-111111111111");
				assertThat(match.similarity()).isGreaterThan(0.8);
			});
		assertThat(this.index.nearest("carol", "How can I reset my password?", this.unused, 0.5)).isEmpty();
		assertThat(this.index.nearest("alice", "What is the weather in Rome?", this.unused, 0.8)).isEmpty();
	}

	@Test
	void expiredEntriesNeverMatchAndClearingAScopeRemovesItsEntries() {
		this.index.add("alice", "33333333-3333-3333-3333-333333333333", "Which planet is largest?", this.unused,
				Instant.now().minusSeconds(1));
		assertThat(this.index.nearest("alice", "Which planet is largest?", this.unused, 0.5)).isEmpty();
		this.index.add("alice", "44444444-4444-4444-4444-444444444444", "Which ocean is largest?", this.unused,
				Instant.now().plusSeconds(60));
		this.index.clear("alice");
		assertThat(this.index.nearest("alice", "Which ocean is largest?", this.unused, 0.5)).isEmpty();
	}

	@Test
	void servesSemanticHitsThroughTheAdvisor() {
		ScriptedChatModel model = new ScriptedChatModel("model");
		SemanticCacheAdvisor advisor = new SemanticCacheAdvisor(
				new InMemoryResponseCacheStore(Clock.systemUTC(), 100, 1 << 20), this.index, ONNX, 0.85,
				CandidateVerifier.ACCEPT_ALL, new DefaultCacheKeyStrategy(),
				new CachePolicy(Duration.ofHours(1), Map.of()), new CacheMetrics(new SimpleMeterRegistry()),
				Clock.systemUTC());
		ChatClient client = ChatClient.builder(TestRouters.router(TestRouters.breakers(), List.of(), model))
			.defaultAdvisors(advisor)
			.build();
		client.prompt()
			.user("How do I reset my password?")
			.options(RoutingChatOptions.builder().tenant("t"))
			.call()
			.chatResponse();
		ChatResponse paraphrase = client.prompt()
			.user("How can I reset my password?")
			.options(RoutingChatOptions.builder().tenant("t"))
			.call()
			.chatResponse();
		assertThat(CacheHit.from(paraphrase)).get().satisfies((hit) -> assertThat(hit.layer()).isEqualTo("semantic"));
		assertThat(model.prompts()).hasSize(1);
	}

}
