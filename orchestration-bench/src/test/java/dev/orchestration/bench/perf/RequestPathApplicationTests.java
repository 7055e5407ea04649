package dev.orchestration.bench.perf;

import dev.orchestration.bench.perf.RequestPathApplication.Variant;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatModel;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmarks time what they say: 3 tiers of 2, no rule matching the question, a real
 * failover.
 */
class RequestPathApplicationTests {

	@Test
	void theBenchmarkQuestionIsAnsweredByTheDefaultTiersFirstMemberAfterEveryRule() {
		try (ConfigurableApplicationContext context = RequestPathApplication.start(Variant.CACHES_OFF, false)) {
			RoutingChatModel model = context.getBean(RoutingChatModel.class);
			assertThat(model.getTiers().names()).containsExactly("small", "mid", "large");
			assertThat(model.getTiers().members().count()).isEqualTo(6);
			ChatResponse response = context.getBean(RoutingChatClient.class)
				.prompt()
				.user(RequestPathBenchmarks.QUESTION)
				.call()
				.chatResponse();
			RoutingReceipt receipt = RoutingReceipt.from(response).orElseThrow();
			assertThat(receipt.tier()).isEqualTo(RequestPathApplication.DEFAULT_TIER);
			assertThat(receipt.member()).isEqualTo(RequestPathApplication.FIRST_DEFAULT_MEMBER_ID);
			assertThat(receipt.failovers()).isZero();
			assertThat(response.getResult().getOutput().getText()).isEqualTo(StubChatModel.ANSWER);
		}
	}

	@Test
	void observationsAreOnOnlyWhenAskedFor() {
		try (ConfigurableApplicationContext context = RequestPathApplication.start(Variant.CACHES_OFF, false)) {
			assertThat(context.getBeanNamesForType(ObservationRegistry.class)).isEmpty();
		}
		try (ConfigurableApplicationContext context = RequestPathApplication.start(Variant.CACHES_OFF, true)) {
			assertThat(context.getBeanNamesForType(ObservationRegistry.class)).hasSize(1);
		}
	}

	@Test
	void theFailoverVariantFailsOverOnEveryCallWithoutOpeningTheBreaker() {
		try (ConfigurableApplicationContext context = RequestPathApplication.start(Variant.FAILOVER, false)) {
			RoutingChatModel model = context.getBean(RoutingChatModel.class);
			for (int i = 0; i < 50; i++) {
				RoutingReceipt receipt = RoutingReceipt.from(model.call(new Prompt(RequestPathBenchmarks.QUESTION)))
					.orElseThrow();
				assertThat(receipt.failovers()).as("call %d", i).isEqualTo(1);
				assertThat(receipt.member()).isEqualTo("mid-mid-model-1");
			}
		}
	}

	@Test
	void distinctQuestionsDoNotRepeat() {
		RequestPathBenchmarks.DistinctQuestions questions = new RequestPathBenchmarks.DistinctQuestions(42);
		String first = questions.next();
		assertThat(questions.next()).isNotEqualTo(first).startsWith("Explain how");
	}

}
