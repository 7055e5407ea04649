package dev.orchestration.test.eval;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real evaluation data (RouterBench, RouteLLM, the GPTCache pairs) for the tests
 * tagged {@code evaluation}, which only the {@code -Pevaluation} Maven profile runs. The
 * folder comes from the system property {@code orchestration.data.dir} (the parent POM
 * passes {@code ${maven.multiModuleProjectDirectory}/../shared/data} to surefire); a
 * missing folder or file fails the test with the property and the path, it never skips
 * it. The data is never copied into the repository: the default build runs on the
 * fixtures under {@code src/test/resources/fixtures}.
 */
public final class EvaluationData {

	/** The system property naming the data folder. */
	public static final String PROPERTY = "orchestration.data.dir";

	private EvaluationData() {
	}

	/**
	 * The data folder.
	 * @return the folder named by {@value #PROPERTY}
	 */
	public static Path dir() {
		String value = System.getProperty(PROPERTY);
		if (value == null || value.isBlank()) {
			throw failure("The evaluation tests need the real data: system property " + PROPERTY
					+ " is not set. Run them with" + " 'mvn -B verify -Pevaluation -D" + PROPERTY
					+ "=/path/to/shared/data' (the folder holding" + " routerbench/, routellm/ and semantic-cache/).");
		}
		Path dir = Path.of(value);
		if (!Files.isDirectory(dir)) {
			throw failure("The evaluation tests need the real data, but " + PROPERTY + " = " + dir.toAbsolutePath()
					+ " is not a folder. Pass -D" + PROPERTY + "=/path/to/shared/data (the folder holding routerbench/,"
					+ " routellm/ and semantic-cache/), or run 'mvn -B verify' without -Pevaluation to use the fixtures.");
		}
		return dir;
	}

	/**
	 * A file of the data folder.
	 * @param relative for example {@code routerbench/mbpp_train.csv}
	 * @return the file
	 */
	public static Path file(String relative) {
		Path file = dir().resolve(relative);
		if (!Files.exists(file)) {
			throw failure("Evaluation data missing: " + file.toAbsolutePath() + " (" + PROPERTY + " = "
					+ dir().toAbsolutePath() + "). Point -D" + PROPERTY + " at the folder that holds " + relative
					+ ".");
		}
		return file;
	}

	/**
	 * A fixture written by the project (synthetic rows in the data's formats), from the
	 * test class path: the file {@code fixtures/<folder>/fixture-<name>} for the real
	 * data's {@code <folder>/<name>}.
	 * @param relative for example {@code routerbench/mixed_train.csv}
	 * @return the fixture under {@code src/test/resources/fixtures}
	 */
	public static Path fixture(String relative) {
		// fixtures carry a "fixture-" prefix so that no file of the repository bears a
		// name of the real data's files
		int slash = relative.lastIndexOf('/');
		String named = relative.substring(0, slash + 1) + "fixture-" + relative.substring(slash + 1);
		URL url = EvaluationData.class.getResource("/fixtures/" + named);
		if (url == null) {
			throw failure("Test fixture missing from the class path: fixtures/" + named);
		}
		try {
			return Path.of(url.toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static AssertionError failure(String message) {
		return new AssertionError(message);
	}

}
