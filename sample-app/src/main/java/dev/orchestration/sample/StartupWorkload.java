package dev.orchestration.sample;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.Tiers;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Runs a short mixed workload at start-up and prints where the requests went, what they
 * cost against sending everything to the frontier tier, the failovers and the breaker
 * transitions.
 */
@Component
@ConditionalOnProperty(name = "sample.workload.requests")
class StartupWorkload implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(StartupWorkload.class);

	private static final List<Request> MIX = List.of(
			new Request("Is this email spam? 'You won a prize'", "classification"), new Request("Hi!", null),
			new Request("Summarise the plot of Hamlet in three sentences.", null),
			new Request("Fix this code:\n```python\ndef add(a, b): return a - b\n```", null),
			new Request("Draft a careful legal analysis of a software licence dispute between two companies, "
					+ "covering warranty, liability and jurisdiction.", "analysis"),
			new Request("Translate 'good morning' to Spanish", null));

	private final RoutingChatClient chatClient;

	private final Tiers tiers;

	private final CircuitBreakerRegistry breakers;

	private final int requests;

	StartupWorkload(RoutingChatClient chatClient, Tiers tiers, CircuitBreakerRegistry breakers,
			org.springframework.core.env.Environment environment) {
		this.chatClient = chatClient;
		this.tiers = tiers;
		this.breakers = breakers;
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
		WorkloadSummary summary = new WorkloadSummary(this.tiers.all().get(this.tiers.all().size() - 1));
		for (int i = 0; i < this.requests; i++) {
			Request request = MIX.get(i % MIX.size());
			try {
				var response = this.chatClient.prompt()
					.user(request.message())
					.options(RoutingChatOptions.builder().task(request.task()).tenant("tenant-" + (i % 3)))
					.call()
					.chatResponse();
				RoutingReceipt.from(response).ifPresent(summary::add);
			}
			catch (RuntimeException ex) {
				summary.failed();
				logger.warn("Workload request failed: " + ex.getMessage());
			}
		}
		logger.info(summary.render(this.requests, transitions));
	}

	private record Request(String message, String task) {
	}

}
