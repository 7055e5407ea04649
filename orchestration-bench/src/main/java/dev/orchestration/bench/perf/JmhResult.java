package dev.orchestration.bench.perf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One benchmark of a JMH JSON result file ({@code -rf json}), reduced to what the summary
 * compares.
 *
 * @param benchmark the benchmark method's name, without its class
 * @param mode JMH's mode ({@code sample}, {@code thrpt}, ...)
 * @param unit the primary metric's unit, for example {@code us/op} or {@code ops/s}
 * @param score the primary score (mean time for {@code sample}, operations per unit for
 * {@code thrpt})
 * @param p50 the median of the samples (sample mode), else {@code NaN}
 * @param p99 the 99th percentile of the samples (sample mode), else {@code NaN}
 * @param allocatedBytesPerOp {@code gc.alloc.rate.norm} of the GC profiler, {@code NaN}
 * without it
 */
public record JmhResult(String benchmark, String mode, String unit, double score, double p50, double p99,
		double allocatedBytesPerOp) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Reads a JMH JSON result file.
	 * @param file the file JMH wrote
	 * @return the benchmarks, in file order
	 */
	public static List<JmhResult> read(Path file) {
		try {
			return parse(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read JMH results " + file, ex);
		}
	}

	/**
	 * Parses the content of a JMH JSON result file.
	 * @param json the JSON array JMH writes
	 * @return the benchmarks, in file order
	 */
	public static List<JmhResult> parse(String json) {
		List<JmhResult> results = new ArrayList<>();
		for (JsonNode run : JSON.readTree(json)) {
			String benchmark = run.path("benchmark").asString();
			JsonNode primary = run.path("primaryMetric");
			JsonNode percentiles = primary.path("scorePercentiles");
			results.add(new JmhResult(benchmark.substring(benchmark.lastIndexOf('.') + 1), run.path("mode").asString(),
					primary.path("scoreUnit").asString(), primary.path("score").asDouble(),
					number(percentiles.get("50.0")), number(percentiles.get("99.0")),
					number(run.path("secondaryMetrics").path("gc.alloc.rate.norm").get("score"))));
		}
		return results;
	}

	private static double number(@Nullable JsonNode node) {
		return (node != null && node.isNumber()) ? node.asDouble() : Double.NaN;
	}

}
