package dev.orchestration.test.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import dev.orchestration.embedding.internal.OnnxEmbeddingModel;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Command line: RouteLLM's metrics (CPT(50 %), CPT(80 %), APGR) and RouterBench's AIQ of
 * baseline routers on RouteLLM's MT-Bench and GSM8K data, written as Markdown, JSON and
 * PNG charts.
 *
 * <pre>
 * java -cp ... dev.orchestration.test.eval.RouteLlmReport --data-dir ../shared/data --out docs/eval
 * </pre>
 *
 * Options: {@code --data-dir} (default: system property {@code orchestration.data.dir},
 * else {@code ../shared/data}), {@code --out} (required), {@code --bins} (RouteLLM's
 * num-results, 10), {@code --k} (neighbours, 10), {@code --folds} (cross-fitting folds,
 * 5), {@code --seed} (42), {@code --random-seeds} (200), {@code --no-embedding} (skip the
 * ONNX embedding router), {@code --strong-price in,out} and {@code --weak-price in,out}
 * (USD per million tokens for the cost estimate; defaults 10,30 and 0.6,0.6).
 */
public final class RouteLlmReport {

	static {
		System.setProperty("java.awt.headless", "true");
	}

	/** Options of a report run. */
	public record Options(Path dataDir, Path out, int bins, int k, int folds, long seed, int randomSeeds,
			boolean embedding, double[] strongPrice, double[] weakPrice) {

		public static Options parse(String[] args) {
			Map<String, String> values = new LinkedHashMap<>();
			boolean embedding = true;
			for (int i = 0; i < args.length; i++) {
				String a = args[i];
				if (a.equals("--no-embedding")) {
					embedding = false;
				}
				else if (a.startsWith("--") && i + 1 < args.length) {
					values.put(a.substring(2), args[++i]);
				}
				else {
					throw new IllegalArgumentException("unknown argument " + a + "\n" + USAGE);
				}
			}
			String out = values.get("out");
			if (out == null) {
				throw new IllegalArgumentException("--out is required\n" + USAGE);
			}
			String data = values.getOrDefault("data-dir",
					System.getProperty("orchestration.data.dir", "../shared/data"));
			return new Options(Path.of(data), Path.of(out), Integer.parseInt(values.getOrDefault("bins", "10")),
					Integer.parseInt(values.getOrDefault("k", "10")),
					Integer.parseInt(values.getOrDefault("folds", "5")),
					Long.parseLong(values.getOrDefault("seed", "42")),
					Integer.parseInt(values.getOrDefault("random-seeds", "200")), embedding,
					prices(values.getOrDefault("strong-price", "10,30")),
					prices(values.getOrDefault("weak-price", "0.6,0.6")));
		}

		private static double[] prices(String text) {
			String[] parts = text.split(",");
			return new double[] { Double.parseDouble(parts[0].strip()), Double.parseDouble(parts[1].strip()) };
		}

	}

	static final String USAGE = "usage: RouteLlmReport --out DIR [--data-dir DIR] [--bins 10] [--k 10] [--folds 5] "
			+ "[--seed 42] [--random-seeds 200] [--no-embedding] [--strong-price 10,30] [--weak-price 0.6,0.6]";

	/** One router's results on a benchmark. */
	public record RouterResult(String name, String method, RouteLlmMetrics.Curve curve, RouteLlmMetrics.Curve fullCurve,
			double[] costPerRequest, double aiq) {

		public double cpt50() {
			return this.curve.cpt(0.5);
		}

		public double cpt80() {
			return this.curve.cpt(0.8);
		}

	}

	/** One benchmark's results. */
	public record BenchmarkResult(String benchmark, String description, String qualityUnit, int items,
			double weakQuality, double strongQuality, double weakCost, double strongCost, List<RouterResult> routers,
			double randomMeanApgr, double randomMeanCpt50, double randomMeanCpt80, int randomSeeds) {
	}

	private RouteLlmReport() {
	}

	public static void main(String[] args) {
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		List<Path> written = run(options, options.embedding() ? embedder() : null);
		written.forEach((p) -> System.out.println("wrote " + p));
	}

	/** The in-process ONNX all-MiniLM-L6-v2 embedding model as a batch function. */
	public static Function<List<String>, List<float[]>> embedder() {
		OnnxEmbeddingModel model = new OnnxEmbeddingModel();
		return (texts) -> {
			List<float[]> out = new ArrayList<>();
			for (int from = 0; from < texts.size(); from += 64) {
				out.addAll(model.embed(texts.subList(from, Math.min(texts.size(), from + 64))));
			}
			return out;
		};
	}

	/** Computes both benchmarks and writes their reports; returns the files written. */
	public static List<Path> run(Options options, @Nullable Function<List<String>, List<float[]>> embed) {
		Path routellm = options.dataDir().resolve("routellm");
		if (!Files.isDirectory(routellm)) {
			throw new IllegalStateException("RouteLLM data not found at " + routellm.toAbsolutePath()
					+ "; pass --data-dir pointing at the shared data folder (the one holding routellm/)");
		}
		List<Path> written = new ArrayList<>();
		MtBenchData mt = MtBenchData.load(routellm.resolve("mt_bench"));
		written.addAll(write(mtBench(mt, options, embed), options));
		Gsm8kData gsm = Gsm8kData.load(routellm.resolve("gsm8k/gsm8k_dev.csv"));
		written.addAll(write(gsm8k(gsm, options, embed), options));
		return written;
	}

	/**
	 * MT-Bench: routed on the first turn; quality = GPT-4 judge score (1-10), mean over
	 * both turns.
	 */
	public static BenchmarkResult mtBench(MtBenchData data, Options options,
			@Nullable Function<List<String>, List<float[]>> embed) {
		double[] strong = data.quality(MtBenchData.STRONG);
		double[] weak = data.quality(MtBenchData.WEAK);
		double[] strongCost = new double[strong.length];
		double[] weakCost = new double[strong.length];
		for (int i = 0; i < data.questions().size(); i++) {
			MtBenchData.Question q = data.questions().get(i);
			strongCost[i] = twoTurnCost(q, MtBenchData.STRONG, options.strongPrice());
			weakCost[i] = twoTurnCost(q, MtBenchData.WEAK, options.weakPrice());
		}
		String description = String.format(Locale.ROOT,
				"RouteLLM MT-Bench: %d questions x 2 turns after dropping %d contaminated questions %s; strong %s, "
						+ "weak %s; quality = GPT-4 judge score 1-10 (mean over both turns); routed on the first turn.",
				data.questions().size(), data.dropped().size(), data.dropped(), MtBenchData.STRONG, MtBenchData.WEAK);
		return benchmark("mt-bench", description, "judge score (1-10)", data.firstTurns(), strong, weak, strongCost,
				weakCost, options, embed);
	}

	/** GSM8K: quality = correctness (1/0) as recorded by RouteLLM. */
	public static BenchmarkResult gsm8k(Gsm8kData data, Options options,
			@Nullable Function<List<String>, List<float[]>> embed) {
		double[] strong = data.quality(Gsm8kData.STRONG);
		double[] weak = data.quality(Gsm8kData.WEAK);
		double[] strongCost = new double[strong.length];
		double[] weakCost = new double[strong.length];
		for (int i = 0; i < data.items().size(); i++) {
			Gsm8kData.Item item = data.items().get(i);
			strongCost[i] = cost(item.prompt().length(), item.answers().get(Gsm8kData.STRONG).length(),
					options.strongPrice());
			weakCost[i] = cost(item.prompt().length(), item.answers().get(Gsm8kData.WEAK).length(),
					options.weakPrice());
		}
		String description = String.format(Locale.ROOT,
				"RouteLLM GSM8K (gsm8k_dev.csv): %d questions; strong %s, weak %s; quality = recorded correctness "
						+ "(last integer equals the gold answer).",
				data.items().size(), Gsm8kData.STRONG, Gsm8kData.WEAK);
		return benchmark("gsm8k", description, "accuracy", data.prompts(), strong, weak, strongCost, weakCost, options,
				embed);
	}

	static BenchmarkResult benchmark(String name, String description, String unit, List<String> prompts,
			double[] strong, double[] weak, double[] strongCost, double[] weakCost, Options options,
			@Nullable Function<List<String>, List<float[]>> embed) {
		List<RouterResult> routers = new ArrayList<>();
		routers.add(router("random (seed " + options.seed() + ")", "uniform random score, RouteLLM's random router",
				RouteLlmMetrics.randomScores(strong.length, options.seed()), strong, weak, strongCost, weakCost,
				options));
		routers.add(router("prompt length", "longer prompt = strong; no training",
				BaselineRouters.promptLength(prompts), strong, weak, strongCost, weakCost, options));
		if (embed != null) {
			double[] knn = BaselineRouters.embeddingKnn(prompts, strong, weak, embed, options.k(), options.folds(),
					options.seed());
			routers.add(router("embedding kNN (k=" + options.k() + ")",
					"all-MiniLM-L6-v2 (ONNX, in process): similarity-weighted mean (strong - weak) of the "
							+ options.k() + " most similar prompts of the other folds; " + options.folds()
							+ "-fold cross-fitting (every item scored only from the other " + (options.folds() - 1)
							+ " folds), seed " + options.seed(),
					knn, strong, weak, strongCost, weakCost, options));
		}
		routers.add(router("oracle (upper bound)", "reads the labels: strong - weak; not a router",
				RouteLlmMetrics.oracleScores(strong, weak, options.seed()), strong, weak, strongCost, weakCost,
				options));
		double apgr = 0;
		double cpt50 = 0;
		double cpt80 = 0;
		for (int s = 0; s < options.randomSeeds(); s++) {
			RouteLlmMetrics.Curve c = RouteLlmMetrics.quantileCurve("random", strong, weak,
					RouteLlmMetrics.randomScores(strong.length, 1000L + s), options.bins());
			apgr += c.apgr();
			cpt50 += c.cpt(0.5);
			cpt80 += c.cpt(0.8);
		}
		int n = Math.max(1, options.randomSeeds());
		return new BenchmarkResult(name, description, unit, strong.length, RouteLlmMetrics.mean(weak),
				RouteLlmMetrics.mean(strong), RouteLlmMetrics.mean(weakCost), RouteLlmMetrics.mean(strongCost), routers,
				apgr / n, cpt50 / n, cpt80 / n, options.randomSeeds());
	}

	static RouterResult router(String name, String method, double[] scores, double[] strong, double[] weak,
			double[] strongCost, double[] weakCost, Options options) {
		List<RouteLlmMetrics.Threshold> thresholds = RouteLlmMetrics.quantileThresholds(scores, options.bins());
		RouteLlmMetrics.Curve curve = RouteLlmMetrics.curve(name, strong, weak, scores, thresholds);
		RouteLlmMetrics.Curve full = RouteLlmMetrics.fullCurve(name, strong, weak, scores);
		// cost per request of each point of the (sorted) curve: recompute from the
		// thresholds
		double[] pointCost = new double[curve.points().size()];
		double[] pointQuality = new double[curve.points().size()];
		List<double[]> byShare = new ArrayList<>();
		for (RouteLlmMetrics.Threshold t : thresholds) {
			boolean[] toStrong = t.decide(scores);
			double c = 0;
			double q = 0;
			int k = 0;
			for (int i = 0; i < toStrong.length; i++) {
				c += toStrong[i] ? strongCost[i] : weakCost[i];
				q += toStrong[i] ? strong[i] : weak[i];
				k += toStrong[i] ? 1 : 0;
			}
			byShare.add(new double[] { (double) k / toStrong.length, q / toStrong.length, c / toStrong.length });
		}
		byShare.sort((a, b) -> (a[0] != b[0]) ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
		for (int i = 0; i < byShare.size(); i++) {
			pointQuality[i] = byShare.get(i)[1];
			pointCost[i] = byShare.get(i)[2];
		}
		double aiq = RouteLlmMetrics.aiq(pointCost, pointQuality, RouteLlmMetrics.mean(weakCost),
				RouteLlmMetrics.mean(strongCost));
		return new RouterResult(name, method, curve, full, pointCost, aiq);
	}

	static double twoTurnCost(MtBenchData.Question q, String model, double[] price) {
		List<String> answers = q.answers().get(model);
		int turn1In = q.turns().get(0).length();
		int turn1Out = answers.get(0).length();
		int turn2In = turn1In + turn1Out + q.turns().get(1).length();
		return cost(turn1In, turn1Out, price) + cost(turn2In, answers.get(1).length(), price);
	}

	/**
	 * USD of a call from character counts: tokens = ceil(chars / 4) (the simulator's
	 * estimate).
	 */
	static double cost(int inChars, int outChars, double[] price) {
		return (Math.ceil(inChars / 4.0) * price[0] + Math.ceil(outChars / 4.0) * price[1]) / 1e6;
	}

	static List<Path> write(BenchmarkResult result, Options options) {
		String base = "routellm-" + result.benchmark();
		Path md = Json.writeString(options.out().resolve(base + ".md"), markdown(result, options));
		Path json = Json.write(options.out().resolve(base + ".json"), json(result, options));
		Path png = share(result).writePng(options.out().resolve(base + ".png"));
		Path costPng = cost(result).writePng(options.out().resolve(base + "-cost.png"));
		return List.of(md, json, png, costPng);
	}

	static Chart share(BenchmarkResult r) {
		Chart chart = new Chart("RouteLLM " + r.benchmark() + ": quality vs share of strong-model calls",
				"strong-model calls (%)", r.qualityUnit());
		for (RouterResult router : r.routers()) {
			chart.add(Chart.Series.line(router.name(),
					router.curve()
						.points()
						.stream()
						.map((p) -> Chart.Point.of(100 * p.strongShare(), p.quality()))
						.toList()));
		}
		chart.add(Chart.Series.dashed("weak only (" + shortName(MtBenchData.WEAK) + ")",
				List.of(Chart.Point.of(0, r.weakQuality()), Chart.Point.of(100, r.weakQuality()))));
		chart.add(Chart.Series.dashed("strong only (" + MtBenchData.STRONG + ")",
				List.of(Chart.Point.of(0, r.strongQuality()), Chart.Point.of(100, r.strongQuality()))));
		return chart.xRange(0, 100);
	}

	static Chart cost(BenchmarkResult r) {
		Chart chart = new Chart("RouteLLM " + r.benchmark() + ": cost vs quality, one point per threshold",
				"estimated cost per request (USD)", r.qualityUnit());
		for (RouterResult router : r.routers()) {
			List<Chart.Point> points = new ArrayList<>();
			for (int i = 0; i < router.curve().points().size(); i++) {
				points.add(Chart.Point.of(router.costPerRequest()[i], router.curve().points().get(i).quality()));
			}
			chart.add(Chart.Series.line(router.name(), points));
		}
		return chart;
	}

	static String shortName(String model) {
		int slash = model.lastIndexOf('/');
		return (slash >= 0) ? model.substring(slash + 1) : model;
	}

	static String markdown(BenchmarkResult r, Options o) {
		StringBuilder md = new StringBuilder();
		md.append("# RouteLLM metrics: ").append(r.benchmark()).append("\n\n");
		md.append(r.description()).append("\n\n");
		md.append(String.format(Locale.ROOT,
				"- weak only: %.4f %s at $%.6f/request (estimated); strong only: %.4f at $%.6f/request%n",
				r.weakQuality(), r.qualityUnit(), r.weakCost(), r.strongQuality(), r.strongCost()));
		md.append(String.format(Locale.ROOT,
				"- sweep: RouteLLM's, %d quantile bins of the router score (%d thresholds); CPT by linear "
						+ "interpolation on that curve; APGR = (AUC - weak) / (strong - weak) with the trapezoid rule%n",
				o.bins(), o.bins() + 1));
		md.append("- cost estimate: tokens = ceil(characters / 4) of prompt (and, for turn 2, the conversation so far) "
				+ "and recorded answer; prices (USD per million tokens, in/out): strong " + o.strongPrice()[0] + "/"
				+ o.strongPrice()[1] + ", weak " + o.weakPrice()[0] + "/" + o.weakPrice()[1]
				+ " (assumed list prices; the RouteLLM data has no costs)\n");
		md.append("- AIQ (RouterBench): area under the non-decreasing convex hull of the router's (cost, quality) "
				+ "points, cost normalised to [weak only, strong only]; in quality units\n\n");
		md.append("| router | CPT(50 %) | CPT(80 %) | APGR | APGR (every threshold) | AIQ | method / split |\n");
		md.append("|---|---:|---:|---:|---:|---:|---|\n");
		for (RouterResult router : r.routers()) {
			md.append(String.format(Locale.ROOT, "| %s | %s | %s | %.3f | %.3f | %.3f | %s |%n", router.name(),
					pct(router.cpt50()), pct(router.cpt80()), router.curve().apgr(), router.fullCurve().apgr(),
					router.aiq(), router.method()));
		}
		md.append(String.format(Locale.ROOT,
				"| random, mean of %d seeds | %s | %s | %.3f | | | sanity check: " + "APGR should be close to 0.5 |%n",
				r.randomSeeds(), pct(r.randomMeanCpt50()), pct(r.randomMeanCpt80()), r.randomMeanApgr()));
		md.append("\n## Curves (share of strong calls -> quality)\n\n");
		for (RouterResult router : r.routers()) {
			md.append("- ").append(router.name()).append(": ");
			List<String> parts = new ArrayList<>();
			for (RouteLlmMetrics.Point p : router.curve().points()) {
				parts.add(String.format(Locale.ROOT, "%.0f%% -> %.3f", 100 * p.strongShare(), p.quality()));
			}
			md.append(String.join(", ", parts)).append('\n');
		}
		md.append("\nCharts: `routellm-")
			.append(r.benchmark())
			.append(".png` (quality vs strong calls), `routellm-")
			.append(r.benchmark())
			.append("-cost.png` (quality vs estimated cost, one point per threshold).\n");
		md.append("\nProduced by `dev.orchestration.test.eval.RouteLlmReport` (see docs/evaluation.md):\n\n```\n")
			.append(command(o))
			.append("\n```\n");
		return md.toString();
	}

	static String command(Options o) {
		return "RouteLlmReport --data-dir <shared data> --out <dir> --bins " + o.bins() + " --k " + o.k() + " --folds "
				+ o.folds() + " --seed " + o.seed() + " --random-seeds " + o.randomSeeds()
				+ (o.embedding() ? "" : " --no-embedding");
	}

	static ObjectNode json(BenchmarkResult r, Options o) {
		ObjectNode root = Json.object();
		root.put("benchmark", r.benchmark());
		root.put("description", r.description());
		root.put("qualityUnit", r.qualityUnit());
		root.put("items", r.items());
		Json.put(root, "weakQuality", r.weakQuality());
		Json.put(root, "strongQuality", r.strongQuality());
		Json.put(root, "weakCostPerRequest", r.weakCost());
		Json.put(root, "strongCostPerRequest", r.strongCost());
		root.put("bins", o.bins());
		root.put("command", command(o));
		ArrayNode routers = root.putArray("routers");
		for (RouterResult router : r.routers()) {
			ObjectNode n = routers.addObject();
			n.put("name", router.name());
			n.put("method", router.method());
			Json.put(n, "cpt50", router.cpt50());
			Json.put(n, "cpt80", router.cpt80());
			Json.put(n, "apgr", router.curve().apgr());
			Json.put(n, "apgrEveryThreshold", router.fullCurve().apgr());
			Json.put(n, "aiq", router.aiq());
			ArrayNode points = n.putArray("curve");
			for (int i = 0; i < router.curve().points().size(); i++) {
				RouteLlmMetrics.Point p = router.curve().points().get(i);
				ObjectNode pn = points.addObject();
				Json.put(pn, "threshold", p.threshold());
				Json.put(pn, "strongShare", p.strongShare());
				Json.put(pn, "quality", p.quality());
				Json.put(pn, "costPerRequest", router.costPerRequest()[i]);
			}
		}
		ObjectNode random = root.putObject("randomMean");
		random.put("seeds", r.randomSeeds());
		Json.put(random, "apgr", r.randomMeanApgr());
		Json.put(random, "cpt50", r.randomMeanCpt50());
		Json.put(random, "cpt80", r.randomMeanCpt80());
		return root;
	}

	static String pct(double share) {
		return Double.isFinite(share) ? String.format(Locale.ROOT, "%.1f %%", 100 * share) : "not reached";
	}

}
