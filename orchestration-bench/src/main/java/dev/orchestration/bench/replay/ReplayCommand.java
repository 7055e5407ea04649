package dev.orchestration.bench.replay;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.orchestration.bench.Args;
import dev.orchestration.bench.BenchCommand;
import dev.orchestration.bench.UsageException;
import dev.orchestration.cascade.CascadeReceipt;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.RecordedRequest;
import dev.orchestration.test.simulator.RouterBenchDataset;
import dev.orchestration.test.simulator.RouterBenchRow;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * {@code replay --data CSV [--task-hints] [--config YAML]}: runs RouterBench prompts
 * through a real {@link RoutingChatClient} built by Spring Boot from an {@code llm.*}
 * configuration, with the provider simulator replaying every referenced model's recorded
 * answer at a cost equal to the recorded cost, and grades each served answer with the
 * recorded correctness of the model that produced it.
 */
public final class ReplayCommand implements BenchCommand {

	/** The configuration docs/cascade.md recommends; used without {@code --config}. */
	public static final String RECOMMENDED_CONFIG = "classpath:replay/recommended.yml";

	/**
	 * Where bundled configurations live: {@code --config NAME} runs
	 * {@code classpath:replay/NAME.yml}.
	 */
	static final String BUNDLED = "classpath:replay/";

	/** The model costs and accuracy are compared with. */
	public static final String DEFAULT_FRONTIER = "gpt-4-1106-preview";

	@Override
	public String name() {
		return "replay";
	}

	@Override
	public String usage() {
		return "--data CSV[,CSV...] [--data CSV ...] [--task-hints] [--config YAML|NAME | --single MODEL] [--set key=value ...]"
				+ " [--judge-error P] [--seed N] [--threads N] [--limit N] [--frontier MODEL]";
	}

	@Override
	public int run(List<String> args, PrintStream out) throws Exception {
		Options options = Options.parse(args);
		long start = System.nanoTime();
		ReplayData data = ReplayData.load(options.data);
		List<RouterBenchRow> rows = data.rows();
		if (options.limit > 0 && rows.size() > options.limit) {
			rows = rows.subList(0, options.limit);
		}
		if (!data.dataset().models().contains(options.frontier)) {
			throw new UsageException("--frontier model '" + options.frontier + "' is not in the data; models: "
					+ data.dataset().models());
		}
		Map<String, Object> config = configuration(options);

		out.println("# replay bench: recorded RouterBench answers through a real RoutingChatClient");
		out.printf(Locale.ROOT, "data: %s%n", options.data);
		out.printf(Locale.ROOT,
				"rows: %d read, %d duplicate sample_id dropped, %d with a missing model value dropped -> %d prompts%s %s%n",
				data.rowsRead(), data.duplicates(), data.incomplete(), data.rows().size(),
				(rows.size() < data.rows().size()) ? " (first " + rows.size() + " used: --limit)" : "", tasks(rows));
		out.println("config: " + configName(options));
		if (config.keySet().stream().anyMatch((key) -> key.endsWith(".vote.samples") && !"0".equals(config.get(key)))) {
			out.println("NOTE: self-consistency samples replay the one recorded answer of their model, so they always"
					+ " agree with it: the data has one sample per model and prompt and cannot measure them");
		}
		out.println("task hints: " + (options.taskHints ? "on (each row's eval_name is the caller's task hint)"
				: "off (the router sees only the prompt)"));
		out.printf(Locale.ROOT,
				"cost: every model call counted (answers, escalations, agreement and judge calls); each replayed model is"
						+ " priced %s/%s USD per million input/output tokens and reports output tokens = recorded cost /"
						+ " that price, so a call costs its recorded total_cost; compared with %s on every prompt%n",
				ReplayApplication.INPUT_PER_MILLION, ReplayApplication.OUTPUT_PER_MILLION, options.frontier);

		// the call ledger matches every call of the replay: keep the whole request log
		try (ProviderSimulator simulator = ProviderSimulator.start().requestLogCapacity(Integer.MAX_VALUE)) {
			ReplayApplication.ReplayedModels replayed = new ReplayApplication.ReplayedModels();
			try (ConfigurableApplicationContext context = startContext(simulator, data.dataset(), replayed, config,
					options)) {
				out.println("models replayed: " + replayed.models());
				RecordedTruthVerifier truth = context.getBean(RecordedTruthVerifier.class);
				Tally tally = replay(context.getBean(RoutingChatClient.class), rows, options, out, start);
				CallLedger ledger = CallLedger.of(simulator.requests(), data.dataset());
				print(out, tally, ledger, truth, rows, options, start);
				return (tally.failures > 0 || ledger.unmatched > 0) ? 1 : 0;
			}
		}
	}

	private static String configName(Options options) {
		if (options.single != null) {
			return "single model " + options.single + " (generated: one tier, no cascade)"
					+ (options.sets.isEmpty() ? "" : " + --set " + options.sets);
		}
		String name = (options.config != null) ? options.config
				: RECOMMENDED_CONFIG + " (recommended, docs/cascade.md)";
		return name + (options.sets.isEmpty() ? "" : " + --set " + options.sets);
	}

	private static String tasks(List<RouterBenchRow> rows) {
		Map<String, Integer> tasks = new LinkedHashMap<>();
		rows.forEach((row) -> tasks.merge(row.evalName(), 1, Integer::sum));
		return tasks.toString();
	}

	/**
	 * The {@code llm.*} properties: the YAML (or the generated single-model config) with
	 * --set applied.
	 */
	static Map<String, Object> configuration(Options options) {
		Map<String, Object> config = new LinkedHashMap<>();
		if (options.single != null) {
			config.put("llm.tiers.single.models[0].id", "single");
			config.put("llm.tiers.single.models[0].chat-model", ReplayApplication.CHAT_MODEL_BEAN);
			config.put("llm.tiers.single.models[0].model", options.single);
		}
		else {
			String location = (options.config != null) ? location(options.config) : RECOMMENDED_CONFIG;
			Resource resource = location.startsWith("classpath:")
					? new ClassPathResource(location.substring("classpath:".length()))
					: new FileSystemResource(location);
			if (!resource.exists()) {
				throw new UsageException("No configuration at " + location);
			}
			try {
				for (PropertySource<?> document : new YamlPropertySourceLoader().load(location, resource)) {
					if (document instanceof EnumerablePropertySource<?> enumerable) {
						for (String key : enumerable.getPropertyNames()) {
							config.putIfAbsent(key, String.valueOf(enumerable.getProperty(key)));
						}
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot read " + location, ex);
			}
		}
		for (String set : options.sets) {
			int eq = set.indexOf('=');
			config.put(set.substring(0, eq).strip(), set.substring(eq + 1).strip());
		}
		return config;
	}

	/**
	 * A file, a {@code classpath:} location, or the name of a bundled configuration
	 * ({@code votes-40}).
	 */
	static String location(String config) {
		if (config.startsWith("classpath:") || Files.isRegularFile(Path.of(config))) {
			return config;
		}
		return BUNDLED + config + ".yml";
	}

	static ConfigurableApplicationContext startContext(ProviderSimulator simulator, RouterBenchDataset data,
			ReplayApplication.ReplayedModels replayed, Map<String, Object> config, Options options) {
		return startContext(simulator, data, replayed, config, options, Map.of());
	}

	/**
	 * As above, with extra singletons (bench-only beans such as the {@link InferredTasks}
	 * recorder).
	 */
	static ConfigurableApplicationContext startContext(ProviderSimulator simulator, RouterBenchDataset data,
			ReplayApplication.ReplayedModels replayed, Map<String, Object> config, Options options,
			Map<String, Object> singletons) {
		return new SpringApplicationBuilder(ReplayApplication.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.registerShutdownHook(false)
			// hermetic: no application.yml from the working directory; the YAML given is
			// the whole configuration
			.properties("spring.config.location=optional:classpath:/dev/orchestration/bench/replay/none/")
			.initializers((context) -> {
				context.getBeanFactory().registerSingleton("providerSimulator", simulator);
				context.getBeanFactory().registerSingleton("routerBenchDataset", data);
				context.getBeanFactory().registerSingleton("replayedModels", replayed);
				context.getBeanFactory()
					.registerSingleton("replaySettings",
							new ReplayApplication.ReplaySettings(options.judgeError, options.seed));
				singletons.forEach(context.getBeanFactory()::registerSingleton);
				context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("replay-config", config));
			})
			.run();
	}

	static Tally replay(ChatClient client, List<RouterBenchRow> rows, Options options, PrintStream out, long start)
			throws InterruptedException {
		ExecutorService pool = Executors.newFixedThreadPool(options.threads);
		try {
			List<Future<Outcome>> futures = new ArrayList<>(rows.size());
			for (RouterBenchRow row : rows) {
				futures.add(pool.submit(() -> ask(client, row, options)));
			}
			Tally tally = new Tally(options.frontier);
			int every = (rows.size() >= 200) ? Math.max(100, rows.size() / 10) : Integer.MAX_VALUE;
			for (int i = 0; i < futures.size(); i++) {
				Outcome outcome;
				try {
					outcome = futures.get(i).get();
				}
				catch (ExecutionException ex) {
					throw new IllegalStateException("replay of row " + rows.get(i).sampleId() + " failed",
							ex.getCause());
				}
				tally.add(outcome);
				if (outcome.failure != null && tally.failures <= 3) {
					System.err.println("call failed for " + outcome.row.sampleId() + ": " + outcome.failure);
				}
				if ((i + 1) % every == 0 && i + 1 < futures.size()) {
					out.printf(Locale.ROOT, "progress: %d/%d prompts, accuracy so far %.4f, %.1f s%n", i + 1,
							rows.size(), tally.accuracy(), (System.nanoTime() - start) / 1e9);
				}
			}
			return tally;
		}
		finally {
			pool.shutdownNow();
		}
	}

	static Outcome ask(ChatClient client, RouterBenchRow row, Options options) {
		try {
			ChatClient.ChatClientRequestSpec spec = client.prompt().messages(new UserMessage(row.prompt()));
			if (options.taskHints) {
				spec = spec.options(RoutingChatOptions.builder().task(row.evalName()));
			}
			ChatResponse response = spec.call().chatResponse();
			RoutingReceipt receipt = RoutingReceipt.from(response)
				.orElseThrow(() -> new IllegalStateException("no routing receipt in the response"));
			CascadeReceipt cascade = CascadeReceipt.from(response).orElse(null);
			String model = receipt.model();
			RouterBenchRow.Outcome recorded = (model != null) ? row.outcome(model) : null;
			if (recorded == null) {
				throw new IllegalStateException("served by " + model + ", which has no recorded outcome on this row");
			}
			String text = (response.getResult() != null) ? response.getResult().getOutput().getText() : null;
			boolean sameText = RouterBenchDataset.normalize(String.valueOf(text))
				.equals(RouterBenchDataset.normalize(recorded.response()));
			double cost = (cascade != null) ? cascade.cost() : receipt.cost();
			Map<String, Integer> candidates = new java.util.TreeMap<>();
			if (cascade != null) {
				cascade.candidates().forEach((c) -> candidates.merge(c.role() + "/" + c.status(), 1, Integer::sum));
			}
			return new Outcome(row, model, receipt.tier(), recorded.isCorrect(), cost,
					(cascade != null) ? cascade.escalations() : 0, (cascade != null) ? cascade.outcome() : null,
					sameText, null, candidates);
		}
		catch (RuntimeException ex) {
			return new Outcome(row, null, null, false, 0, 0, null, false, ex, Map.of());
		}
	}

	static void print(PrintStream out, Tally tally, CallLedger ledger, RecordedTruthVerifier truth,
			List<RouterBenchRow> rows, Options options, long start) {
		out.println();
		out.println("per task:");
		out.println("task            prompts  accuracy  frontier_acc  cost_ratio  escalation_rate");
		for (Map.Entry<String, Tally.Group> entry : tally.tasks.entrySet()) {
			Tally.Group g = entry.getValue();
			out.printf(Locale.ROOT, "%-15s %7d  %8.4f  %12.4f  %10.4f  %15.4f%n", entry.getKey(), g.prompts,
					g.accuracy(), g.frontierAccuracy(), g.costRatio(), g.escalationRate());
		}
		out.printf(Locale.ROOT, "%-15s %7d  %8.4f  %12.4f  %10.4f  %15.4f%n", "all", tally.all.prompts,
				tally.all.accuracy(), tally.all.frontierAccuracy(), tally.all.costRatio(), tally.all.escalationRate());
		out.println();
		out.println("tier shares (tier that served the answer): " + shares(tally.servedTiers, tally.all.prompts));
		out.println("model shares (model that served the answer): " + shares(tally.servedModels, tally.all.prompts));
		out.printf(Locale.ROOT, "escalation rate: %.4f (%d of %d prompts escalated at least once; %d escalations)%n",
				tally.all.escalationRate(), tally.all.escalated, tally.all.prompts, tally.escalations);
		if (!tally.cascadeOutcomes.isEmpty()) {
			out.println("cascade outcomes: " + tally.cascadeOutcomes + " (prompts without a cascade policy: "
					+ (tally.all.prompts - tally.cascadeOutcomes.values().stream().mapToInt(Integer::intValue).sum())
					+ ")");
		}
		if (!tally.candidates.isEmpty()) {
			out.println("vote and ensemble candidates (role/status): " + tally.candidates
					+ " (CANCELLED and SKIPPED_COST calls are not charged in the receipts)");
		}
		out.println("model calls (every call the simulator answered, verifier calls included): " + ledger.calls);
		out.printf(Locale.ROOT,
				"cost: router-accounted %.6f USD = %.6f per prompt; recorded cost of every simulator call %.6f USD"
						+ " (difference %.2e); %s on every prompt %.6f USD%n",
				tally.all.cost, tally.all.cost / Math.max(1, tally.all.prompts), ledger.recordedCost,
				tally.all.cost - ledger.recordedCost, options.frontier, tally.all.frontierCost);
		if (truth.verdicts() > 0) {
			out.printf(Locale.ROOT,
					"recorded-truth verifier: SENSITIVITY PROBE, NOT A REAL JUDGE (verdict = recorded correctness,"
							+ " flipped with probability %.2f, seed %d, no model call, cost 0): %d verdicts, %d flipped"
							+ " (%.4f), %d wrong answers accepted, %d correct answers rejected%n",
					truth.errorRate(), truth.seed(), truth.verdicts(), truth.flipped(),
					truth.flipped() / (double) truth.verdicts(), truth.falseAccepts(), truth.falseRejects());
		}
		if (tally.textMismatches > 0) {
			out.println("WARNING: " + tally.textMismatches
					+ " served answers differ from the recorded answer of the serving model");
		}
		if (tally.failures > 0 || ledger.unmatched > 0) {
			out.println("WARNING: " + tally.failures + " prompts failed (graded wrong), " + ledger.unmatched
					+ " simulator calls matched no recorded row");
		}
		out.printf(Locale.ROOT, "wall time: %.1f s (%d prompts, %d threads)%n", (System.nanoTime() - start) / 1e9,
				rows.size(), options.threads);
		out.println(tally.resultLine());
	}

	private static String shares(Map<String, Integer> counts, int total) {
		StringBuilder text = new StringBuilder();
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.forEach((e) -> text.append((text.length() > 0) ? ", " : "")
				.append(String.format(Locale.ROOT, "%s %.1f %%", e.getKey(),
						100.0 * e.getValue() / Math.max(1, total))));
		return text.toString();
	}

	/** One prompt's result. */
	record Outcome(RouterBenchRow row, @Nullable String model, @Nullable String tier, boolean correct, double cost,
			int escalations, @Nullable String cascadeOutcome, boolean sameText, @Nullable Throwable failure,
			Map<String, Integer> candidates) {
	}

	/**
	 * Every call the simulator answered, priced with the recorded cost of that model on
	 * that prompt.
	 */
	record CallLedger(Map<String, Integer> calls, double recordedCost, int unmatched) {

		static CallLedger of(List<RecordedRequest> requests, RouterBenchDataset data) {
			Map<String, Integer> calls = new java.util.TreeMap<>();
			double cost = 0;
			int unmatched = 0;
			for (RecordedRequest request : requests) {
				calls.merge(request.model(), 1, Integer::sum);
				RouterBenchRow row = data.find(String.valueOf(request.lastUserMessage()), request.model()).orElse(null);
				if (row == null) {
					unmatched++;
				}
				else {
					cost += row.cost(request.model());
				}
			}
			return new CallLedger(calls, cost, unmatched);
		}

	}

	/** Sums over the prompts. */
	static final class Tally {

		final String frontier;

		final Group all = new Group();

		final Map<String, Group> tasks = new LinkedHashMap<>();

		final Map<String, Integer> servedTiers = new LinkedHashMap<>();

		final Map<String, Integer> servedModels = new LinkedHashMap<>();

		final Map<String, Integer> cascadeOutcomes = new java.util.TreeMap<>();

		final Map<String, Integer> candidates = new java.util.TreeMap<>();

		int escalations;

		int textMismatches;

		int failures;

		Tally(String frontier) {
			this.frontier = frontier;
		}

		void add(Outcome outcome) {
			this.all.add(outcome, this.frontier);
			this.tasks.computeIfAbsent(outcome.row.evalName(), (k) -> new Group()).add(outcome, this.frontier);
			if (outcome.failure != null) {
				this.failures++;
				return;
			}
			this.servedTiers.merge(String.valueOf(outcome.tier), 1, Integer::sum);
			this.servedModels.merge(String.valueOf(outcome.model), 1, Integer::sum);
			if (outcome.cascadeOutcome != null) {
				this.cascadeOutcomes.merge(outcome.cascadeOutcome, 1, Integer::sum);
			}
			this.escalations += outcome.escalations;
			outcome.candidates.forEach((key, count) -> this.candidates.merge(key, count, Integer::sum));
			if (!outcome.sameText) {
				this.textMismatches++;
			}
		}

		double accuracy() {
			return this.all.accuracy();
		}

		String resultLine() {
			return String.format(Locale.ROOT, "accuracy=%.4f frontier_accuracy=%.4f cost_ratio=%.4f prompts=%d",
					this.all.accuracy(), this.all.frontierAccuracy(), this.all.costRatio(), this.all.prompts);
		}

		static final class Group {

			int prompts;

			int correct;

			int frontierCorrect;

			int escalated;

			double cost;

			double frontierCost;

			void add(Outcome outcome, String frontier) {
				this.prompts++;
				this.correct += outcome.correct ? 1 : 0;
				this.frontierCorrect += outcome.row.outcome(frontier).isCorrect() ? 1 : 0;
				this.escalated += (outcome.escalations > 0) ? 1 : 0;
				this.cost += outcome.cost;
				this.frontierCost += outcome.row.cost(frontier);
			}

			double accuracy() {
				return this.correct / (double) Math.max(1, this.prompts);
			}

			double frontierAccuracy() {
				return this.frontierCorrect / (double) Math.max(1, this.prompts);
			}

			double costRatio() {
				return (this.frontierCost > 0) ? this.cost / this.frontierCost : 0;
			}

			double escalationRate() {
				return this.escalated / (double) Math.max(1, this.prompts);
			}

		}

	}

	/** Parsed arguments. */
	record Options(List<Path> data, boolean taskHints, @Nullable String config, @Nullable String single,
			List<String> sets, double judgeError, long seed, int threads, int limit, String frontier) {

		static Options parse(List<String> args) {
			List<Path> data = new ArrayList<>();
			boolean taskHints = false;
			String config = null;
			String single = null;
			List<String> sets = new ArrayList<>();
			double judgeError = 0;
			long seed = 42;
			int threads = 8;
			int limit = 0;
			String frontier = DEFAULT_FRONTIER;
			for (int i = 0; i < args.size(); i++) {
				String arg = args.get(i);
				switch (arg) {
					case "--data" -> {
						for (String part : Args.value(args, ++i, arg).split(",")) {
							if (!part.isBlank()) {
								data.add(Path.of(part.strip()));
							}
						}
					}
					case "--task-hints" -> taskHints = true;
					case "--config" -> config = Args.value(args, ++i, arg);
					case "--single" -> single = Args.value(args, ++i, arg);
					case "--set" -> {
						String set = Args.value(args, ++i, arg);
						if (set.indexOf('=') <= 0) {
							throw new UsageException("--set expects key=value, got '" + set + "'");
						}
						sets.add(set);
					}
					case "--judge-error" -> {
						judgeError = Args.number(Args.value(args, ++i, arg), arg);
						if (judgeError < 0 || judgeError > 1) {
							throw new UsageException("--judge-error must be between 0 and 1");
						}
					}
					case "--seed" -> seed = (long) Args.number(Args.value(args, ++i, arg), arg);
					case "--threads" -> threads = Math.max(1, (int) Args.number(Args.value(args, ++i, arg), arg));
					case "--limit" -> limit = (int) Args.number(Args.value(args, ++i, arg), arg);
					case "--frontier" -> frontier = Args.value(args, ++i, arg);
					default -> throw new UsageException("Unknown argument '" + arg + "'");
				}
			}
			if (data.isEmpty()) {
				throw new UsageException("--data CSV is required");
			}
			if (config != null && single != null) {
				throw new UsageException("--config and --single exclude each other");
			}
			if (config != null && !config.startsWith("classpath:") && !Files.isRegularFile(Path.of(config))
					&& !(config.matches("[a-z0-9-]+") && new ClassPathResource("replay/" + config + ".yml").exists())) {
				throw new UsageException("No configuration file at " + Path.of(config).toAbsolutePath()
						+ " and no bundled configuration named '" + config + "' (" + BUNDLED + config + ".yml)");
			}
			return new Options(List.copyOf(data), taskHints, config, single, List.copyOf(sets), judgeError, seed,
					threads, limit, frontier);
		}

	}

}
