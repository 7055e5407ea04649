package dev.orchestration.cache.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.orchestration.cache.CacheAdministration;
import dev.orchestration.cache.CacheControl;
import dev.orchestration.cache.CacheHit;
import dev.orchestration.cache.CachePolicy;
import dev.orchestration.cache.Cacheability;
import dev.orchestration.cache.CountingEmbeddingModel;
import dev.orchestration.cache.DefaultCacheKeyStrategy;
import dev.orchestration.cache.InMemoryResponseCacheStore;
import dev.orchestration.cache.semantic.CandidateVerifier;
import dev.orchestration.cache.semantic.InMemorySemanticIndex;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.ScriptedChatModel;
import dev.orchestration.routing.TestRouters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.function.FunctionToolCallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ResponseCacheAdvisorTests {

	private final ScriptedChatModel model = new ScriptedChatModel("model");

	private final RoutingChatModel router = TestRouters.router(TestRouters.breakers(), List.of(), this.model);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final CacheMetrics metrics = new CacheMetrics(this.meters);

	private final InMemoryResponseCacheStore store = new InMemoryResponseCacheStore(Clock.systemUTC(), 100, 1 << 20);

	private final CountingEmbeddingModel embeddings = new CountingEmbeddingModel();

	private final CachePolicy policy = new CachePolicy(Duration.ofHours(1), Map.of("news", Duration.ZERO));

	private final ExactCacheAdvisor exact = new ExactCacheAdvisor(this.store, new DefaultCacheKeyStrategy(),
			this.policy, this.metrics, Clock.systemUTC());

	private final SemanticCacheAdvisor semantic = new SemanticCacheAdvisor(this.store, new InMemorySemanticIndex(100),
			this.embeddings, 0.85, CandidateVerifier.ACCEPT_ALL, new DefaultCacheKeyStrategy(), this.policy,
			this.metrics, Clock.systemUTC());

	private final ChatClient client = ChatClient.builder(this.router)
		.defaultAdvisors(this.exact, this.semantic)
		.build();

	private int counter;

	ResponseCacheAdvisorTests() {
		this.model.answer((prompt) -> "answer " + (++this.counter));
	}

	@Test
	void sameQuestionIsAnsweredFromTheExactCacheWithItsOriginalUsageAndReceipt() {
		ChatResponse first = ask("What is the capital of France?", "acme");
		ChatResponse second = ask("What is the capital of France?", "acme");
		assertThat(text(second)).isEqualTo(text(first)).isEqualTo("answer 1");
		assertThat(this.model.prompts()).hasSize(1);
		CacheHit hit = CacheHit.from(second).orElseThrow();
		assertThat(hit.layer()).isEqualTo("exact");
		assertThat(hit.similarity()).isNull();
		assertThat(second.getMetadata().getUsage().getPromptTokens()).isEqualTo(100);
		assertThat(RoutingReceipt.from(second)).get()
			.satisfies((r) -> assertThat(r.member()).isEqualTo(RoutingReceipt.from(first).orElseThrow().member()));
		assertThat(CacheHit.from(first)).isEmpty();
		assertThat(this.meters.get("llm.cache.lookups").tags("layer", "exact", "result", "hit").counter().count())
			.isEqualTo(1);
	}

	@Test
	void theExactKeyIgnoresCaseWhitespaceAndTrailingPunctuation() {
		ask("What is the capital of France?", "acme");
		ChatResponse variant = ask("  what is the capital   of france ", "acme");
		assertThat(CacheHit.from(variant)).get().satisfies((hit) -> assertThat(hit.layer()).isEqualTo("exact"));
		assertThat(CacheHit.from(ask("What is the capital of Spain?", "acme"))).isEmpty();
	}

	@Test
	void aParaphraseIsAnsweredFromTheSemanticCacheWithItsSimilarity() {
		ask("How do I reset my password?", "acme");
		ChatResponse paraphrase = ask("How can I reset my password?", "acme");
		assertThat(text(paraphrase)).isEqualTo("answer 1");
		CacheHit hit = CacheHit.from(paraphrase).orElseThrow();
		assertThat(hit.layer()).isEqualTo("semantic");
		assertThat(hit.similarity()).isGreaterThan(0.85);
		assertThat(text(ask("What is the weather like in Paris?", "acme"))).isEqualTo("answer 2");
	}

	@Test
	void aMissEmbedsTheQuestionOnceAndReusesTheVectorForTheWrite() {
		ask("Explain photosynthesis simply", "acme");
		assertThat(this.embeddings.embedded.get()).isEqualTo(1);
	}

	@Test
	void entriesAreNeverServedToAnotherTenant() {
		ask("What is my account balance?", "alice");
		assertThat(text(ask("What is my account balance?", "bob"))).isEqualTo("answer 2");
		assertThat(text(ask("What's my account balance?", "bob"))).isEqualTo("answer 2");
	}

	@Test
	void aShortReplyNeverHitsAnotherConversationsEntry() {
		String first = text(this.client.prompt()
			.messages(new UserMessage("Shall I book the flight to Rome?"), new AssistantMessage("Do you want it?"))
			.user("yes, please")
			.call()
			.chatResponse());
		String second = text(this.client.prompt()
			.messages(new UserMessage("Shall I delete all your files?"), new AssistantMessage("Are you sure?"))
			.user("yes, please")
			.call()
			.chatResponse());
		assertThat(first).isEqualTo("answer 1");
		assertThat(second).isEqualTo("answer 2");
	}

	@Test
	void theScopeIncludesTheSystemPromptTheConversationIdAndTheTools() {
		ask("Translate 'cat'", "acme");
		assertThat(text(this.client.prompt().system("Answer in German").user("Translate 'cat'").call().chatResponse()))
			.isEqualTo("answer 2");
		assertThat(text(this.client.prompt()
			.user("Translate 'cat'")
			.advisors((a) -> a.param(ChatMemory.CONVERSATION_ID, "c-42"))
			.call()
			.chatResponse())).isEqualTo("answer 3");
		var tool = FunctionToolCallback.builder("dictionary", (String word) -> "chat")
			.inputType(String.class)
			.description("dictionary")
			.build();
		assertThat(text(this.client.prompt().user("Translate 'cat'").toolCallbacks(tool).call().chatResponse()))
			.isEqualTo("answer 4");
	}

	@Test
	void perRequestControlsSkipReadsSkipWritesAndLimitAge() throws InterruptedException {
		ask("Name a prime number", "acme");
		assertThat(text(this.client.prompt()
			.user("Name a prime number")
			.options(RoutingChatOptions.builder().tenant("acme"))
			.advisors((a) -> a.param(CacheControl.SKIP_READ, true))
			.call()
			.chatResponse())).isEqualTo("answer 2");
		this.client.prompt()
			.user("Name an even number")
			.options(RoutingChatOptions.builder().tenant("acme"))
			.advisors((a) -> a.param(CacheControl.SKIP_WRITE, true))
			.call()
			.chatResponse();
		assertThat(text(ask("Name an even number", "acme"))).isEqualTo("answer 4");
		Thread.sleep(30);
		assertThat(text(this.client.prompt()
			.user("Name an even number")
			.options(RoutingChatOptions.builder().tenant("acme"))
			.advisors((a) -> a.param(CacheControl.MAX_AGE, Duration.ofMillis(10)))
			.call()
			.chatResponse())).isEqualTo("answer 5");
	}

	@Test
	void aTaskWithTtlZeroIsNeverCached() {
		ChatClient.ChatClientRequestSpec news = this.client.prompt()
			.user("What happened today?")
			.options(RoutingChatOptions.builder().task("news"));
		news.call().chatResponse();
		assertThat(text(this.client.prompt()
			.user("What happened today?")
			.options(RoutingChatOptions.builder().task("news"))
			.call()
			.chatResponse())).isEqualTo("answer 2");
		assertThat(this.store.size()).isZero();
	}

	@Test
	void emptyTruncatedAndFailedAnswersAreNeverStored() {
		this.model.answer((prompt) -> "");
		ask("Say nothing", "acme");
		assertThat(this.store.size()).isZero();
		this.model.failAlways(new IllegalStateException("provider down"));
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> ask("Anything?", "acme"));
		assertThat(this.store.size()).isZero();
		assertThat(Cacheability.rejection(new ChatResponse(List.of(new Generation(new AssistantMessage("cut"),
				ChatGenerationMetadata.builder().finishReason("length").build())))))
			.isEqualTo("truncated");
		assertThat(this.meters.get("llm.cache.writes.rejected").tag("reason", "empty").counters()).isNotEmpty();
	}

	@Test
	void aStreamedMissIsStoredAfterItCompletesAndAHitIsServedAsAStream() {
		List<String> first = this.client.prompt().user("Stream me a haiku").stream().content().collectList().block();
		assertThat(first).containsExactly("answer 1");
		List<ChatResponse> second = this.client.prompt()
			.user("Stream me a haiku")
			.stream()
			.chatResponse()
			.collectList()
			.block();
		assertThat(second).hasSize(1);
		assertThat(CacheHit.from(second.get(0))).isPresent();
		assertThat(this.model.prompts()).hasSize(1);
	}

	@Test
	void aStreamThatFailsIsNotStored() {
		ScriptedChatModel broken = new ScriptedChatModel("broken") {
			@Override
			public Flux<ChatResponse> stream(Prompt prompt) {
				return Flux.just(new ChatResponse(List.of(new Generation(new AssistantMessage("partial")))))
					.concatWith(Flux.error(new java.io.IOException("cut")));
			}
		};
		ChatClient brokenClient = ChatClient.builder(TestRouters.router(TestRouters.breakers(), List.of(), broken))
			.defaultAdvisors(this.exact)
			.build();
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> brokenClient.prompt().user("Stream it").stream().content().blockLast());
		assertThat(this.store.size()).isZero();
	}

	@Test
	void administrationReportsHitRatesAndClearsOneScopeOnly() {
		InMemorySemanticIndex index = new InMemorySemanticIndex(100);
		CacheAdministration administration = new CacheAdministration("memory", this.store, index, this.metrics);
		ask("What is two plus two?", "alice");
		ask("What is two plus two?", "alice");
		ask("What is two plus two?", "bob");
		CacheAdministration.Statistics statistics = administration.statistics();
		assertThat(statistics.layers().get("exact").hits()).isEqualTo(1);
		assertThat(statistics.layers().get("exact").misses()).isEqualTo(2);
		assertThat(statistics.entries()).isEqualTo(4);
		ChatClientRequest alice = ChatClientRequest.builder()
			.prompt(new Prompt("x", RoutingChatOptions.builder().tenant("alice").build()))
			.build();
		String aliceScope = new DefaultCacheKeyStrategy().scope(alice).key();
		assertThat(administration.clearScope(aliceScope)).isEqualTo(2);
		assertThat(CacheHit.from(ask("What is two plus two?", "alice"))).isEmpty();
		assertThat(CacheHit.from(ask("What is two plus two?", "bob"))).isPresent();
	}

	private ChatResponse ask(String question, String tenant) {
		return this.client.prompt()
			.user(question)
			.options(RoutingChatOptions.builder().tenant(tenant))
			.call()
			.chatResponse();
	}

	private static String text(ChatResponse response) {
		return response.getResult().getOutput().getText();
	}

}
