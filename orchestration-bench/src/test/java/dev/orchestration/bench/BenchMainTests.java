package dev.orchestration.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.orchestration.bench.perf.JmhResultFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class BenchMainTests {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private int run(String... args) {
		return new BenchMain(BenchMain.builtInCommands()).run(List.of(args),
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	@Test
	void dispatchesAndExplainsUsage() {
		assertThat(run()).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("cache --pairs FILE");
		assertThat(run("replay-nope")).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("Unknown command 'replay-nope'");
		assertThat(run("cache")).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("--pairs FILE is required");
		assertThat(run("cache", "--pairs", "x.json", "--threshold", "abc")).isEqualTo(2);
		assertThat(run("help")).isZero();
	}

	@Test
	void jmhSummaryReprintsTheOverheadsOfAnEarlierRun(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("jmh-result.json");
		Files.writeString(file, JmhResultFixture.RESULTS);
		assertThat(run("jmh", "--summary", file.toString())).isZero();
		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("routed/plain 0.041")
			.contains("# targets (issue 8)");
		assertThat(run("jmh", "--summary")).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("--summary takes one JMH JSON result file");
	}

	@Test
	void cacheCommandEndsWithTheResultLine(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("pairs.json");
		Files.writeString(file, """
				[{"text_a": "How do I learn Java quickly?", "text_b": "How can I learn Java fast?", "label": 1},
				 {"text_a": "What is the capital of France?", "text_b": "How tall is Mount Everest?", "label": 0}]
				""");
		assertThat(run("cache", "--pairs", file.toString(), "--threshold", "0.8")).isZero();
		List<String> lines = this.out.toString(StandardCharsets.UTF_8).lines().toList();
		assertThat(lines.get(lines.size() - 1))
			.matches("threshold=0\\.8 hit_rate=1\\.0000 false_hit_rate=0\\.0000 pairs=2");
		assertThat(lines).anyMatch((line) -> line.contains("embeddings/s"));
	}

}
