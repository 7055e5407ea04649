package dev.orchestration.bench;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import dev.orchestration.cache.semantic.CandidateVerifier;
import dev.orchestration.cache.semantic.TextOverlapVerifier;
import dev.orchestration.cache.semantic.internal.SemanticCacheDefaults;
import dev.orchestration.embedding.BuiltInEmbeddingModel;
import dev.orchestration.embedding.internal.OnnxEmbeddingModel;

/**
 * {@code cache --pairs FILE [--model ID] [--threshold T] [--verify] [--bound B] [--limit N] [--batch N]
 * [--vectors DIR] [--policies [--start T] [--gray-lower L] [--report-rate R]] [--latency [--probes P]]}:
 * measures the semantic cache on a pairs file for one built-in model: hit rate and
 * false-hit rate per threshold (see {@link CacheEvaluation} for the counting rule), the
 * operating point at the false-hit bound, embedding throughput, the policies of
 * {@link PolicySimulation} (fixed, adaptive, gray zone with a stand-in oracle) and lookup
 * latency at 10,000 and 50,000 entries ({@link LookupLatency}). Figures and commands in
 * docs/semantic-cache.md.
 */
public final class CacheBenchCommand implements BenchCommand {

	@Override
	public String name() {
		return "cache";
	}

	@Override
	public String usage() {
		return "--pairs FILE [--model all-minilm-l6-v2|bge-small-en-v1.5|e5-small-v2] [--threshold T] [--verify]"
				+ " [--bound B] [--limit N] [--batch N] [--vectors DIR] [--policies [--start T] [--gray-lower L]"
				+ " [--report-rate R]] [--latency [--probes P]]";
	}

	@Override
	public int run(List<String> args, PrintStream out) throws Exception {
		Options options = Options.parse(args);
		if (!Files.isRegularFile(options.pairs)) {
			throw new UsageException("No pairs file at " + options.pairs.toAbsolutePath()
					+ " (the data lives outside the repository, e.g. ../shared/data/semantic-cache/qqp_dev.json)");
		}
		List<LabelledPair> pairs = PairFile.read(options.pairs);
		if (options.limit > 0 && pairs.size() > options.limit) {
			pairs = pairs.subList(0, options.limit);
		}
		CandidateVerifier verifier = options.verify ? new TextOverlapVerifier() : CandidateVerifier.ACCEPT_ALL;
		double threshold = (options.threshold != null) ? options.threshold : (options.verify
				? SemanticCacheDefaults.VERIFIED_SIMILARITY_THRESHOLD : SemanticCacheDefaults.SIMILARITY_THRESHOLD);

		out.println("# semantic-cache bench");
		out.printf(Locale.ROOT, "data: %s (%d pairs, %d labelled same-meaning)%n", options.pairs, pairs.size(),
				pairs.stream().filter(LabelledPair::sameMeaning).count());
		out.printf(Locale.ROOT,
				"model: %s (%s pooling, prefix '%s'), %d dimensions, in-process ONNX (onnxruntime + DJL"
						+ " tokenizer), offline%n",
				options.model.modelName(), options.model.pooling(), options.model.similarityPrefix(),
				OnnxEmbeddingModel.DIMENSIONS);
		out.println("verification: " + (options.verify ? TextOverlapVerifier.class.getSimpleName() : "none"));
		out.println("method: cache the first text of every pair (distinct texts) in ONE shared scope of an"
				+ " InMemorySemanticIndex, query with the second text against ALL entries (nearest entry, then the"
				+ " threshold); a hit is correct if it matched the query's own partner on a same-meaning pair, or a"
				+ " text the data set says is the same question (identical up to case/punctuation, or linked by"
				+ " same-meaning pairs); any other hit, and any hit on a partner labelled different, is a false hit");
		out.println("metrics: hit_rate = correct hits on same-meaning pairs / same-meaning pairs;"
				+ " false_hit_rate = false hits / hits; strict = false-hit rate when only the own partner (label 1)"
				+ " or the exact same string counts as correct; served = hits / lookups; optimistic = the opposite"
				+ " reading: only hits on a text labelled different from the query are false");

		long loadStart = System.nanoTime();
		OnnxEmbeddingModel model = new OnnxEmbeddingModel(options.model);
		model.embed("warm up");
		long loadMillis = (System.nanoTime() - loadStart) / 1_000_000;

		long embedded = countTexts(pairs);
		long start = System.nanoTime();
		VectorFile vectorFile = (options.vectors != null)
				? new VectorFile(
						options.vectors.resolve(options.model.id() + "-" + options.pairs.getFileName() + ".vectors"))
				: null;
		if (vectorFile != null && vectorFile.size() > 0) {
			out.printf(Locale.ROOT, "vectors: %d read from %s (embedding figures below are then not measured)%n",
					vectorFile.size(), options.vectors);
		}
		CacheEvaluation evaluation = CacheEvaluation.run(pairs,
				(vectorFile != null) ? vectorFile.cached(model::embed) : model::embed, options.batch);
		if (vectorFile != null) {
			vectorFile.save();
		}
		double embedSeconds = (System.nanoTime() - start - evaluation.lookupNanos()) / 1e9;
		out.printf(Locale.ROOT, "model load + first embedding: %d ms%n", loadMillis);
		out.printf(Locale.ROOT, "embedding: %d texts in %.1f s = %.0f embeddings/s (batches of %d, %d cores)%n",
				embedded, embedSeconds, embedded / embedSeconds, options.batch,
				Runtime.getRuntime().availableProcessors());
		out.printf(Locale.ROOT, "lookups: %d over %d entries in %.0f ms (%.2f ms per lookup, parallel)%n", pairs.size(),
				evaluation.entries(), evaluation.lookupNanos() / 1e6,
				evaluation.lookupNanos() / 1e6 / Math.max(1, pairs.size()));

		CacheEvaluation.Counts atBound = atBound(evaluation, options.bound);
		out.printf(Locale.ROOT,
				"at_bound: model=%s bound=%.3f threshold=%s hit_rate=%.4f false_hit_rate=%.4f"
						+ " served=%.4f hits=%d%n",
				options.model.id(), options.bound, format(atBound.threshold()), atBound.hitRate(),
				atBound.falseHitRate(), atBound.servedRate(), atBound.hits());
		printOptimisticBound(out, options, evaluation, CandidateVerifier.ACCEPT_ALL, "");
		if (options.verify) {
			printOptimisticBound(out, options, evaluation, verifier,
					" verifier=" + TextOverlapVerifier.class.getSimpleName());
		}
		if (options.policies) {
			printPolicies(out, evaluation, options, atBound.threshold());
		}
		if (options.latency) {
			List<String> questions = pairs.stream().map(LabelledPair::second).distinct().toList();
			for (int entries : new int[] { 10_000, 50_000 }) {
				LookupLatency.Result r = LookupLatency.measure(model, evaluation.entryVectors(), questions, entries,
						2000, options.probes, threshold);
				out.printf(Locale.ROOT, "latency: model=%s entries=%d lookups=%d embedding p50=%.2f p99=%.2f ms%n",
						options.model.id(), r.entries(), r.lookups(), r.embedP50Millis(), r.embedP99Millis());
				for (var row : List.of(Map.entry("full-scan", r.fullScan()), Map.entry("pruned", r.pruned()),
						Map.entry("approximate", r.approximate()))) {
					LookupLatency.Timing t = row.getValue();
					out.printf(Locale.ROOT,
							"latency: model=%s entries=%d index=%s p50=%.2f ms p99=%.2f ms (search p50=%.2f"
									+ " p99=%.2f; one thread, embedding included)%n",
							options.model.id(), r.entries(), row.getKey(), t.p50Millis(), t.p99Millis(),
							t.searchP50Millis(), t.searchP99Millis());
				}
				out.printf(Locale.ROOT,
						"latency: model=%s entries=%d pruned: %.0f full dot products per lookup (%.2f %% of the"
								+ " entries), same match as the full scan in %d of %d lookups%n",
						options.model.id(), r.entries(), r.comparisonsPerLookup(),
						100 * r.comparisonsPerLookup() / r.entries(), r.sameMatch(), r.lookups());
				out.printf(Locale.ROOT,
						"latency: model=%s entries=%d approximate (%d of 128 clusters): %.0f full dot products per"
								+ " lookup (%.2f %%), same match as the full scan in %d of %d lookups%n",
						options.model.id(), r.entries(), r.probes(), r.approximateComparisonsPerLookup(),
						100 * r.approximateComparisonsPerLookup() / r.entries(), r.approximateSameMatch(), r.lookups());
				for (LookupLatency.Agreement agreement : r.approximateAgreement()) {
					out.printf(Locale.ROOT,
							"latency: model=%s entries=%d approximate at floor %.3f: of the %d lookups whose best entry"
									+ " reaches it, %d same entry, %d another entry above it, %d lost (a miss)%n",
							options.model.id(), r.entries(), agreement.floor(), agreement.servedByFullScan(),
							agreement.servedSame(), agreement.servedOther(), agreement.lost());
				}
			}
		}
		if (options.threshold == null) {
			printCurve(out, "embedding only", evaluation, CandidateVerifier.ACCEPT_ALL);
			if (options.verify) {
				printCurve(out, "with " + TextOverlapVerifier.class.getSimpleName(), evaluation, verifier);
			}
		}
		if (options.verify) {
			out.println("embedding only at the same threshold: " + line(evaluation.count(threshold)));
			CacheEvaluation.Counts verified = evaluation.count(threshold, verifier);
			out.println(counts(verified));
			out.println(line(verified));
		}
		else {
			CacheEvaluation.Counts counts = evaluation.count(threshold);
			out.println(counts(counts));
			out.println(line(counts));
		}
		return 0;
	}

	/**
	 * The operating point at a false-hit bound: the lowest threshold on a 0.001 grid from
	 * 0.5 whose false-hit rate is at most the bound (measured on the data, so it is the
	 * best a fixed threshold can do in hindsight).
	 */
	static CacheEvaluation.Counts atBound(CacheEvaluation evaluation, double bound) {
		return atBound(evaluation, bound, CandidateVerifier.ACCEPT_ALL, CacheEvaluation.Counts::falseHitRate);
	}

	/**
	 * The operating point at a false-hit bound, candidates checked by the verifier and
	 * the false-hit rate read by the given rule (the main rule or the optimistic bound's
	 * judged false hits).
	 */
	static CacheEvaluation.Counts atBound(CacheEvaluation evaluation, double bound, CandidateVerifier verifier,
			ToDoubleFunction<CacheEvaluation.Counts> falseHitRate) {
		CacheEvaluation.Counts best = evaluation.count(1.0, verifier);
		for (int i = 1000; i >= 500; i--) {
			CacheEvaluation.Counts counts = evaluation.count(BigDecimal.valueOf(i, 3).doubleValue(), verifier);
			if (falseHitRate.applyAsDouble(counts) <= bound) {
				best = counts;
			}
		}
		return best;
	}

	private static void printOptimisticBound(PrintStream out, Options options, CacheEvaluation evaluation,
			CandidateVerifier verifier, String label) {
		CacheEvaluation.Counts optimistic = atBound(evaluation, options.bound, verifier,
				CacheEvaluation.Counts::judgedFalseHitRate);
		out.printf(Locale.ROOT,
				"at_bound_optimistic: model=%s%s bound=%.3f threshold=%s hit_rate=%.4f judged_false_hit_rate=%.4f"
						+ " hits=%d judged_false=%d (an upper bound: only hits on a text labelled different from the"
						+ " query count as false, every hit on a text the data never compared with it as correct;"
						+ " false_hit_rate=%.4f there under the main rule)%n",
				options.model.id(), label, options.bound, format(optimistic.threshold()),
				optimistic.optimisticHitRate(), optimistic.judgedFalseHitRate(), optimistic.hits(),
				optimistic.judgedFalseHits(), optimistic.falseHitRate());
	}

	private static void printPolicies(PrintStream out, CacheEvaluation evaluation, Options options, double hindsight) {
		double start = (options.start != null) ? options.start : hindsight;
		double lower = options.grayLower;
		double bound = options.bound;
		out.println();
		out.printf(Locale.ROOT, "policies (model=%s, bound=%.3f, start=%s, gray zone from %s; wrong hits served above"
				+ " the threshold reported %.0f %% of the time; oracle = the data's labels, flipped with the given"
				+ " probability, standing in for the cheap tier):%n", options.model.id(), bound, format(start),
				format(lower), options.reportRate * 100);
		List<PolicySimulation.Result> results = new ArrayList<>();
		results.add(PolicySimulation.run("fixed-hindsight-" + format(hindsight), evaluation,
				dev.orchestration.cache.semantic.internal.SimilarityThresholds.fixed(hindsight), 2, 0, 0, 1));
		results.add(PolicySimulation.run("fixed-" + format(start), evaluation,
				dev.orchestration.cache.semantic.internal.SimilarityThresholds.fixed(start), 2, 0, 0, 1));
		results.add(PolicySimulation.run("adaptive", evaluation,
				PolicySimulation.adaptive(start, Math.min(lower, start), bound), 2, 0, options.reportRate, 1));
		for (double error : new double[] { 0, 0.05, 0.10 }) {
			String oracle = String.format(Locale.ROOT, "oracle-%.0f%%", error * 100);
			results.add(PolicySimulation.run("fixed+gray-zone/" + oracle, evaluation,
					dev.orchestration.cache.semantic.internal.SimilarityThresholds.fixed(start), lower, error, 0, 1));
			results.add(PolicySimulation.run("adaptive+gray-zone/" + oracle, evaluation,
					PolicySimulation.adaptive(start, Math.min(lower, start), bound), lower, error, options.reportRate,
					1));
		}
		for (PolicySimulation.Result r : results) {
			out.printf(Locale.ROOT,
					"policy: model=%s policy=%s hit_rate=%.4f false_hit_rate=%.4f hits=%d false=%d"
							+ " gray_checks=%d gray_hits=%d final_threshold=%s%n",
					options.model.id(), r.policy(), r.hitRate(), r.falseHitRate(), r.hits(), r.falseHits(), r.checks(),
					r.grayHits(), format(Math.round(r.finalThreshold() * 1000) / 1000.0));
		}
		out.println();
	}

	private static long countTexts(List<LabelledPair> pairs) {
		return pairs.stream().map(LabelledPair::first).distinct().count() + pairs.size();
	}

	private static void printCurve(PrintStream out, String title, CacheEvaluation evaluation,
			CandidateVerifier verifier) {
		out.println();
		out.println("curve (" + title + "):");
		out.println("threshold  hit_rate  false_hit_rate  strict  served  hits  correct  false  rejected"
				+ "  optimistic_hit_rate  judged_false");
		for (double t : thresholds()) {
			CacheEvaluation.Counts c = evaluation.count(t, verifier);
			out.printf(Locale.ROOT, "%-9s  %8.4f  %14.4f  %6.4f  %6.4f  %4d  %7d  %5d  %8d  %19.4f  %12d%n", format(t),
					c.hitRate(), c.falseHitRate(), c.strictFalseHitRate(), c.servedRate(), c.hits(), c.correctHits(),
					c.falseHits(), c.rejected(), c.optimisticHitRate(), c.judgedFalseHits());
		}
		out.println();
	}

	/**
	 * The curve: 0.70 to 0.99 by 0.01, then 0.991 to 0.999 by 0.001 (where the Quora
	 * false-hit bound is met).
	 */
	static List<Double> thresholds() {
		List<Double> thresholds = new ArrayList<>();
		for (int i = 70; i <= 99; i++) {
			thresholds.add(BigDecimal.valueOf(i, 2).doubleValue());
		}
		for (int i = 991; i <= 999; i++) {
			thresholds.add(BigDecimal.valueOf(i, 3).doubleValue());
		}
		return thresholds;
	}

	static String counts(CacheEvaluation.Counts c) {
		return String.format(Locale.ROOT,
				"counts: lookups=%d same_meaning=%d hits=%d correct=%d false=%d correct_on_same_meaning=%d"
						+ " rejected_by_verifier=%d served=%.4f strict_false=%d strict_false_hit_rate=%.4f",
				c.pairs(), c.sameMeaningPairs(), c.hits(), c.correctHits(), c.falseHits(), c.correctHitsOnSameMeaning(),
				c.rejected(), c.servedRate(), c.strictFalseHits(), c.strictFalseHitRate());
	}

	static String line(CacheEvaluation.Counts c) {
		return String.format(Locale.ROOT, "threshold=%s hit_rate=%.4f false_hit_rate=%.4f pairs=%d",
				format(c.threshold()), c.hitRate(), c.falseHitRate(), c.pairs());
	}

	static String format(double threshold) {
		return BigDecimal.valueOf(threshold).stripTrailingZeros().toPlainString();
	}

	record Options(Path pairs, BuiltInEmbeddingModel model, Double threshold, boolean verify, double bound, int limit,
			int batch, Path vectors, boolean policies, boolean latency, Double start, double grayLower,
			double reportRate, int probes) {

		static Options parse(List<String> args) {
			Path pairs = null;
			BuiltInEmbeddingModel model = BuiltInEmbeddingModel.ALL_MINILM_L6_V2;
			double bound = 0.02;
			Path vectors = null;
			boolean policies = false;
			boolean latency = false;
			Double start = null;
			double grayLower = 0.80;
			double reportRate = 1.0;
			Double threshold = null;
			boolean verify = false;
			int limit = 0;
			int batch = 256;
			int probes = 8;
			for (int i = 0; i < args.size(); i++) {
				String arg = args.get(i);
				switch (arg) {
					case "--pairs" -> pairs = Path.of(Args.value(args, ++i, arg));
					case "--threshold" -> {
						threshold = Args.number(Args.value(args, ++i, arg), arg);
						if (threshold < -1 || threshold > 1) {
							throw new UsageException("--threshold must be between -1 and 1");
						}
					}
					case "--verify" -> verify = true;
					case "--model" -> {
						String id = Args.value(args, ++i, arg);
						model = BuiltInEmbeddingModel.byId(id)
							.orElseThrow(() -> new UsageException("Unknown model '" + id + "'"));
					}
					case "--bound" -> bound = Args.number(Args.value(args, ++i, arg), arg);
					case "--vectors" -> vectors = Path.of(Args.value(args, ++i, arg));
					case "--policies" -> policies = true;
					case "--latency" -> latency = true;
					case "--start" -> start = Args.number(Args.value(args, ++i, arg), arg);
					case "--gray-lower" -> grayLower = Args.number(Args.value(args, ++i, arg), arg);
					case "--report-rate" -> reportRate = Args.number(Args.value(args, ++i, arg), arg);
					case "--limit" -> limit = (int) Args.number(Args.value(args, ++i, arg), arg);
					case "--probes" -> {
						probes = (int) Args.number(Args.value(args, ++i, arg), arg);
						if (probes < 1 || probes > 128) {
							throw new UsageException("--probes must be between 1 and 128");
						}
					}
					case "--batch" -> batch = Math.max(1, (int) Args.number(Args.value(args, ++i, arg), arg));
					default -> throw new UsageException("Unknown argument '" + arg + "'");
				}
			}
			if (pairs == null) {
				throw new UsageException("--pairs FILE is required");
			}
			return new Options(pairs, model, threshold, verify, bound, limit, batch, vectors, policies, latency, start,
					grayLower, reportRate, probes);
		}

	}

}
