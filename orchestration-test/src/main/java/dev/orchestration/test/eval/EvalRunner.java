package dev.orchestration.test.eval;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;

/**
 * Runs a dataset through one or more policies and grades every answer.
 * <p>
 * Independent of how the policy was built: give it a {@link Policy} (a name and a
 * function from case to {@link ChatResponse}, usually a {@code RoutingChatClient}). Per
 * case it records the serving tier and model, the grade, the judge score, the cost
 * (cascade receipt if present, else routing receipt), the latency and whether a cascade
 * escalated. A call that throws is recorded as a failed case with its error; the run goes
 * on.
 * <p>
 * Long runs print a progress line to stderr (or the configured stream) every
 * {@code progressEvery} cases or {@code progressInterval}, whichever comes first.
 */
public final class EvalRunner {

	private final Grader grader;

	private final int parallelism;

	private final int progressEvery;

	private final Duration progressInterval;

	private final @Nullable PrintStream progress;

	private EvalRunner(Builder builder) {
		this.grader = Objects.requireNonNull(builder.grader, "grader");
		this.parallelism = builder.parallelism;
		this.progressEvery = builder.progressEvery;
		this.progressInterval = builder.progressInterval;
		this.progress = builder.progress;
	}

	public static Builder builder(Grader grader) {
		return new Builder(grader);
	}

	/** Runs one policy. */
	public PolicyRun run(EvalDataset dataset, Policy policy) {
		List<EvalCase> cases = dataset.cases();
		Progress tracker = new Progress(dataset.name(), policy.name(), cases.size());
		List<CaseResult> results = new ArrayList<>(cases.size());
		if (this.parallelism <= 1) {
			for (EvalCase c : cases) {
				CaseResult r = runCase(c, policy);
				results.add(r);
				tracker.completed(r);
			}
		}
		else {
			ExecutorService pool = Executors.newFixedThreadPool(this.parallelism, (runnable) -> {
				Thread thread = new Thread(runnable, "eval-" + policy.name());
				thread.setDaemon(true);
				return thread;
			});
			try {
				List<Future<CaseResult>> futures = new ArrayList<>(cases.size());
				for (EvalCase c : cases) {
					futures.add(pool.submit(() -> {
						CaseResult r = runCase(c, policy);
						tracker.completed(r);
						return r;
					}));
				}
				for (Future<CaseResult> f : futures) {
					results.add(f.get());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("evaluation interrupted", ex);
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException("evaluation failed", ex.getCause());
			}
			finally {
				pool.shutdownNow();
			}
		}
		tracker.finished();
		return PolicyRun.of(policy.name(), results);
	}

	/**
	 * Runs the policy and then each baseline on the same dataset; the policy is the
	 * report's primary run.
	 */
	public EvalReport evaluate(EvalDataset dataset, Policy policy, Policy... baselines) {
		List<PolicyRun> runs = new ArrayList<>();
		runs.add(run(dataset, policy));
		for (Policy baseline : baselines) {
			runs.add(run(dataset, baseline));
		}
		return new EvalReport(dataset.name(), runs);
	}

	/**
	 * Runs the client as configured (task hints sent) and, as baselines, the same client
	 * with every case forced to each of the tiers.
	 */
	public EvalReport evaluate(EvalDataset dataset, String policyName, ChatClient client, List<String> baselineTiers) {
		Policy[] baselines = baselineTiers.stream().map((t) -> Policy.forcedTier(client, t)).toArray(Policy[]::new);
		return evaluate(dataset, Policy.of(policyName, client), baselines);
	}

	CaseResult runCase(EvalCase evalCase, Policy policy) {
		long start = System.nanoTime();
		ChatResponse response;
		try {
			response = policy.call().apply(evalCase);
		}
		catch (RuntimeException ex) {
			double latency = (System.nanoTime() - start) / 1e6;
			String message = ex.getClass().getSimpleName() + ": " + ex.getMessage();
			return new CaseResult(evalCase.id(), evalCase.task(), null, null, false, null, 0, latency, false, message,
					"call failed");
		}
		double latency = (System.nanoTime() - start) / 1e6;
		Served served = Served.of(response);
		Grade grade;
		try {
			grade = this.grader.grade(evalCase, served);
		}
		catch (RuntimeException ex) {
			grade = Grade.fail("grader failed: " + ex);
		}
		return new CaseResult(evalCase.id(), evalCase.task(), served.tier(), served.model(), grade.passed(),
				grade.score(), served.cost(), latency, served.escalated(), null, grade.detail());
	}

	private final class Progress {

		private final String dataset;

		private final String policy;

		private final int total;

		private final long startNanos = System.nanoTime();

		private final AtomicInteger done = new AtomicInteger();

		private final AtomicInteger passed = new AtomicInteger();

		private double cost;

		private long lastPrintNanos = System.nanoTime();

		Progress(String dataset, String policy, int total) {
			this.dataset = dataset;
			this.policy = policy;
			this.total = total;
		}

		void completed(CaseResult result) {
			int n = this.done.incrementAndGet();
			if (result.passed()) {
				this.passed.incrementAndGet();
			}
			synchronized (this) {
				this.cost += result.cost();
				long now = System.nanoTime();
				boolean byCount = EvalRunner.this.progressEvery > 0 && n % EvalRunner.this.progressEvery == 0;
				boolean byTime = now - this.lastPrintNanos >= EvalRunner.this.progressInterval.toNanos();
				if ((byCount || byTime) && n < this.total) {
					this.lastPrintNanos = now;
					print(n, now);
				}
			}
		}

		void finished() {
			if (this.total >= EvalRunner.this.progressEvery) {
				print(this.done.get(), System.nanoTime());
			}
		}

		private void print(int n, long now) {
			PrintStream out = EvalRunner.this.progress;
			if (out == null) {
				return;
			}
			double elapsed = (now - this.startNanos) / 1e9;
			double eta = (n == 0) ? 0 : elapsed / n * (this.total - n);
			out.println(String.format(Locale.ROOT,
					"[eval] %s / %s: %d/%d (%.1f %%) pass %.1f %% cost $%.5f elapsed %.0fs eta %.0fs", this.dataset,
					this.policy, n, this.total, 100.0 * n / Math.max(1, this.total),
					100.0 * this.passed.get() / Math.max(1, n), this.cost, elapsed, eta));
		}

	}

	/** Builder of an {@link EvalRunner}. */
	public static final class Builder {

		private final Grader grader;

		private int parallelism = 1;

		private int progressEvery = 100;

		private Duration progressInterval = Duration.ofSeconds(10);

		private @Nullable PrintStream progress = System.err;

		private Builder(Grader grader) {
			this.grader = grader;
		}

		/** How many cases run at once (default 1). */
		public Builder parallelism(int parallelism) {
			if (parallelism < 1) {
				throw new IllegalArgumentException("parallelism must be at least 1");
			}
			this.parallelism = parallelism;
			return this;
		}

		/**
		 * A progress line every this many cases (default 100) or this often (default 10
		 * s).
		 */
		public Builder progressEvery(int cases, Duration interval) {
			this.progressEvery = cases;
			this.progressInterval = interval;
			return this;
		}

		/** Where progress lines go (default stderr; {@code null} for none). */
		public Builder progressTo(@Nullable PrintStream stream) {
			this.progress = stream;
			return this;
		}

		public EvalRunner build() {
			return new EvalRunner(this);
		}

	}

}
