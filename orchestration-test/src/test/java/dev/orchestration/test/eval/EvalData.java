package dev.orchestration.test.eval;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.fail;

/** The shared data folder, from the system property surefire sets; tests fail (never skip) without it. */
final class EvalData {

	private EvalData() {
	}

	static Path dir() {
		String value = System.getProperty("orchestration.data.dir");
		if (value == null || !Files.isDirectory(Path.of(value).resolve("routellm"))) {
			fail("The RouteLLM/RouterBench data folder was not found (orchestration.data.dir = " + value + "). "
					+ "Run the tests through Maven from the repository (the parent POM passes "
					+ "-Dorchestration.data.dir=${maven.multiModuleProjectDirectory}/../shared/data to surefire), or "
					+ "pass -Dorchestration.data.dir=/path/to/shared/data pointing at the folder holding routellm/ "
					+ "and routerbench/.");
		}
		return Path.of(value);
	}

}
