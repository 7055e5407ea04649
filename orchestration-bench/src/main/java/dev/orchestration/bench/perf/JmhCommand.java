package dev.orchestration.bench.perf;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.orchestration.bench.BenchCommand;
import dev.orchestration.bench.UsageException;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * {@code jmh [JMH options]}: runs {@link RequestPathBenchmarks} with JMH (the short
 * defaults of its annotations, and the GC profiler), writes the JSON results, and prints
 * the {@link OverheadSummary}. Any JMH command-line option overrides the defaults
 * ({@code -f 3 -wi 5 -i 10 -r 5s}, a benchmark regex, ...); {@code jmh --summary FILE}
 * prints the summary of an earlier run's JSON.
 */
public final class JmhCommand implements BenchCommand {

	/** Where the JSON results go unless {@code -rff} says otherwise. */
	static final String DEFAULT_RESULT_FILE = "jmh-result.json";

	@Override
	public String name() {
		return "jmh";
	}

	@Override
	public String usage() {
		return "[JMH options, e.g. -f 1 -wi 2 -w 2s -i 3 -r 2s -rff FILE BENCHMARK-REGEX] | --summary FILE";
	}

	@Override
	public int run(List<String> args, PrintStream out) throws Exception {
		if (!args.isEmpty() && args.get(0).equals("--summary")) {
			if (args.size() != 2) {
				throw new UsageException("--summary takes one JMH JSON result file");
			}
			new OverheadSummary(JmhResult.read(Path.of(args.get(1)))).print(out);
			return 0;
		}
		CommandLineOptions given;
		try {
			given = new CommandLineOptions(args.toArray(String[]::new));
		}
		catch (CommandLineOptionException ex) {
			throw new UsageException(ex.getMessage());
		}
		if (given.shouldHelp()) {
			given.showHelp();
			return 0;
		}
		Path unpacked = ForkClasspath.prepare();
		if (unpacked != null) {
			out.println("# forks load classes from " + unpacked);
		}
		String resultFile = given.getResult().orElse(DEFAULT_RESULT_FILE);
		ChainedOptionsBuilder options = new OptionsBuilder().parent(given)
			.resultFormat(ResultFormatType.JSON)
			.result(resultFile);
		if (given.getProfilers().stream().noneMatch((profiler) -> isGcProfiler(profiler.getKlass()))) {
			options.addProfiler(GCProfiler.class);
		}
		if (given.getIncludes().isEmpty()) {
			options.include(RequestPathBenchmarks.class.getName());
		}
		new Runner(options.build()).run();
		if (!Files.isRegularFile(Path.of(resultFile))) {
			throw new IllegalStateException("JMH wrote no results to " + resultFile);
		}
		out.println();
		out.println("# results: " + Path.of(resultFile).toAbsolutePath());
		new OverheadSummary(JmhResult.read(Path.of(resultFile))).print(out);
		return 0;
	}

	private static boolean isGcProfiler(String name) {
		return name.equals("gc") || name.equals(GCProfiler.class.getName());
	}

}
