package dev.orchestration.bench;

import java.io.PrintStream;
import java.util.List;

/**
 * A subcommand of the bench jar, selected by its name on the command line.
 */
public interface BenchCommand {

	/**
	 * Returns the name that selects this command
	 * ({@code java -jar orchestration-bench.jar <name> ...}).
	 * @return the command name
	 */
	String name();

	/**
	 * Returns a one-line usage summary shown by {@code help}.
	 * @return the usage line, without the command name
	 */
	String usage();

	/**
	 * Runs the command.
	 * @param args the arguments after the command name
	 * @param out where results go
	 * @return the process exit code
	 * @throws Exception on failure (reported and turned into exit code 1)
	 */
	int run(List<String> args, PrintStream out) throws Exception;

}
