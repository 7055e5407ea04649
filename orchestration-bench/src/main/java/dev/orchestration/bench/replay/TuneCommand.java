package dev.orchestration.bench.replay;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.orchestration.bench.Args;
import dev.orchestration.bench.BenchCommand;
import dev.orchestration.bench.UsageException;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.test.eval.CaseResult;
import dev.orchestration.test.eval.EvalCase;
import dev.orchestration.test.eval.EvalDataset;
import dev.orchestration.test.eval.EvalReport;
import dev.orchestration.test.eval.EvalRunner;
import dev.orchestration.test.eval.Grader;
import dev.orchestration.test.eval.Policy;
import dev.orchestration.test.eval.PolicyRun;
import dev.orchestration.test.eval.RoutingTuner;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.RecordedRequest;
import dev.orchestration.test.simulator.RouterBenchDataset;
import dev.orchestration.test.simulator.RouterBenchRow;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

/**
 * {@code tune --data CSV[,CSV...]}: issue 5, "Must show 2" and "3".
 * <ol>
 * <li>Splits the deduplicated rows (seeded, stratified by eval_name) into a tuning part
 * and an evaluation part ({@link TuneSplit}).</li>
 * <li>On the tuning part only: the {@link RoutingTuner} chooses per class (eval_name) the
 * cheapest candidate within {@code --floor-points} of the best, among the four single
 * tiers of {@code replay/recommended.yml} (outcomes from the recorded data) and one
 * hand-designed candidate, the agreement cascade of docs/cascade.md (mid answers, peer
 * answers too, escalate to frontier on disagreement), whose outcomes are measured by
 * replaying the tuning part through a real router. The proposal is printed, then
 * translated into the configuration that is used.</li>
 * <li>The classifier's class examples are the tuning part's prompts per eval_name,
 * written to temporary JSON files and configured as
 * {@code llm.routing.classifier.classes.<eval_name>.examples-file}.</li>
 * <li>The evaluation part is replayed through one real {@code RoutingChatClient} with the
 * tuned configuration, once with task hints and once without (the classifier infers the
 * task), and both result lines, their difference and the classifier's accuracy are
 * printed.</li>
 * <li>With {@code --report-dir}: an {@link EvalReport} (JSON without per-case rows,
 * Markdown, PNG) over every row and over the evaluation part: the recommended
 * configuration with and without hints, the tuned configuration with and without hints,
 * single-model baselines.</li>
 * </ol>
 */
public final class TuneCommand implements BenchCommand {

	/**
	 * The tier-to-model map the tuner chooses from (the tiers of replay/recommended.yml),
	 * cheapest-first order.
	 */
	static final Map<String, String> CANDIDATE_TIERS = candidateTiers();

	/**
	 * Name of the hand-designed cascade candidate in the tuner's input and raw output.
	 */
	static final String CASCADE_CANDIDATE = "agreement-cascade";

	/** Models of the single-model baselines of the report, by tier name. */
	static final Map<String, String> SINGLE_MODELS = singleModels();

	private static final String CLASSIFIER = "llm.routing.classifier";

	@Override
	public String name() {
		return "tune";
	}

	@Override
	public String usage() {
		return "--data CSV[,CSV...] [--tune-fraction F] [--seed N] [--floor-points P] [--k K] [--confidence-floor C]"
				+ " [--min-margin M] [--threads N] [--report-dir DIR] [--report-name NAME]";
	}

	@Override
	public int run(List<String> args, PrintStream out) throws Exception {
		Options options = Options.parse(args);
		long start = System.nanoTime();
		ReplayData data = ReplayData.load(options.data);
		RouterBenchDataset dataset = data.dataset();
		for (String model : CANDIDATE_TIERS.values()) {
			if (!dataset.models().contains(model)) {
				throw new UsageException("model '" + model + "' is not in the data; models: " + dataset.models());
			}
		}
		TuneSplit split = TuneSplit.of(dataset, options.reportName, options.fraction, options.seed);
		out.println("# tune: tuner and classifier from a tuning part, tuned routing evaluated on the rest");
		out.printf(Locale.ROOT, "data: %s%n", options.data);
		out.printf(Locale.ROOT,
				"rows: %d read, %d duplicate sample_id dropped, %d with a missing model value dropped -> %d prompts %s%n",
				data.rowsRead(), data.duplicates(), data.incomplete(), data.rows().size(), data.tasks());
		out.println(split.describe());

		Path examplesDir = Files.createTempDirectory("routing-eval-classes-");
		examplesDir.toFile().deleteOnExit();
		Map<String, Object> classifier = classifierConfig(split, examplesDir, options, out);

		// the call ledger matches every call of the replay: keep the whole request log
		try (ProviderSimulator simulator = ProviderSimulator.start().requestLogCapacity(Integer.MAX_VALUE)) {
			ReplayApplication.ReplayedModels replayed = new ReplayApplication.ReplayedModels();
			ReplayCommand.Options quiet = replayOptions(options, false);

			// 1. the tuner, on the tuning part only
			List<RoutingTuner.TierOutcome> outcomes = recordedOutcomes(split.tuningCases());
			Set<String> tasks = new TreeSet<>(TuneSplit.counts(split.tuning()).keySet());
			Map<String, Object> candidateConfig = tiers();
			candidateConfig.putAll(flatten(cascadeCandidateYaml(tasks)));
			PolicyRun cascadeRun;
			try (ConfigurableApplicationContext context = ReplayCommand.startContext(simulator, dataset, replayed,
					candidateConfig, quiet)) {
				cascadeRun = runner(options, null).run(split.tuningCases(),
						Policy.of(CASCADE_CANDIDATE, context.getBean(RoutingChatClient.class)));
			}
			for (CaseResult c : cascadeRun.cases()) {
				outcomes.add(new RoutingTuner.TierOutcome(c.id(), c.task(), CASCADE_CANDIDATE, c.passed(), c.cost()));
			}
			RoutingTuner tuner = RoutingTuner.withinPointsOfBest(options.floorPoints);
			RoutingTuner.Proposal proposal = tuner.propose(outcomes);
			out.println();
			out.println("## tuner (tuning part only): candidates per class, " + tuner.describeFloor());
			printCandidates(out, proposal);
			out.println();
			out.println("## the tuner's proposal (RoutingTuner.Proposal.toYaml(), unedited)");
			out.print(proposal.toYaml());
			String defaultTier = proposal.defaultTier().tier();
			if (CASCADE_CANDIDATE.equals(defaultTier)) {
				defaultTier = tuner.proposeFromRecorded(split.tuningCases(), CANDIDATE_TIERS).defaultTier().tier();
				out.println("# (the default cannot be a per-task cascade: default tier from the single tiers: "
						+ defaultTier + ")");
			}
			String tunedYaml = tunedYaml(proposal, defaultTier);
			out.println();
			out.println("## tuned configuration used below (the proposal translated: a class assigned "
					+ CASCADE_CANDIDATE + " routes to mid and gets the agreement cascade; tiers as in"
					+ " replay/recommended.yml; classifier as above)");
			out.print(tunedYaml);
			Map<String, Object> tuned = tiers();
			tuned.putAll(flatten(tunedYaml));
			tuned.putAll(classifier);

			// 2. the evaluation part, with and without hints, one context
			InferredTasks inferred = new InferredTasks();
			RowResult withHints;
			RowResult withoutHints;
			InferredTasks.Accuracy accuracy;
			try (ConfigurableApplicationContext context = ReplayCommand.startContext(simulator, dataset, replayed,
					tuned, quiet, Map.of("benchInferredTasks", inferred))) {
				RoutingChatClient client = context.getBean(RoutingChatClient.class);
				RecordedTruthVerifier truth = context.getBean(RecordedTruthVerifier.class);
				out.println();
				out.println("## evaluation part (" + split.evaluation().size() + " prompts), tuned configuration,"
						+ " WITH task hints (eval_name sent as the caller's task)");
				withHints = replayRows(simulator, client, truth, dataset, split.evaluation(),
						replayOptions(options, true), out);
				inferred.clear();
				out.println();
				out.println("## evaluation part (" + split.evaluation().size() + " prompts), tuned configuration,"
						+ " WITHOUT task hints (the embedding classifier infers the task)");
				withoutHints = replayRows(simulator, client, truth, dataset, split.evaluation(), quiet, out);
				accuracy = inferred.accuracy(split.evaluation());
			}
			double dAccuracy = withoutHints.tally.all.accuracy() - withHints.tally.all.accuracy();
			double dCost = withoutHints.tally.all.costRatio() - withHints.tally.all.costRatio();
			boolean within = Math.abs(dAccuracy) <= 0.01 && Math.abs(dCost) <= 0.01;
			out.println();
			out.println("## summary (evaluation part; tuner and classifier examples from the tuning part only)");
			out.println("with hints:    " + withHints.tally.resultLine());
			out.println("without hints: " + withoutHints.tally.resultLine());
			out.println(accuracy.describe());
			out.printf(Locale.ROOT,
					"difference (without - with): accuracy %+.4f, cost_ratio %+.4f -> %s (bound: 0.0100 absolute on"
							+ " both)%n",
					dAccuracy, dCost, within ? "WITHIN one point" : "NOT within one point");

			// 3. the report
			if (options.reportDir != null) {
				report(options, simulator, dataset, replayed, split, tuned, classifier, out);
			}
			out.printf(Locale.ROOT, "wall time: %.1f s%n", (System.nanoTime() - start) / 1e9);
			out.printf(Locale.ROOT,
					"tune: with_hints_accuracy=%.4f with_hints_cost_ratio=%.4f without_hints_accuracy=%.4f"
							+ " without_hints_cost_ratio=%.4f classifier_accuracy=%.4f evaluation_prompts=%d"
							+ " tuning_prompts=%d%n",
					withHints.tally.all.accuracy(), withHints.tally.all.costRatio(), withoutHints.tally.all.accuracy(),
					withoutHints.tally.all.costRatio(), accuracy.accuracy(), split.evaluation().size(),
					split.tuning().size());
			boolean failed = withHints.failed() || withoutHints.failed();
			return failed ? 1 : 0;
		}
	}

	/** The result of one replay of a list of rows. */
	record RowResult(ReplayCommand.Tally tally, ReplayCommand.CallLedger ledger) {

		boolean failed() {
			return this.tally.failures > 0 || this.ledger.unmatched() > 0;
		}

	}

	static RowResult replayRows(ProviderSimulator simulator, RoutingChatClient client, RecordedTruthVerifier truth,
			RouterBenchDataset dataset, List<RouterBenchRow> rows, ReplayCommand.Options options, PrintStream out)
			throws InterruptedException {
		long start = System.nanoTime();
		int before = simulator.requests().size();
		ReplayCommand.Tally tally = ReplayCommand.replay(client, rows, options, out, start);
		List<RecordedRequest> requests = simulator.requests();
		ReplayCommand.CallLedger ledger = ReplayCommand.CallLedger.of(requests.subList(before, requests.size()),
				dataset);
		ReplayCommand.print(out, tally, ledger, truth, rows, options, start);
		return new RowResult(tally, ledger);
	}

	private static void report(Options options, ProviderSimulator simulator, RouterBenchDataset dataset,
			ReplayApplication.ReplayedModels replayed, TuneSplit split, Map<String, Object> tuned,
			Map<String, Object> classifier, PrintStream out) {
		ReplayCommand.Options quiet = replayOptions(options, false);
		Map<String, Object> recommended = ReplayCommand.configuration(quiet);
		recommended.putAll(classifier);
		Map<String, Object> singles = new LinkedHashMap<>();
		SINGLE_MODELS.forEach((tier, model) -> {
			singles.put("llm.tiers." + tier + ".models[0].id", tier);
			singles.put("llm.tiers." + tier + ".models[0].chat-model", ReplayApplication.CHAT_MODEL_BEAN);
			singles.put("llm.tiers." + tier + ".models[0].model", model);
		});
		singles.put("llm.routing.default-tier", SINGLE_MODELS.keySet().iterator().next());
		InferredTasks recommendedTasks = new InferredTasks();
		InferredTasks tunedTasks = new InferredTasks();
		EvalDataset all = new EvalDataset(options.reportName,
				EvalDataset.fromRouterBench(options.reportName, dataset).cases());
		EvalDataset evaluation = new EvalDataset(options.reportName + " evaluation part",
				split.evaluationCases().cases());
		try (ConfigurableApplicationContext rec = ReplayCommand.startContext(simulator, dataset, replayed, recommended,
				quiet, Map.of("benchInferredTasks", recommendedTasks));
				ConfigurableApplicationContext tun = ReplayCommand.startContext(simulator, dataset, replayed, tuned,
						quiet, Map.of("benchInferredTasks", tunedTasks));
				ConfigurableApplicationContext single = ReplayCommand.startContext(simulator, dataset, replayed,
						singles, quiet)) {
			RoutingChatClient recClient = rec.getBean(RoutingChatClient.class);
			RoutingChatClient tunClient = tun.getBean(RoutingChatClient.class);
			RoutingChatClient singleClient = single.getBean(RoutingChatClient.class);
			for (EvalDataset part : List.of(all, evaluation)) {
				boolean whole = part == all;
				EvalRunner runner = runner(options, System.err);
				List<PolicyRun> runs = new ArrayList<>();
				runs.add(runner.run(part, Policy.of("recommended, hints", recClient)));
				recommendedTasks.clear();
				runs.add(runner.run(part, Policy.withoutTaskHints("recommended, no hints (classifier)", recClient)));
				InferredTasks.Accuracy recAccuracy = recommendedTasks.accuracy(rows(dataset, part));
				runs.add(runner.run(part, Policy.of("tuned, hints", tunClient)));
				tunedTasks.clear();
				runs.add(runner.run(part, Policy.withoutTaskHints("tuned, no hints (classifier)", tunClient)));
				InferredTasks.Accuracy tunAccuracy = tunedTasks.accuracy(rows(dataset, part));
				SINGLE_MODELS.forEach((tier, model) -> runs
					.add(runner.run(part, Policy.forcedTier(shortName(model) + " only", singleClient, tier))));
				EvalReport report = new EvalReport(part.name(), runs);
				String base = whole ? options.reportName : options.reportName + "-eval-part";
				Path dir = options.reportDir;
				report.writeJson(dir.resolve(base + ".json"), false);
				report.writeMarkdown(dir.resolve(base + ".md"));
				report.writeChart(dir.resolve(base + ".png"));
				out.println();
				out.println("## report " + dir.resolve(base + ".{json,md,png}") + " (" + part.size() + " prompts"
						+ (whole ? "; the classifier's own examples (tuning part) are among them" : "") + ")");
				out.println("classifier, recommended config: " + recAccuracy.describe());
				out.println("classifier, tuned config:       " + tunAccuracy.describe());
				out.print(report.toMarkdown());
			}
		}
	}

	private static List<RouterBenchRow> rows(RouterBenchDataset dataset, EvalDataset part) {
		Set<String> ids = new java.util.HashSet<>();
		part.cases().forEach((c) -> ids.add(c.id()));
		return dataset.rows().stream().filter((r) -> ids.contains(r.sampleId())).toList();
	}

	static String shortName(String model) {
		int slash = model.lastIndexOf('/');
		return (slash >= 0) ? model.substring(slash + 1) : model;
	}

	private static EvalRunner runner(Options options, @Nullable PrintStream progress) {
		return EvalRunner.builder(Grader.recorded())
			.parallelism(options.threads)
			.progressEvery(1000, Duration.ofSeconds(30))
			.progressTo(progress)
			.build();
	}

	static ReplayCommand.Options replayOptions(Options options, boolean taskHints) {
		return new ReplayCommand.Options(options.data, taskHints, null, null, List.of(), 0, options.seed,
				options.threads, 0, ReplayCommand.DEFAULT_FRONTIER);
	}

	/**
	 * The single tiers' outcomes on the tuning cases, from the recorded correctness and
	 * cost.
	 */
	static List<RoutingTuner.TierOutcome> recordedOutcomes(EvalDataset cases) {
		List<RoutingTuner.TierOutcome> outcomes = new ArrayList<>();
		for (EvalCase c : cases.cases()) {
			CANDIDATE_TIERS.forEach((tier, model) -> outcomes.add(new RoutingTuner.TierOutcome(c.id(), c.task(), tier,
					c.recorded().get(model) >= 0.5, c.recordedCost().get(model))));
		}
		return outcomes;
	}

	private static void printCandidates(PrintStream out, RoutingTuner.Proposal proposal) {
		out.println("class           candidate           cases  pass_rate  cost/request  chosen");
		List<RoutingTuner.Assignment> all = new ArrayList<>(proposal.rules());
		all.add(proposal.defaultTier());
		for (RoutingTuner.Assignment a : all) {
			for (RoutingTuner.TierStats s : a.tiers()) {
				out.printf(Locale.ROOT, "%-15s %-18s %6d  %9.4f  %12.7f  %s%n",
						(a.task() != null) ? a.task() : "(all: default)", s.tier(), s.cases(), s.passRate(),
						s.costPerRequest(), s.tier().equals(a.tier()) ? "<-" : "");
			}
		}
	}

	/**
	 * The classifier's class examples: the tuning part's prompts, one JSON file per
	 * eval_name.
	 */
	static Map<String, Object> classifierConfig(TuneSplit split, Path dir, Options options, PrintStream out) {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put(CLASSIFIER + ".enabled", "true");
		config.put(CLASSIFIER + ".k", String.valueOf(options.k));
		config.put(CLASSIFIER + ".confidence-floor", String.valueOf(options.confidenceFloor));
		config.put(CLASSIFIER + ".min-margin", String.valueOf(options.minMargin));
		config.put(CLASSIFIER + ".embedding-model", "built-in");
		JsonMapper mapper = JsonMapper.builder().build();
		StringBuilder files = new StringBuilder();
		split.tuningPromptsByTask().forEach((task, prompts) -> {
			Path file = dir.resolve(task.replaceAll("[^A-Za-z0-9_.-]", "_") + ".json");
			try {
				Files.writeString(file, mapper.writeValueAsString(prompts), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot write the class examples to " + file, ex);
			}
			file.toFile().deleteOnExit();
			config.put(CLASSIFIER + ".classes." + task + ".examples-file", "file:" + file.toAbsolutePath());
			files.append((files.length() > 0) ? ", " : "").append(task).append(": ").append(prompts.size());
		});
		out.printf(Locale.ROOT,
				"classifier: built-in all-MiniLM-L6-v2, k=%d (0 = nearest centroid), confidence-floor=%s, min-margin=%s;"
						+ " class examples = tuning-part prompts per eval_name (%s), written to %s (temporary, deleted"
						+ " on exit); no router-model tier (the simulator cannot answer classification prompts)%n",
				options.k, options.confidenceFloor, options.minMargin, files, dir);
		return config;
	}

	/** The four tiers of replay/recommended.yml (members, prices), nothing else. */
	static Map<String, Object> tiers() {
		Map<String, Object> tiers = new LinkedHashMap<>();
		ReplayCommand
			.configuration(new ReplayCommand.Options(List.of(Path.of("unused")), false, null, null, List.of(), 0, 42, 1,
					0, ReplayCommand.DEFAULT_FRONTIER))
			.forEach((key, value) -> {
				if (key.startsWith("llm.tiers.")) {
					tiers.put(key, value);
				}
			});
		for (Map.Entry<String, String> tier : CANDIDATE_TIERS.entrySet()) {
			if (!tier.getValue().equals(tiers.get("llm.tiers." + tier.getKey() + ".models[0].model"))) {
				throw new IllegalStateException(
						"replay/recommended.yml no longer maps tier " + tier.getKey() + " to " + tier.getValue());
			}
		}
		return tiers;
	}

	/**
	 * The hand-designed cascade candidate for every class (docs/cascade.md's
	 * arc-challenge policy).
	 */
	static String cascadeCandidateYaml(Set<String> tasks) {
		StringBuilder yaml = new StringBuilder("llm:\n  routing:\n    default-tier: frontier\n    rules:\n");
		for (String task : tasks) {
			yaml.append("      - when: { task: ").append(task).append(" }\n        tier: mid\n");
		}
		yaml.append(cascadeYaml(tasks));
		return yaml.toString();
	}

	private static String cascadeYaml(Iterable<String> tasks) {
		StringBuilder yaml = new StringBuilder("  cascade:\n    enabled: true\n    verifiers: []\n    tasks:\n");
		for (String task : tasks) {
			yaml.append("      ")
				.append(task)
				.append(":\n")
				.append("        verifiers: [non-empty, agreement]\n")
				.append("        agreement-tier: peer\n")
				.append("        normalizer: choice\n")
				.append("        path: [mid, frontier]\n")
				.append("        max-escalations: 1\n");
		}
		return yaml.toString();
	}

	/** The proposal as the configuration the evaluation uses. */
	static String tunedYaml(RoutingTuner.Proposal proposal, String defaultTier) {
		StringBuilder yaml = new StringBuilder("llm:\n  routing:\n");
		yaml.append("    default-tier: ").append(defaultTier).append('\n');
		List<String> cascaded = new ArrayList<>();
		if (!proposal.rules().isEmpty()) {
			yaml.append("    rules:\n");
			for (RoutingTuner.Assignment rule : proposal.rules()) {
				boolean cascade = CASCADE_CANDIDATE.equals(rule.tier());
				if (cascade) {
					cascaded.add(rule.task());
				}
				yaml.append("      - when: { task: ").append(rule.task()).append(" }\n");
				yaml.append("        tier: ")
					.append(cascade ? "mid" : rule.tier())
					.append(cascade ? "   # " + CASCADE_CANDIDATE + ": mid answers first, see llm.cascade below\n"
							: "\n");
			}
		}
		if (!cascaded.isEmpty()) {
			yaml.append(cascadeYaml(cascaded));
		}
		return yaml.toString();
	}

	/**
	 * A YAML document as flat {@code llm.*} properties, as
	 * {@link ReplayCommand#configuration} reads files.
	 */
	static Map<String, Object> flatten(String yaml) {
		Map<String, Object> config = new LinkedHashMap<>();
		try {
			for (PropertySource<?> document : new YamlPropertySourceLoader().load("tuned",
					new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)))) {
				if (document instanceof EnumerablePropertySource<?> enumerable) {
					for (String key : enumerable.getPropertyNames()) {
						config.putIfAbsent(key, String.valueOf(enumerable.getProperty(key)));
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return config;
	}

	private static Map<String, String> candidateTiers() {
		Map<String, String> tiers = new LinkedHashMap<>();
		tiers.put("mid", "mistralai/mixtral-8x7b-chat");
		tiers.put("peer", "zero-one-ai/Yi-34B-Chat");
		tiers.put("code", "gpt-3.5-turbo-1106");
		tiers.put("frontier", "gpt-4-1106-preview");
		return java.util.Collections.unmodifiableMap(tiers);
	}

	private static Map<String, String> singleModels() {
		Map<String, String> models = new LinkedHashMap<>();
		models.put("gpt4", "gpt-4-1106-preview");
		models.put("gpt35", "gpt-3.5-turbo-1106");
		models.put("mixtral", "mistralai/mixtral-8x7b-chat");
		models.put("yi", "zero-one-ai/Yi-34B-Chat");
		models.put("mistral7b", "mistralai/mistral-7b-chat");
		return java.util.Collections.unmodifiableMap(models);
	}

	/** Parsed arguments. */
	record Options(List<Path> data, double fraction, long seed, double floorPoints, int k, double confidenceFloor,
			double minMargin, int threads, @Nullable Path reportDir, String reportName) {

		static Options parse(List<String> args) {
			List<Path> data = new ArrayList<>();
			double fraction = 0.3;
			long seed = 42;
			double floorPoints = 4;
			int k = 10;
			double confidenceFloor = 0.3;
			double minMargin = 0.02;
			int threads = 8;
			Path reportDir = null;
			String reportName = "routerbench-train";
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
					case "--tune-fraction" -> fraction = Args.number(Args.value(args, ++i, arg), arg);
					case "--seed" -> seed = (long) Args.number(Args.value(args, ++i, arg), arg);
					case "--floor-points" -> floorPoints = Args.number(Args.value(args, ++i, arg), arg);
					case "--k" -> k = (int) Args.number(Args.value(args, ++i, arg), arg);
					case "--confidence-floor" -> confidenceFloor = Args.number(Args.value(args, ++i, arg), arg);
					case "--min-margin" -> minMargin = Args.number(Args.value(args, ++i, arg), arg);
					case "--threads" -> threads = Math.max(1, (int) Args.number(Args.value(args, ++i, arg), arg));
					case "--report-dir" -> reportDir = Path.of(Args.value(args, ++i, arg));
					case "--report-name" -> reportName = Args.value(args, ++i, arg);
					default -> throw new UsageException("Unknown argument '" + arg + "'");
				}
			}
			if (data.isEmpty()) {
				throw new UsageException("--data CSV is required");
			}
			if (!(fraction > 0 && fraction < 1)) {
				throw new UsageException("--tune-fraction must be strictly between 0 and 1");
			}
			if (k < 0) {
				throw new UsageException("--k must be 0 (nearest centroid) or positive");
			}
			return new Options(List.copyOf(data), fraction, seed, floorPoints, k, confidenceFloor, minMargin, threads,
					reportDir, reportName);
		}

	}

}
