package dev.orchestration.shadow.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.orchestration.cache.CacheHit;
import dev.orchestration.cascade.AnswerNormalizer;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.resilience.FakeHttpException;
import dev.orchestration.shadow.ShadowAggregates;
import dev.orchestration.shadow.ShadowComparison;
import dev.orchestration.shadow.ShadowFixture;
import dev.orchestration.support.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.function.FunctionToolCallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class ShadowTrafficTests {

	private final ShadowFixture fixture = new ShadowFixture();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private ShadowTraffic traffic;

	@AfterEach
	void stop() {
		if (this.traffic != null) {
			this.traffic.destroy();
		}
	}

	private ChatClient client(ShadowSettings settings) {
		return client(settings, Clock.systemUTC());
	}

	private ChatClient client(ShadowSettings settings, Clock clock) {
		this.traffic = new ShadowTraffic(this.fixture.candidate, settings, new ShadowMetrics(this.meters), clock);
		return ChatClient.builder(this.fixture.live).defaultAdvisors(new ShadowTrafficAdvisor(this.traffic)).build();
	}

	/**
	 * Waits until {@code count} shadow calls ended with {@code result} and were fully
	 * recorded: the result counter moves before the aggregates and the recent comparisons
	 * are written, so waiting for the counter alone let a loaded machine read a
	 * comparison that was not there yet.
	 */
	private void awaitResults(String result, long count) {
		long recorded = Math.min(count, this.traffic.getSettings().recentComparisons());
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.traffic.results().get(result) >= count && this.traffic.recent().size() >= recorded);
	}

	private double counter(String name, String... tags) {
		var counter = this.meters.find(name).tags(tags).counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Test
	void theLiveAnswerReturnsBeforeASlowCandidateAndTheComparisonIsRecordedAfterwards() {
		this.fixture.large.answer((prompt) -> {
			ShadowFixture.sleep(1500);
			return "[large] reply";
		});
		ChatClient client = client(ShadowSettings.defaults());
		long start = System.nanoTime();
		ChatResponse response = client.prompt("hello").call().chatResponse();
		long elapsed = (System.nanoTime() - start) / 1_000_000;
		assertThat(elapsed).as("live call does not wait for the 1.5 s candidate").isLessThan(1000);
		assertThat(response.getResult().getOutput().getText()).isEqualTo("[small] reply");
		assertThat(RoutingReceipt.from(response).orElseThrow().tier()).isEqualTo("small");
		assertThat(this.traffic.results().get(ShadowMetrics.COMPARED)).isZero();

		awaitResults(ShadowMetrics.COMPARED, 1);
		ShadowComparison comparison = this.traffic.recent().get(0);
		assertThat(comparison.liveTier()).isEqualTo("small");
		assertThat(comparison.candidateTier()).isEqualTo("large");
		assertThat(comparison.candidateRoute()).contains("default tier large");
		assertThat(comparison.agreed()).isFalse();
		assertThat(comparison.liveCost()).isCloseTo(ShadowFixture.LIVE_COST,
				org.assertj.core.data.Offset.offset(1e-12));
		assertThat(comparison.candidateCost()).isCloseTo(ShadowFixture.CANDIDATE_COST,
				org.assertj.core.data.Offset.offset(1e-12));
		assertThat(comparison.candidateLatencyMillis()).isGreaterThanOrEqualTo(1500);
		assertThat(comparison.liveLatencyMillis()).isLessThan(1000);
		ShadowAggregates aggregates = this.traffic.aggregates();
		assertThat(aggregates.agreementRate()).isZero();
		assertThat(aggregates.costRatio()).isCloseTo(ShadowFixture.CANDIDATE_COST / ShadowFixture.LIVE_COST,
				org.assertj.core.data.Offset.offset(1e-9));
		assertThat(aggregates.candidateP50Millis()).isGreaterThan(aggregates.liveP50Millis());
		assertThat(counter("llm.shadow.requests", "result", "compared")).isEqualTo(1);
		assertThat(counter("llm.shadow.agreement", "result", "disagree", "normalizer", "text")).isEqualTo(1);
		assertThat(counter("llm.shadow.cost", "policy", "candidate")).isCloseTo(ShadowFixture.CANDIDATE_COST,
				org.assertj.core.data.Offset.offset(1e-12));
		assertThat(this.meters.find("llm.shadow.latency").tag("policy", "candidate").timer().count()).isEqualTo(1);
		assertThat(this.fixture.small.prompts()).as("the live model was called once").hasSize(1);
	}

	@Test
	void agreementUsesTextAndTheConfiguredNormalizer() {
		this.fixture.small.answer((prompt) -> "The answer is 42.");
		this.fixture.large.answer((prompt) -> "42");
		ChatClient client = client(ShadowSettings.defaults().withNormalizer(AnswerNormalizer.NUMBER));
		client.prompt("six times seven?").call().content();
		awaitResults(ShadowMetrics.COMPARED, 1);
		ShadowComparison comparison = this.traffic.recent().get(0);
		assertThat(comparison.agreed()).isFalse();
		assertThat(comparison.normalizedAgreed()).isTrue();
		assertThat(this.traffic.aggregates().normalizedAgreementRate()).isEqualTo(1.0);
		assertThat(counter("llm.shadow.agreement", "result", "agree", "normalizer", "number")).isEqualTo(1);
		this.fixture.large.answer((prompt) -> "the answer is 42");
		client.prompt("six times seven?").call().content();
		awaitResults(ShadowMetrics.COMPARED, 2);
		assertThat(this.traffic.recent().get(1).agreed()).as("TEXT ignores case and punctuation").isTrue();
	}

	@Test
	void sampleRateZeroShadowsNothingAndAHalfShadowsEveryOtherRequest() {
		ChatClient none = client(ShadowSettings.defaults().withSampleRate(0));
		for (int i = 0; i < 5; i++) {
			none.prompt("q" + i).call().content();
		}
		ShadowFixture.sleep(200);
		assertThat(this.fixture.large.prompts()).isEmpty();
		assertThat(this.traffic.results().values()).allMatch((count) -> count == 0);
		this.traffic.destroy();

		ChatClient half = client(ShadowSettings.defaults().withSampleRate(0.5));
		for (int i = 0; i < 10; i++) {
			half.prompt("q" + i).call().content();
		}
		awaitResults(ShadowMetrics.COMPARED, 5);
		ShadowFixture.sleep(200);
		assertThat(this.fixture.large.prompts()).hasSize(5);
	}

	@Test
	void aFailingCandidateIsCountedAndHarmless() {
		this.fixture.large.failAlways(new FakeHttpException(400, "bad request"));
		ChatClient client = client(ShadowSettings.defaults());
		assertThat(client.prompt("hello").call().content()).isEqualTo("[small] reply");
		awaitResults(ShadowMetrics.FAILED, 1);
		ShadowComparison comparison = this.traffic.recent().get(0);
		assertThat(comparison.succeeded()).isFalse();
		assertThat(comparison.error()).isEqualTo("RoutingFailedException");
		assertThat(this.traffic.aggregates().compared()).isZero();
		assertThat(counter("llm.shadow.requests", "result", "failed")).isEqualTo(1);
		assertThat(client.prompt("again").call().content()).isEqualTo("[small] reply");
	}

	@Test
	void theDailyCostBoundStopsShadowingUntilTheNextDay() {
		MutableClock clock = new MutableClock(Instant.parse("2025-01-01T10:00:00Z"));
		ChatClient client = client(ShadowSettings.defaults().withMaxCostPerDay(ShadowFixture.CANDIDATE_COST * 1.5),
				clock);
		client.prompt("one").call().content();
		awaitResults(ShadowMetrics.COMPARED, 1);
		client.prompt("two").call().content();
		awaitResults(ShadowMetrics.COMPARED, 2);
		assertThat(this.traffic.overBudget()).isTrue();
		assertThat(client.prompt("three").call().content()).isEqualTo("[small] reply");
		assertThat(this.traffic.results().get(ShadowMetrics.OVER_BUDGET)).isEqualTo(1);
		assertThat(this.fixture.large.prompts()).hasSize(2);
		assertThat(counter("llm.shadow.requests", "result", "over-budget")).isEqualTo(1);

		clock.advance(Duration.ofDays(1));
		client.prompt("four").call().content();
		awaitResults(ShadowMetrics.COMPARED, 3);
		assertThat(this.traffic.spentToday()).isCloseTo(ShadowFixture.CANDIDATE_COST,
				org.assertj.core.data.Offset.offset(1e-12));
	}

	@Test
	void aFullQueueDropsShadowCalls() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		this.fixture.large.answer((prompt) -> {
			try {
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return "[large] reply";
		});
		ChatClient client = client(ShadowSettings.defaults().withExecutor(1, 1));
		client.prompt("one").call().content();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.fixture.large.prompts().size() == 1);
		client.prompt("two").call().content();
		client.prompt("three").call().content();
		client.prompt("four").call().content();
		assertThat(this.traffic.results().get(ShadowMetrics.DROPPED)).isEqualTo(2);
		release.countDown();
		awaitResults(ShadowMetrics.COMPARED, 2);
		assertThat(counter("llm.shadow.requests", "result", "dropped")).isEqualTo(2);
	}

	@Test
	void streamsAreShadowedAfterTheyComplete() {
		ChatClient client = client(ShadowSettings.defaults());
		List<String> chunks = client.prompt("hello").stream().content().collectList().block();
		assertThat(String.join("", chunks)).isEqualTo("[small] reply");
		awaitResults(ShadowMetrics.COMPARED, 1);
		ShadowComparison comparison = this.traffic.recent().get(0);
		assertThat(comparison.streamed()).isTrue();
		assertThat(comparison.liveTier()).isEqualTo("small");
		assertThat(comparison.candidateTier()).isEqualTo("large");
	}

	@Test
	void aJudgeTierGradesBothAnswersWithinTheBound() {
		this.fixture.judge.answer((prompt) -> prompt.getUserMessage().getText().contains("[large] reply")
				? "{\"relevance\": 1.0, \"coherence\": 1.0, \"hallucinationRisk\": 0.0}"
				: "{\"relevance\": 0.4, \"coherence\": 0.4, \"hallucinationRisk\": 0.7}");
		ChatClient client = client(ShadowSettings.defaults().withJudgeTier("judge"));
		client.prompt("hello").call().content();
		awaitResults(ShadowMetrics.COMPARED, 1);
		ShadowComparison comparison = this.traffic.recent().get(0);
		assertThat(comparison.candidateJudgeScore()).isEqualTo(1.0);
		assertThat(comparison.liveJudgeScore()).isCloseTo(0.3666, org.assertj.core.data.Offset.offset(0.001));
		assertThat(comparison.judgeCost()).isPositive();
		assertThat(this.traffic.spentToday()).isCloseTo(ShadowFixture.CANDIDATE_COST + comparison.judgeCost(),
				org.assertj.core.data.Offset.offset(1e-12));
		assertThat(this.traffic.aggregates().meanCandidateJudgeScore()).isEqualTo(1.0);
	}

	@Test
	void theAdvisorReturnsTheLiveResponseItselfAndSkipsCacheHitsAndTools() {
		this.traffic = new ShadowTraffic(this.fixture.candidate, ShadowSettings.defaults(),
				new ShadowMetrics(this.meters), Clock.systemUTC());
		ShadowTrafficAdvisor advisor = new ShadowTrafficAdvisor(this.traffic);
		ChatResponse cached = ChatResponse.builder()
			.generations(List.of(new Generation(new AssistantMessage("cached"))))
			.metadata(CacheHit.METADATA_KEY, new CacheHit(CacheHit.EXACT, Duration.ZERO, null))
			.build();
		ChatClientResponse response = new ChatClientResponse(cached, java.util.Map.of());
		CallAdvisorChain chain = mock(CallAdvisorChain.class);
		when(chain.nextCall(any())).thenReturn(response);
		ChatClientRequest request = new ChatClientRequest(new Prompt("hello"), java.util.Map.of());
		assertThat(advisor.adviseCall(request, chain)).isSameAs(response);

		ChatResponse plain = new ChatResponse(List.of(new Generation(new AssistantMessage("weather"))));
		ChatClientResponse toolResponse = new ChatClientResponse(plain, java.util.Map.of());
		when(chain.nextCall(any())).thenReturn(toolResponse);
		ToolCallingChatOptions options = ToolCallingChatOptions.builder()
			.toolCallbacks(FunctionToolCallback.builder("get_weather", (String city) -> "sunny")
				.inputType(String.class)
				.build())
			.build();
		assertThat(
				advisor.adviseCall(new ChatClientRequest(new Prompt("weather?", options), java.util.Map.of()), chain))
			.isSameAs(toolResponse);
		ShadowFixture.sleep(200);
		assertThat(this.fixture.large.prompts()).isEmpty();
		assertThat(this.traffic.results().get(ShadowMetrics.SKIPPED)).isEqualTo(1);
		assertThat(this.traffic.results().get(ShadowMetrics.COMPARED)).isZero();
	}

	@Test
	void nothingOnTheShadowPathReachesTheCaller() {
		this.traffic = new ShadowTraffic(this.fixture.candidate, ShadowSettings.defaults(),
				new ShadowMetrics(this.meters), Clock.systemUTC());
		this.traffic.destroy();
		ChatClient client = ChatClient.builder(this.fixture.live)
			.defaultAdvisors(new ShadowTrafficAdvisor(this.traffic))
			.build();
		assertThat(client.prompt("hello").call().content()).as("a shut-down executor only drops")
			.isEqualTo("[small] reply");
		assertThat(this.traffic.results().get(ShadowMetrics.DROPPED)).isEqualTo(1);
		ShadowTraffic throwing = new ShadowTraffic(this.fixture.candidate, ShadowSettings.defaults(),
				new ShadowMetrics(this.meters), Clock.systemUTC()) {
			@Override
			public void submit(Prompt prompt, LiveAnswer live) {
				throw new IllegalStateException("broken shadow");
			}
		};
		try {
			ChatClient broken = ChatClient.builder(this.fixture.live)
				.defaultAdvisors(new ShadowTrafficAdvisor(throwing))
				.build();
			assertThat(broken.prompt("hello").call().content()).isEqualTo("[small] reply");
			assertThat(broken.prompt("hello").stream().content().collectList().block())
				.containsExactly("[small] reply");
		}
		finally {
			throwing.destroy();
		}
	}

}
