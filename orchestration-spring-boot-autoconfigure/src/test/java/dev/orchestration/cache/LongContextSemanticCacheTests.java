package dev.orchestration.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.orchestration.cache.internal.CacheMetrics;
import dev.orchestration.cache.internal.SemanticCacheAdvisor;
import dev.orchestration.cache.semantic.CandidateVerifier;
import dev.orchestration.cache.semantic.InMemorySemanticIndex;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.ScriptedChatModel;
import dev.orchestration.routing.TestRouters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retrieval-augmented prompts (a long document and a question in one user message)
 * through the semantic cache with the real ONNX model: a different question after the
 * same document, or the same question after a different document, never hits, whichever
 * end the document is at; the same question reworded after the same document does. The
 * threshold is deliberately low (0.90, far below the default) so that any part of the
 * text the embedding failed to see would show up as a hit.
 */
class LongContextSemanticCacheTests {

	private static final double THRESHOLD = 0.90;

	private static final String QUESTION = "How do I reset my password?";

	private static final String REWORDED = "How can I reset my password?";

	private static final String OTHER_QUESTION = "Which year was the company founded?";

	private final ScriptedChatModel model = new ScriptedChatModel("model");

	private final RoutingChatModel router = TestRouters.router(TestRouters.breakers(), List.of(), this.model);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final CacheMetrics metrics = new CacheMetrics(this.meters);

	private final InMemoryResponseCacheStore store = new InMemoryResponseCacheStore(Clock.systemUTC(), 1000, 64L << 20);

	private final InMemorySemanticIndex index = new InMemorySemanticIndex(1000);

	private final SemanticCacheAdvisor semantic = new SemanticCacheAdvisor(this.store, this.index,
			CountingEmbeddingModel.ONNX, THRESHOLD, CandidateVerifier.ACCEPT_ALL, new DefaultCacheKeyStrategy(),
			new CachePolicy(Duration.ofHours(1), Map.of()), this.metrics, Clock.systemUTC());

	private final ChatClient client = ChatClient.builder(this.router).defaultAdvisors(this.semantic).build();

	private int counter;

	LongContextSemanticCacheTests() {
		this.model.answer((prompt) -> "answer " + (++this.counter));
	}

	@ParameterizedTest
	@ValueSource(ints = { 1_000, 2_000, 4_000, 8_000, 16_000, 32_000 })
	void aDifferentQuestionAfterTheSameLongDocumentNeverHits(int length) {
		String document = document(length, 1, true);
		ChatResponse first = ask(document + "\n\nQuestion: " + QUESTION);
		ChatResponse other = ask(document + "\n\nQuestion: " + OTHER_QUESTION);
		assertThat(CacheHit.from(first)).isEmpty();
		assertThat(CacheHit.from(other)).isEmpty();
		assertThat(text(other)).isEqualTo("answer 2");
		ChatResponse reworded = ask(document + "\n\nQuestion: " + REWORDED);
		assertThat(CacheHit.from(reworded)).as("the same question reworded, same document").isPresent();
		assertThat(text(reworded)).isEqualTo("answer 1");
	}

	@ParameterizedTest
	@ValueSource(ints = { 1_000, 2_000, 4_000, 8_000, 16_000, 32_000 })
	void aDifferentQuestionAfterTheSameOneLineDocumentNeverHits(int length) {
		String document = document(length, 2, false);
		ask(document + " " + QUESTION);
		ChatResponse other = ask(document + " " + OTHER_QUESTION);
		assertThat(CacheHit.from(other)).isEmpty();
		assertThat(CacheHit.from(ask(document + " " + QUESTION))).as("beyond the window: exact cache only").isEmpty();
		assertThat(this.meters.get("llm.cache.semantic.skipped").tag("reason", "beyond-window").counter().count())
			.isEqualTo(3);
	}

	@ParameterizedTest
	@ValueSource(ints = { 1_000, 2_000, 4_000, 8_000, 16_000, 32_000 })
	void aDifferentQuestionBeforeTheSameLongDocumentNeverHits(int length) {
		for (boolean paragraphs : new boolean[] { true, false }) {
			String document = document(length, 3, paragraphs);
			ask(QUESTION + "\n\n" + document);
			ChatResponse other = ask(OTHER_QUESTION + "\n\n" + document);
			assertThat(CacheHit.from(other)).as("shared suffix, paragraphs=" + paragraphs).isEmpty();
			ChatResponse reworded = ask(REWORDED + "\n\n" + document);
			assertThat(CacheHit.from(reworded)).as("the question is in the exact part: no semantic hit").isEmpty();
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 1_000, 8_000, 32_000 })
	void theSameQuestionAfterADifferentDocumentNeverHits(int length) {
		String document = document(length, 4, true);
		String changed = document.replace("contract", "warranty");
		assertThat(changed).isNotEqualTo(document);
		ask(document + "\n" + QUESTION);
		assertThat(CacheHit.from(ask(changed + "\n" + QUESTION))).isEmpty();
		assertThat(CacheHit.from(ask(changed + "\n" + REWORDED))).as("same changed document, reworded").isPresent();
	}

	@Test
	void aPromptThatIsAPrefixOfAHugeOneIsNeverServedItsAnswer() {
		String huge = document(2_000_000, 5, false);
		String prefix = huge.substring(0, 400_000);
		ask(huge + " " + QUESTION);
		ask(huge + "\n" + QUESTION);
		assertThat(CacheHit.from(ask(prefix + " " + OTHER_QUESTION))).isEmpty();
		assertThat(CacheHit.from(ask(prefix + "\n" + QUESTION))).as("different context, same last line").isEmpty();
		assertThat(CacheHit.from(ask(prefix))).isEmpty();
		assertThat(CacheHit.from(ask(huge + "\n" + REWORDED))).as("identical context").isPresent();
	}

	@Test
	void aLongContextEntryIsNeverServedToAnotherTenantAndClearingTheScopeRemovesIt() {
		String document = document(8_000, 6, true);
		ask(document + "\n" + QUESTION, "alice");
		assertThat(CacheHit.from(ask(document + "\n" + QUESTION, "bob"))).isEmpty();
		assertThat(CacheHit.from(ask(document + "\n" + REWORDED, "alice"))).isPresent();
		String aliceScope = scopeOf("alice");
		new CacheAdministration("memory", this.store, this.index, this.metrics).clearScope(aliceScope);
		assertThat(this.index.size()).isEqualTo(1);
		assertThat(CacheHit.from(ask(document + "\n" + REWORDED, "alice"))).isEmpty();
	}

	private String scopeOf(String tenant) {
		return new DefaultCacheKeyStrategy()
			.scope(org.springframework.ai.chat.client.ChatClientRequest.builder()
				.prompt(new org.springframework.ai.chat.prompt.Prompt("x",
						RoutingChatOptions.builder().tenant(tenant).build()))
				.build())
			.key();
	}

	private ChatResponse ask(String message) {
		return ask(message, "acme");
	}

	private ChatResponse ask(String message, String tenant) {
		return this.client.prompt()
			.user(message)
			.options(RoutingChatOptions.builder().tenant(tenant))
			.call()
			.chatResponse();
	}

	private static String text(ChatResponse response) {
		return response.getResult().getOutput().getText();
	}

	private static final String[] WORDS = { "the", "contract", "customer", "shall", "provide", "service", "within",
			"days", "of", "notice", "payment", "invoice", "account", "support", "data", "privacy", "policy", "term",
			"renewal", "liability", "party", "agreement", "section", "written", "consent", "fees", "annual", "report",
			"security", "access" };

	/**
	 * A deterministic text of about {@code length} characters, in paragraphs or on one
	 * line.
	 */
	static String document(int length, long seed, boolean paragraphs) {
		Random random = new Random(seed);
		StringBuilder text = new StringBuilder(length + 100);
		int sentences = 0;
		while (text.length() < length) {
			int words = 8 + random.nextInt(12);
			for (int i = 0; i < words; i++) {
				String word = WORDS[random.nextInt(WORDS.length)];
				text.append((i == 0) ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
				text.append((i == words - 1) ? ". " : " ");
			}
			if (paragraphs && ++sentences % 4 == 0) {
				text.setLength(text.length() - 1);
				text.append('\n');
			}
		}
		return text.toString().strip();
	}

}
