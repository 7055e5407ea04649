package dev.orchestration.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.orchestration.bench.chaos.ChaosCommand;
import dev.orchestration.bench.chaos.SoakCommand;
import dev.orchestration.bench.load.LoadCommand;
import dev.orchestration.bench.perf.JmhCommand;
import dev.orchestration.bench.replay.ReplayCommand;
import dev.orchestration.bench.replay.TuneCommand;

/**
 * Entry point of the bench jar: dispatches {@code <command> [args]} to the registered
 * {@link BenchCommand}s.
 */
public final class BenchMain {

	private final Map<String, BenchCommand> commands = new LinkedHashMap<>();

	/**
	 * Creates a dispatcher over the given commands.
	 * @param commands the commands, by their {@link BenchCommand#name()}
	 */
	public BenchMain(List<BenchCommand> commands) {
		for (BenchCommand command : commands) {
			this.commands.put(command.name(), command);
		}
	}

	/**
	 * Returns the commands this jar offers. Add new subcommands here.
	 * @return the built-in commands
	 */
	static List<BenchCommand> builtInCommands() {
		List<BenchCommand> commands = new ArrayList<>();
		commands.add(new CacheBenchCommand());
		commands.add(new ReplayCommand());
		commands.add(new TuneCommand());
		commands.add(new ChaosCommand());
		commands.add(new SoakCommand());
		commands.add(new JmhCommand());
		commands.add(new LoadCommand());
		return commands;
	}

	/**
	 * Runs the bench.
	 * @param args {@code <command> [args]}
	 */
	public static void main(String[] args) {
		int code = new BenchMain(builtInCommands()).run(Arrays.asList(args), System.out, System.err);
		System.out.flush();
		System.exit(code);
	}

	int run(List<String> args, PrintStream out, PrintStream err) {
		if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help") || args.get(0).equals("-h")) {
			printUsage(args.isEmpty() ? err : out);
			return args.isEmpty() ? 2 : 0;
		}
		BenchCommand command = this.commands.get(args.get(0));
		if (command == null) {
			err.println("Unknown command '" + args.get(0) + "'");
			printUsage(err);
			return 2;
		}
		try {
			return command.run(args.subList(1, args.size()), out);
		}
		catch (UsageException ex) {
			err.println(ex.getMessage());
			err.println("usage: java -jar orchestration-bench.jar " + command.name() + " " + command.usage());
			return 2;
		}
		catch (Exception ex) {
			err.println(command.name() + " failed: " + ex);
			ex.printStackTrace(err);
			return 1;
		}
	}

	private void printUsage(PrintStream stream) {
		stream.println("usage: java -jar orchestration-bench.jar <command> [args]");
		for (BenchCommand command : this.commands.values()) {
			stream.println("  " + command.name() + " " + command.usage());
		}
	}

}
