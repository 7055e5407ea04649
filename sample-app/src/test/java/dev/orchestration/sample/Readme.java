package dev.orchestration.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The repository's README.md, read by the tests that check that its sample output is what
 * the sample prints and answers. A block is found by the HTML comment
 * {@code <!-- sample-...:<id> -->} before it.
 */
final class Readme {

	private static final Path PATH = Path.of("..", "README.md");

	private Readme() {
	}

	static String text() {
		if (!Files.isRegularFile(PATH)) {
			throw new IllegalStateException("README.md not found at " + PATH.toAbsolutePath()
					+ ": run the sample-app tests from the sample-app module (Maven does)");
		}
		try {
			return Files.readString(PATH);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The fenced code blocks that follow the marker, up to the next blank-line-separated
	 * paragraph of text.
	 * @param marker for example {@code sample-example:judge}
	 * @return the blocks' contents, without the fences
	 */
	static List<String> blocksAfter(String marker) {
		String text = text();
		String comment = "<!-- " + marker + " -->";
		int at = text.indexOf(comment);
		if (at < 0) {
			throw new IllegalStateException("README.md has no '" + comment + "'");
		}
		List<String> blocks = new ArrayList<>();
		String[] lines = text.substring(at + comment.length()).split("\n", -1);
		StringBuilder block = null;
		for (int i = 1; i < lines.length; i++) {
			String line = lines[i];
			if (block == null) {
				if (line.startsWith("```")) {
					block = new StringBuilder();
				}
				else if (!line.isBlank() || !blocks.isEmpty()) {
					break;
				}
			}
			else if (line.equals("```")) {
				blocks.add(block.toString());
				block = null;
			}
			else {
				block.append(line).append('\n');
			}
		}
		if (blocks.isEmpty()) {
			throw new IllegalStateException("README.md has no code block after '" + comment + "'");
		}
		return blocks;
	}

}
