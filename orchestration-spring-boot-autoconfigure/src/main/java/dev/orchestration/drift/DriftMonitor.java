package dev.orchestration.drift;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

import dev.orchestration.drift.internal.DriftCheck;
import dev.orchestration.drift.internal.DriftExclusions;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.routing.RoutingChatOptions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

/**
 * Runs the drift checks on their schedules (one scheduler thread, off the request path),
 * compares each run with the check's baseline, and on a drop beyond the allowed one
 * publishes a {@link DriftDetectedEvent}, reports degraded health and, when configured,
 * takes the tier out of the class policies until a run passes again
 * ({@link DriftRecoveredEvent}). Cases are sent to the {@link RoutingChatModel} itself,
 * not the client: no cache answers them and no cascade changes what is graded. They carry
 * the tenant {@value #TENANT}.
 */
public class DriftMonitor implements SmartLifecycle {

	/**
	 * The tenant hint of every evaluation call (budgets, audit and statistics see it).
	 */
	public static final String TENANT = "llm-drift";

	private static final Log logger = LogFactory.getLog(DriftMonitor.class);

	private final RoutingChatModel router;

	private final List<DriftCheck> checks;

	private final DriftExclusions exclusions;

	private final ApplicationEventPublisher events;

	private final @Nullable MeterRegistry meters;

	private final Clock clock;

	private final Map<String, DriftCheckState> states = new LinkedHashMap<>();

	private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();

	private final Object runLock = new Object();

	private @Nullable ThreadPoolTaskScheduler scheduler;

	public DriftMonitor(RoutingChatModel router, List<DriftCheck> checks, DriftExclusions exclusions,
			ApplicationEventPublisher events, @Nullable MeterRegistry meters, Clock clock) {
		this.router = router;
		this.checks = List.copyOf(checks);
		this.exclusions = exclusions;
		this.events = events;
		this.meters = meters;
		this.clock = clock;
		for (DriftCheck check : this.checks) {
			this.states.put(check.name(), new DriftCheckState(check.name(), check.tier(), check.task(),
					check.baselineScore(), null, null, false, null, 0, null));
			if (meters != null) {
				Gauge.builder("llm.drift.score", this, (m) -> value(m.state(check.name()).lastScore()))
					.tag("check", check.name())
					.description("Last score of the drift check (0..1)")
					.register(meters);
				Gauge.builder("llm.drift.baseline", this, (m) -> value(m.state(check.name()).baseline()))
					.tag("check", check.name())
					.description("Baseline score of the drift check (0..1)")
					.register(meters);
				Gauge.builder("llm.drift.drifted", this, (m) -> m.state(check.name()).drifted() ? 1 : 0)
					.tag("check", check.name())
					.description("1 while the drift check is drifted")
					.register(meters);
			}
		}
	}

	/**
	 * Runs a check now, on the caller's thread, and returns the run ({@code null} when it
	 * could not complete).
	 */
	public @Nullable DriftRun run(String name) {
		DriftCheck check = this.checks.stream()
			.filter((c) -> c.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No drift check named '" + name + "'"));
		return run(check);
	}

	private @Nullable DriftRun run(DriftCheck check) {
		// one run at a time; the states stay readable (health, endpoint) while a run
		// calls the models
		synchronized (this.runLock) {
			DriftCheckState before = state(check.name());
			try {
				DriftRun run = evaluate(check, before);
				apply(check, before, run);
				return run;
			}
			catch (RuntimeException ex) {
				logger.warn("Drift check '" + check.name() + "' could not run: " + ex);
				count(check, "error");
				replace(new DriftCheckState(check.name(), check.tier(), check.task(), before.baseline(),
						before.lastScore(), before.lastRunAt(), before.drifted(), before.excludedTier(), before.runs(),
						ex.getClass().getSimpleName() + ": " + ex.getMessage()));
				return null;
			}
		}
	}

	private DriftRun evaluate(DriftCheck check, DriftCheckState state) {
		// a class check re-tests the tier it took out, so it can see it recover
		String tier = (check.tier() != null) ? check.tier() : state.excludedTier();
		double total = 0;
		int failed = 0;
		Map<String, Integer> servedBy = new LinkedHashMap<>();
		for (DriftCase evalCase : check.cases()) {
			RoutingChatOptions options = RoutingChatOptions.builder()
				.tier(tier)
				.task(check.task())
				.tenant(TENANT)
				.build();
			try {
				ChatResponse response = this.router.call(new Prompt(evalCase.prompt(), options));
				RoutingReceipt.from(response)
					.map(RoutingReceipt::tier)
					.ifPresent((t) -> servedBy.merge(t, 1, Integer::sum));
				String answer = (response.getResult() != null && response.getResult().getOutput().getText() != null)
						? response.getResult().getOutput().getText() : "";
				total += Math.max(0, Math.min(1, check.grader().score(evalCase, answer)));
			}
			catch (RuntimeException ex) {
				failed++;
			}
		}
		double score = check.cases().isEmpty() ? 0 : total / check.cases().size();
		double baseline = (state.baseline() != null) ? state.baseline() : score;
		boolean drifted = baseline - score > check.maxDrop() + 1e-9;
		String most = servedBy.entrySet()
			.stream()
			.max(Map.Entry.comparingByValue())
			.map(Map.Entry::getKey)
			.orElse(tier);
		return new DriftRun(check.name(), this.clock.instant(), score, baseline, drifted, failed, servedBy, most);
	}

	private void apply(DriftCheck check, DriftCheckState before, DriftRun run) {
		String excluded = before.excludedTier();
		if (run.drifted() && !before.drifted()) {
			if (check.removeOnDrift() && run.mostServedTier() != null) {
				excluded = run.mostServedTier();
				this.exclusions.exclude(excluded);
			}
			logger.warn("Drift check '" + check.name() + "' drifted: score " + run.score() + " against baseline "
					+ run.baseline()
					+ ((excluded != null) ? "; tier '" + excluded + "' taken out of class policies" : ""));
			this.events.publishEvent(new DriftDetectedEvent(run, excluded));
		}
		else if (!run.drifted() && before.drifted()) {
			String restored = excluded;
			if (restored != null) {
				this.exclusions.restore(restored);
			}
			excluded = null;
			logger.info("Drift check '" + check.name() + "' passes again: score " + run.score());
			this.events.publishEvent(new DriftRecoveredEvent(run, restored));
		}
		count(check, run.drifted() ? "drift" : "pass");
		replace(new DriftCheckState(check.name(), check.tier(), check.task(), run.baseline(), run.score(), run.at(),
				run.drifted(), excluded, before.runs() + 1, null));
	}

	private void count(DriftCheck check, String result) {
		if (this.meters != null) {
			this.meters.counter("llm.drift.runs", "check", check.name(), "result", result).increment();
		}
	}

	private synchronized void replace(DriftCheckState state) {
		this.states.put(state.check(), state);
	}

	private synchronized DriftCheckState state(String name) {
		return this.states.get(name);
	}

	/** The state of every check, in configuration order. */
	public synchronized List<DriftCheckState> states() {
		return List.copyOf(this.states.values());
	}

	/** Whether any check is drifted now. */
	public boolean isDrifted() {
		return states().stream().anyMatch(DriftCheckState::drifted);
	}

	/** The tiers taken out of routing because they drifted (when exclusion is on). */
	public Set<String> excludedTiers() {
		return this.exclusions.excluded();
	}

	private static double value(@Nullable Double value) {
		return (value != null) ? value : Double.NaN;
	}

	@Override
	public synchronized void start() {
		if (this.scheduler != null || this.checks.isEmpty()) {
			return;
		}
		ThreadPoolTaskScheduler tasks = new ThreadPoolTaskScheduler();
		tasks.setThreadNamePrefix("llm-drift-");
		tasks.setDaemon(true);
		tasks.setPoolSize(1);
		tasks.initialize();
		for (DriftCheck check : this.checks) {
			Runnable task = () -> run(check);
			if (check.cron() != null) {
				this.scheduled.add(tasks.schedule(task, new CronTrigger(check.cron())));
			}
			else if (check.interval() != null) {
				this.scheduled.add(tasks.scheduleWithFixedDelay(task, this.clock.instant().plus(check.initialDelay()),
						check.interval()));
			}
		}
		this.scheduler = tasks;
	}

	@Override
	public synchronized void stop() {
		this.scheduled.forEach((future) -> future.cancel(false));
		this.scheduled.clear();
		if (this.scheduler != null) {
			this.scheduler.shutdown();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

}
