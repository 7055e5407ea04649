package dev.orchestration.warmup.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.TierMember;
import dev.orchestration.routing.Tiers;
import dev.orchestration.routing.internal.OptionsRetargeter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Sends one cheap request ({@code maxTokens} 1) to every member, all at once, before the
 * application is ready: Boot runs {@link ApplicationRunner}s after the context started
 * and before it publishes {@code ReadinessState
 * .ACCEPTING_TRAFFIC}, so readiness (and {@code /actuator/health} with probes on) says
 * "not ready" until the clients' connection pools, TLS sessions, JSON mappers and JIT
 * paths are warm. Bounded by a timeout: a member that is down or slow is logged in one
 * line and never fails start-up. The calls go straight to the members' chat models, not
 * through the router: no breaker, receipt, budget or cache sees them (a provider bills
 * them: a few tokens each).
 */
public class MemberWarmUp implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(MemberWarmUp.class);

	static final String PROMPT = "ping";

	private final Tiers tiers;

	private final Duration timeout;

	private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();

	private final OptionsRetargeter retargeter = new OptionsRetargeter();

	public MemberWarmUp(Tiers tiers, Duration timeout) {
		this.tiers = tiers;
		this.timeout = timeout;
	}

	@Override
	public void run(ApplicationArguments args) {
		warmUp();
	}

	/**
	 * Warms every member up, waiting at most the timeout; returns what happened per
	 * member id.
	 */
	public Map<String, Outcome> warmUp() {
		List<TierMember> members = this.tiers.members().toList();
		ExecutorService executor = Executors.newFixedThreadPool(Math.max(1, Math.min(members.size(), 8)),
				(runnable) -> {
					Thread thread = new Thread(runnable, "llm-warm-up");
					thread.setDaemon(true);
					return thread;
				});
		long start = System.nanoTime();
		try {
			List<CompletableFuture<Void>> calls = members.stream()
				.map((member) -> CompletableFuture.runAsync(() -> call(member), executor))
				.toList();
			try {
				CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
					.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException ex) {
				members.forEach((member) -> this.outcomes.putIfAbsent(member.id(), Outcome.TIMED_OUT));
				logger.warn("Warm-up of member clients stopped at its timeout (" + this.timeout + "); not warm: "
						+ members.stream()
							.filter((m) -> this.outcomes.get(m.id()) == Outcome.TIMED_OUT)
							.map(TierMember::id)
							.toList());
			}
			catch (Exception ex) {
				logger.warn("Warm-up of member clients interrupted (" + ex.getClass().getSimpleName() + ")");
				if (ex instanceof InterruptedException) {
					Thread.currentThread().interrupt();
				}
			}
		}
		finally {
			executor.shutdownNow();
		}
		logger.info("Warmed up " + this.outcomes.values().stream().filter((o) -> o == Outcome.WARM).count() + " of "
				+ members.size() + " member clients in " + Duration.ofNanos(System.nanoTime() - start).toMillis()
				+ " ms");
		return Map.copyOf(this.outcomes);
	}

	/** What the warm-up did per member id (empty before it ran). */
	public Map<String, Outcome> outcomes() {
		return Map.copyOf(this.outcomes);
	}

	private void call(TierMember member) {
		try {
			ChatModel model = member.chatModel();
			Prompt prompt = this.retargeter
				.retarget(new Prompt(PROMPT, RoutingChatOptions.builder().maxTokens(1).build()), member);
			model.call(prompt);
			this.outcomes.putIfAbsent(member.id(), Outcome.WARM);
		}
		catch (RuntimeException ex) {
			if (this.outcomes.putIfAbsent(member.id(), Outcome.FAILED) != null) {
				return; // already counted as timed out: this is the call being
						// interrupted
			}
			logger.warn("Warm-up call of " + member.id() + " failed (" + ex.getClass().getSimpleName()
					+ "); it is routed as usual once the application is ready");
		}
	}

	/** What the warm-up call of one member did. */
	public enum Outcome {

		/** The member answered. */
		WARM,

		/** The member failed (down, refused, misconfigured). */
		FAILED,

		/** The member did not answer within the warm-up timeout. */
		TIMED_OUT

	}

}
