package dev.orchestration.sample;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

import dev.orchestration.budget.BudgetExceededException;
import dev.orchestration.cascade.CascadeReceipt;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.Tier;
import dev.orchestration.routing.Tiers;
import dev.orchestration.test.simulator.ProviderSimulator;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Runs a short mixed workload at start-up, one request after the other, and prints where
 * the requests went, what they cost against sending everything to the frontier tier, the
 * failovers and breaker transitions, and per feature of the sample (plain chat, a stream,
 * the judged and the voted task, structured output, a tool call, a budget refusal) how
 * many requests the cache served, how many the budget refused and how many model calls
 * the rest made.
 */
@Component
@ConditionalOnProperty(name = "sample.workload.requests")
class StartupWorkload implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(StartupWorkload.class);

	/** The requests, sent in this order and again from the start. */
	static final List<Request> MIX = List.of(
			new Request(Feature.CHAT, "Is this email spam? 'You won a prize'", "classification"),
			new Request(Feature.CHAT, "Hi!", null),
			new Request(Feature.CHAT, "Summarise the plot of Hamlet in three sentences.", null),
			new Request(Feature.CHAT, "Fix this code:\n```python\ndef add(a, b): return a - b\n```", null),
			new Request(Feature.CHAT,
					"Draft a careful legal analysis of a software licence dispute between two "
							+ "companies, covering warranty, liability and jurisdiction.",
					"analysis"),
			new Request(Feature.CHAT, "Translate 'good morning' to Spanish", null),
			new Request(Feature.STREAM, "Explain in a few words why the sky is blue.", null),
			new Request(Feature.JUDGE, "How do I change the e-mail address of my account?", "support"),
			new Request(Feature.VOTE, "Sentiment of this review: the screen cracked in a week.", "sentiment"),
			new Request(Feature.ENTITY, "Japan", null),
			new Request(Feature.TOOL, "Has my order A-1001 shipped yet?", null),
			new Request(Feature.BUDGET, "Write a haiku about the sea.", null));

	private final RoutingChatClient chatClient;

	private final Tiers tiers;

	private final CircuitBreakerRegistry breakers;

	private final ObjectProvider<ProviderSimulator> simulator;

	private final int requests;

	StartupWorkload(RoutingChatClient chatClient, Tiers tiers, CircuitBreakerRegistry breakers,
			ObjectProvider<ProviderSimulator> simulator, Environment environment) {
		this.chatClient = chatClient;
		this.tiers = tiers;
		this.breakers = breakers;
		this.simulator = simulator;
		this.requests = environment.getProperty("sample.workload.requests", Integer.class, 0);
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.requests <= 0) {
			return;
		}
		Map<String, String> transitions = new ConcurrentHashMap<>();
		for (CircuitBreaker breaker : this.breakers.getAllCircuitBreakers()) {
			breaker.getEventPublisher()
				.onStateTransition((event) -> transitions.merge(event.getCircuitBreakerName(),
						event.getStateTransition().toString(), (a, b) -> a + ", " + b));
		}
		ProviderSimulator sim = this.simulator.getIfAvailable();
		IntSupplier calls = (sim != null) ? () -> (int) sim.receivedRequests() : null;
		WorkloadSummary summary = new WorkloadSummary(frontier().members().get(0), calls != null);
		for (int i = 0; i < this.requests; i++) {
			Request request = MIX.get(i % MIX.size());
			String tenant = (request.feature() == Feature.BUDGET) ? "broke" : "tenant-" + (i % 3);
			int before = (calls != null) ? calls.getAsInt() : 0;
			try {
				ChatResponse response = send(request, tenant);
				summary.add(request.feature(), RoutingReceipt.from(response).orElse(null),
						CascadeReceipt.from(response).orElse(null), (calls != null) ? calls.getAsInt() - before : 0);
			}
			catch (RuntimeException ex) {
				BudgetExceededException budget = budgetRefusal(ex);
				if (budget != null) {
					summary.refused(request.feature(), (calls != null) ? calls.getAsInt() - before : 0);
				}
				else {
					summary.failed(request.feature());
					logger.warn("Workload request failed: " + ex.getMessage());
				}
			}
		}
		logger.info(summary.render(this.requests, transitions));
	}

	private Tier frontier() {
		List<Tier> all = this.tiers.all();
		return all.stream()
			.filter((tier) -> tier.name().equals("frontier"))
			.findFirst()
			.orElse(all.get(all.size() - 1));
	}

	private @Nullable ChatResponse send(Request request, String tenant) {
		RoutingChatOptions.Builder options = RoutingChatOptions.builder().task(request.task()).tenant(tenant);
		return switch (request.feature()) {
			case STREAM -> {
				List<ChatResponse> chunks = this.chatClient.prompt()
					.user(request.message())
					.options(options)
					.stream()
					.chatResponse()
					.collectList()
					.block();
				// the receipt travels on the last chunk
				yield (chunks == null || chunks.isEmpty()) ? null : chunks.get(chunks.size() - 1);
			}
			case ENTITY -> this.chatClient.prompt()
				.user("What is the capital of " + request.message() + "?")
				.options(options.task("extraction"))
				.call()
				.responseEntity(StructuredOutputController.Capital.class)
				.response();
			case TOOL -> this.chatClient.prompt()
				.user(request.message())
				.options(options.task(ToolController.TASK))
				.tools(new OrderTools())
				.call()
				.chatResponse();
			default -> this.chatClient.prompt().user(request.message()).options(options).call().chatResponse();
		};
	}

	private static @Nullable BudgetExceededException budgetRefusal(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof BudgetExceededException budget) {
				return budget;
			}
		}
		return null;
	}

	/** What a workload request shows. */
	enum Feature {

		CHAT("chat"), STREAM("stream (SSE)"), JUDGE("judge (support)"), VOTE("vote (sentiment)"),
		ENTITY("entity (capital)"), TOOL("tool (orderStatus)"), BUDGET("budget (broke)");

		private final String label;

		Feature(String label) {
			this.label = label;
		}

		String label() {
			return this.label;
		}

	}

	/** One workload request; for ENTITY the message is the country. */
	record Request(Feature feature, String message, @Nullable String task) {
	}

}
