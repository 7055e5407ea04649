package dev.orchestration.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import dev.orchestration.budget.BudgetExceededException;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.RoutingFailedException;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.orchestration.it.SimulatedProviders.member;
import static dev.orchestration.it.SimulatedProviders.props;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input corpus for the starter's Java API (docs/reliability.md): every odd value
 * either gets an answer or one of the documented exception types
 * ({@link IllegalArgumentException} and its {@code UnknownTierException},
 * {@link RoutingFailedException}, {@link BudgetExceededException}), and the client keeps
 * answering afterwards.
 */
class BadInputIntegrationTests {

	private static final List<Class<? extends RuntimeException>> DOCUMENTED = List.of(IllegalArgumentException.class,
			RoutingFailedException.class, BudgetExceededException.class);

	@RegisterExtension
	static final ProviderSimulatorExtension providers = ProviderSimulatorExtension.perClass();

	private final ProviderSimulator sim = providers.simulator();

	private final ApplicationContextRunner runner = SimulatedProviders.runner(sim, java.time.Duration.ofSeconds(30))
		.withPropertyValues(props(member("small", 0, "openAiChatModel", "small-model"),
				member("small", 1, "anthropicChatModel", "small-backup"),
				member("large", 0, "anthropicChatModel", "large-model"),
				new String[] { "llm.routing.default-tier=small", "llm.budget.per-request-max=5",
						"llm.tiers.small.models[0].price.input-per-million=1",
						"llm.tiers.small.models[0].price.output-per-million=2" }));

	/** What one case got: "answer", or the exception's class name. */
	private static String attempt(RoutingChatClient client, Function<RoutingChatClient, ChatResponse> call) {
		try {
			ChatResponse response = call.apply(client);
			return (response != null && response.getResult() != null) ? "answer" : "no result";
		}
		catch (RuntimeException ex) {
			for (Class<? extends RuntimeException> type : DOCUMENTED) {
				if (type.isInstance(ex)) {
					return "documented " + ex.getClass().getSimpleName();
				}
			}
			return "UNDOCUMENTED " + ex.getClass().getName() + ": " + ex.getMessage();
		}
	}

	private static Map<String, Function<RoutingChatClient, ChatResponse>> corpus() {
		Map<String, Function<RoutingChatClient, ChatResponse>> cases = new LinkedHashMap<>();
		cases.put("null message", (c) -> c.prompt().user((String) null).call().chatResponse());
		cases.put("empty message", (c) -> c.prompt().user("").call().chatResponse());
		cases.put("blank message", (c) -> c.prompt().user("   ").call().chatResponse());
		cases.put("2 MB message", (c) -> c.prompt().user("x".repeat(2 * 1024 * 1024)).call().chatResponse());
		for (String odd : List.of("\ud83d\ude00 emoji", "\u202e right-to-left", "nul \u0000 byte",
				"lone \ud800 surrogate", "\ufeff bom", "\uffff noncharacter")) {
			cases.put("odd Unicode " + odd.codePointAt(0), (c) -> c.prompt().user(odd).call().chatResponse());
		}
		cases.put("unknown tier",
				(c) -> c.prompt()
					.user("hi")
					.options(RoutingChatOptions.builder().tier("gigantic"))
					.call()
					.chatResponse());
		cases.put("empty tier",
				(c) -> c.prompt().user("hi").options(RoutingChatOptions.builder().tier("")).call().chatResponse());
		cases.put("tenant of 100,000 chars",
				(c) -> c.prompt()
					.user("hi")
					.options(RoutingChatOptions.builder().tenant("t".repeat(100_000)))
					.call()
					.chatResponse());
		cases.put("task of 100,000 chars",
				(c) -> c.prompt()
					.user("hi")
					.options(RoutingChatOptions.builder().task("k".repeat(100_000)))
					.call()
					.chatResponse());
		cases.put("tenant with control characters",
				(c) -> c.prompt()
					.user("hi")
					.options(RoutingChatOptions.builder().tenant("a\u0000\n\u001bb"))
					.call()
					.chatResponse());
		cases.put("negative max tokens",
				(c) -> c.prompt().user("hi").options(RoutingChatOptions.builder().maxTokens(-5)).call().chatResponse());
		cases.put("NaN temperature",
				(c) -> c.prompt()
					.user("hi")
					.options(RoutingChatOptions.builder().temperature(Double.NaN))
					.call()
					.chatResponse());
		cases.put("empty metadata key",
				(c) -> c.prompt()
					.user("hi")
					.options(RoutingChatOptions.builder().metadata("", ""))
					.call()
					.chatResponse());
		return cases;
	}

	@Test
	void everyOddValueGetsAnAnswerOrADocumentedExceptionAndTheClientKeepsAnswering() {
		this.runner.run((context) -> {
			RoutingChatClient client = context.getBean(RoutingChatClient.class);
			Map<String, String> results = new LinkedHashMap<>();
			corpus().forEach((name, call) -> results.put(name, attempt(client, call)));
			assertThat(results).as("case -> result")
				.allSatisfy((name, result) -> assertThat(result).as(name).doesNotStartWith("UNDOCUMENTED"));
			assertThat(results).containsEntry("unknown tier", "documented UnknownTierException")
				.containsEntry("null message", "documented IllegalArgumentException")
				.containsEntry("odd Unicode " + "\ud83d\ude00".codePointAt(0), "answer");
			assertThat(attempt(client, (c) -> c.prompt().user("still there?").call().chatResponse()))
				.isEqualTo("answer");
		});
	}

	/**
	 * Options are immutable in Spring AI 2.0 (builders are not thread-safe, like any
	 * builder): one options instance shared by threads that derive their own from it with
	 * {@code mutate()} stays as it was, and no request breaks.
	 */
	@Test
	void sharedOptionsDerivedConcurrentlyNeverBreakARequestOrChange() {
		this.runner.run((context) -> {
			RoutingChatClient client = context.getBean(RoutingChatClient.class);
			RoutingChatOptions shared = RoutingChatOptions.builder().tenant("t1").task("chat").maxTokens(50).build();
			ExecutorService pool = Executors.newFixedThreadPool(8);
			try {
				List<Future<String>> calls = new ArrayList<>();
				for (int i = 0; i < 64; i++) {
					int n = i;
					calls.add(pool.submit(() -> attempt(client,
							(c) -> c.prompt()
								.user("question " + n)
								.options(shared.mutate().temperature(0.1 * (n % 10)).metadata("n", String.valueOf(n)))
								.call()
								.chatResponse())));
				}
				for (Future<String> call : calls) {
					assertThat(call.get()).isEqualTo("answer");
				}
			}
			finally {
				pool.shutdownNow();
			}
			assertThat(shared.getTemperature()).isNull();
			assertThat(shared.getMaxTokens()).isEqualTo(50);
			assertThat(shared.getMetadata()).isEmpty();
		});
	}

}
