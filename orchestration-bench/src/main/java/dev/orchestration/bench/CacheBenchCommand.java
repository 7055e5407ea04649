package dev.orchestration.bench;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.orchestration.cache.semantic.CandidateVerifier;
import dev.orchestration.cache.semantic.SemanticCacheDefaults;
import dev.orchestration.cache.semantic.TextOverlapVerifier;
import dev.orchestration.embedding.BuiltInEmbeddingModel;
import dev.orchestration.embedding.OnnxEmbeddingModel;

/**
 * {@code cache --pairs FILE [--threshold T] [--verify] [--limit N] [--batch N]}: measures the semantic cache's hit
 * rate and false-hit rate on a pairs file (see {@link CacheEvaluation} for the counting rule).
 */
public final class CacheBenchCommand implements BenchCommand {

	@Override
	public String name() {
		return "cache";
	}

	@Override
	public String usage() {
		return "--pairs FILE [--model all-minilm-l6-v2|bge-small-en-v1.5|e5-small-v2] [--threshold T] [--verify]"
				+ " [--bound B] [--limit N] [--batch N] [--vectors DIR]";
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
		double threshold = (options.threshold != null) ? options.threshold
				: (options.verify ? SemanticCacheDefaults.VERIFIED_SIMILARITY_THRESHOLD
						: SemanticCacheDefaults.SIMILARITY_THRESHOLD);

		out.println("# semantic-cache bench");
		out.printf(Locale.ROOT, "data: %s (%d pairs, %d labelled same-meaning)%n", options.pairs, pairs.size(),
				pairs.stream().filter(LabelledPair::sameMeaning).count());
		out.printf(Locale.ROOT, "model: %s (%s pooling, prefix '%s'), %d dimensions, in-process ONNX (onnxruntime + DJL"
				+ " tokenizer), offline%n", options.model.modelName(), options.model.pooling(),
				options.model.similarityPrefix(), OnnxEmbeddingModel.DIMENSIONS);
		out.println("verification: " + (options.verify ? TextOverlapVerifier.class.getSimpleName() : "none"));
		out.println("method: cache the first text of every pair (distinct texts) in ONE shared scope of an"
				+ " InMemorySemanticIndex, query with the second text against ALL entries (nearest entry, then the"
				+ " threshold); a hit is correct if it matched the query's own partner on a same-meaning pair, or a"
				+ " text the data set says is the same question (identical up to case/punctuation, or linked by"
				+ " same-meaning pairs); any other hit, and any hit on a partner labelled different, is a false hit");
		out.println("metrics: hit_rate = correct hits on same-meaning pairs / same-meaning pairs;"
				+ " false_hit_rate = false hits / hits; strict = false-hit rate when only the own partner (label 1)"
				+ " or the exact same string counts as correct; served = hits / lookups");

		long loadStart = System.nanoTime();
		OnnxEmbeddingModel model = new OnnxEmbeddingModel(options.model);
		model.embed("warm up");
		long loadMillis = (System.nanoTime() - loadStart) / 1_000_000;

		long embedded = countTexts(pairs);
		long start = System.nanoTime();
		VectorFile vectorFile = (options.vectors != null) ? new VectorFile(options.vectors
			.resolve(options.model.id() + "-" + options.pairs.getFileName() + ".vectors")) : null;
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
		out.printf(Locale.ROOT, "lookups: %d over %d entries in %.0f ms (%.2f ms per lookup, parallel)%n",
				pairs.size(), evaluation.entries(), evaluation.lookupNanos() / 1e6,
				evaluation.lookupNanos() / 1e6 / Math.max(1, pairs.size()));

		CacheEvaluation.Counts atBound = atBound(evaluation, options.bound);
		out.printf(Locale.ROOT, "at_bound: model=%s bound=%.3f threshold=%s hit_rate=%.4f false_hit_rate=%.4f"
				+ " served=%.4f hits=%d%n", options.model.id(), options.bound, format(atBound.threshold()),
				atBound.hitRate(), atBound.falseHitRate(), atBound.servedRate(), atBound.hits());
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
	 * The operating point at a false-hit bound: the lowest threshold on a 0.001 grid from 0.5 whose false-hit rate is
	 * at most the bound (measured on the data, so it is the best a fixed threshold can do in hindsight).
	 */
	static CacheEvaluation.Counts atBound(CacheEvaluation evaluation, double bound) {
		CacheEvaluation.Counts best = evaluation.count(1.0);
		for (int i = 1000; i >= 500; i--) {
			CacheEvaluation.Counts counts = evaluation.count(BigDecimal.valueOf(i, 3).doubleValue());
			if (counts.falseHitRate() <= bound) {
				best = counts;
			}
		}
		return best;
	}

	private static long countTexts(List<LabelledPair> pairs) {
		return pairs.stream().map(LabelledPair::first).distinct().count() + pairs.size();
	}

	private static void printCurve(PrintStream out, String title, CacheEvaluation evaluation,
			CandidateVerifier verifier) {
		out.println();
		out.println("curve (" + title + "):");
		out.println("threshold  hit_rate  false_hit_rate  strict  served  hits  correct  false  rejected");
		for (double t : thresholds()) {
			CacheEvaluation.Counts c = evaluation.count(t, verifier);
			out.printf(Locale.ROOT, "%-9s  %8.4f  %14.4f  %6.4f  %6.4f  %4d  %7d  %5d  %8d%n", format(t), c.hitRate(),
					c.falseHitRate(), c.strictFalseHitRate(), c.servedRate(), c.hits(), c.correctHits(),
					c.falseHits(), c.rejected());
		}
		out.println();
	}

	/** The curve: 0.70 to 0.99 by 0.01, then 0.991 to 0.999 by 0.001 (where the Quora false-hit bound is met). */
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
		return String.format(Locale.ROOT, "threshold=%s hit_rate=%.4f false_hit_rate=%.4f pairs=%d", format(c.threshold()),
				c.hitRate(), c.falseHitRate(), c.pairs());
	}

	static String format(double threshold) {
		return BigDecimal.valueOf(threshold).stripTrailingZeros().toPlainString();
	}

	record Options(Path pairs, BuiltInEmbeddingModel model, Double threshold, boolean verify, double bound, int limit,
			int batch, Path vectors) {

		static Options parse(List<String> args) {
			Path pairs = null;
			BuiltInEmbeddingModel model = BuiltInEmbeddingModel.ALL_MINILM_L6_V2;
			double bound = 0.02;
			Path vectors = null;
			Double threshold = null;
			boolean verify = false;
			int limit = 0;
			int batch = 256;
			for (int i = 0; i < args.size(); i++) {
				String arg = args.get(i);
				switch (arg) {
					case "--pairs" -> pairs = Path.of(value(args, ++i, arg));
					case "--threshold" -> {
						threshold = number(value(args, ++i, arg), arg);
						if (threshold < -1 || threshold > 1) {
							throw new UsageException("--threshold must be between -1 and 1");
						}
					}
					case "--verify" -> verify = true;
					case "--model" -> {
						String id = value(args, ++i, arg);
						model = BuiltInEmbeddingModel.byId(id)
							.orElseThrow(() -> new UsageException("Unknown model '" + id + "'"));
					}
					case "--bound" -> bound = number(value(args, ++i, arg), arg);
					case "--vectors" -> vectors = Path.of(value(args, ++i, arg));
					case "--limit" -> limit = (int) number(value(args, ++i, arg), arg);
					case "--batch" -> batch = Math.max(1, (int) number(value(args, ++i, arg), arg));
					default -> throw new UsageException("Unknown argument '" + arg + "'");
				}
			}
			if (pairs == null) {
				throw new UsageException("--pairs FILE is required");
			}
			return new Options(pairs, model, threshold, verify, bound, limit, batch, vectors);
		}

		private static String value(List<String> args, int index, String name) {
			if (index >= args.size()) {
				throw new UsageException(name + " needs a value");
			}
			return args.get(index);
		}

		private static double number(String value, String name) {
			try {
				return Double.parseDouble(value);
			}
			catch (NumberFormatException ex) {
				throw new UsageException(name + " expects a number, got '" + value + "'");
			}
		}

	}

}
