package dev.orchestration.test.eval;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EvalReportTests {

	@TempDir
	Path dir;

	@Test
	void percentilesAreNearestRank() {
		double[] values = { 5, 1, 4, 2, 3, 6, 7, 8, 9, 10 };
		assertThat(EvalMetrics.percentile(values, 50)).isEqualTo(5);
		assertThat(EvalMetrics.percentile(values, 95)).isEqualTo(10);
		assertThat(EvalMetrics.percentile(new double[] { 1, 2, 3, 4 }, 50)).isEqualTo(2);
		assertThat(EvalMetrics.percentile(new double[] { 7 }, 95)).isEqualTo(7);
		double[] hundred = new double[100];
		for (int i = 0; i < 100; i++) {
			hundred[i] = 100 - i;
		}
		assertThat(EvalMetrics.percentile(hundred, 95)).isEqualTo(95);
		assertThat(EvalMetrics.percentile(new double[0], 50)).isNaN();
	}

	@Test
	void metricsAggregateCasesCostPerSuccessSharesAndEscalation() {
		List<CaseResult> cases = List.of(new CaseResult("1", "a", "small", "m1", true, 8.0, 0.001, 10, false, null, ""),
				new CaseResult("2", "a", "small", "m1", false, 4.0, 0.001, 20, false, null, ""),
				new CaseResult("3", "b", "large", "m2", true, null, 0.010, 30, true, null, ""),
				new CaseResult("4", "b", null, null, false, null, 0, 400, false, "boom", "call failed"));
		EvalMetrics m = EvalMetrics.of(cases);
		assertThat(m.cases()).isEqualTo(4);
		assertThat(m.passed()).isEqualTo(2);
		assertThat(m.errors()).isEqualTo(1);
		assertThat(m.passRate()).isEqualTo(0.5);
		assertThat(m.meanScore()).isEqualTo(6.0);
		assertThat(m.totalCost()).isCloseTo(0.012, within(1e-12));
		assertThat(m.costPerRequest()).isCloseTo(0.003, within(1e-12));
		assertThat(m.costPerSuccess()).as("total cost / passed cases").isCloseTo(0.006, within(1e-12));
		assertThat(m.tierShares()).containsEntry("small", 0.5).containsEntry("large", 0.25).containsEntry("none", 0.25);
		assertThat(m.escalationRate()).isEqualTo(0.25);
		assertThat(m.p50LatencyMillis()).isEqualTo(20);
		assertThat(m.p95LatencyMillis()).isEqualTo(400);
		assertThat(EvalMetrics.of(List.of(CaseResult.of("x", null, "s", false, 0.1, 1))).costPerSuccess()).isNaN();
	}

	@Test
	void writesJsonMarkdownAndADecodableChart() throws Exception {
		EvalReport report = new EvalReport("toy", List.of(
				PolicyRun.of("router",
						List.of(CaseResult.of("1", "math", "small", true, 0.001, 12),
								CaseResult.of("2", "code", "large", true, 0.01, 40))),
				PolicyRun.of("tier:small",
						List.of(CaseResult.of("1", "math", "small", true, 0.001, 10),
								CaseResult.of("2", "code", "small", false, 0.001, 11))),
				PolicyRun.of("tier:large", List.of(CaseResult.of("1", "math", "large", true, 0.01, 30),
						CaseResult.of("2", "code", "large", true, 0.01, 35)))));
		List<Path> files = report.writeAll(this.dir, "toy-report");
		assertThat(files).allSatisfy((f) -> assertThat(f).exists());

		JsonNode json = JsonMapper.builder().build().readTree(Files.readString(this.dir.resolve("toy-report.json")));
		assertThat(json.path("primary").asString()).isEqualTo("router");
		assertThat(json.path("runs")).hasSize(3);
		assertThat(json.path("runs").get(1).path("metrics").path("passRate").asDouble()).isEqualTo(0.5);
		assertThat(json.path("runs").get(0).path("metrics").path("costPerSuccess").asDouble()).isCloseTo(0.0055,
				within(1e-12));
		assertThat(json.path("runs").get(0).path("byTask").path("code").path("tierShares").path("large").asDouble())
			.isEqualTo(1.0);
		assertThat(json.path("runs").get(0).path("cases")).hasSize(2);

		String md = Files.readString(this.dir.resolve("toy-report.md"));
		assertThat(md).contains("| router | 100.0 % |").contains("| tier:small | 50.0 % |").contains("| code |");

		BufferedImage image = ImageIO.read(this.dir.resolve("toy-report.png").toFile());
		assertThat(image).isNotNull();
		assertThat(image.getWidth()).isEqualTo(1000);
		assertThat(image.getHeight()).isEqualTo(620);
		assertThat(distinctColours(image)).as("axes, points and text were drawn").isGreaterThan(10);
	}

	@Test
	void chartDrawsLinesAndDashedReferences() throws Exception {
		Chart chart = new Chart("t", "x", "y")
			.add(Chart.Series.line("curve",
					List.of(Chart.Point.of(0, 1), Chart.Point.of(50, 2), Chart.Point.of(100, 3))))
			.add(Chart.Series.dashed("ref", List.of(Chart.Point.of(0, 2), Chart.Point.of(100, 2))));
		Path png = chart.writePng(this.dir.resolve("sub/chart.png"));
		BufferedImage image = ImageIO.read(png.toFile());
		assertThat(image.getWidth()).isPositive();
		assertThat(Chart.niceStep(0.25)).isEqualTo(0.2);
		assertThat(Chart.niceStep(0.13)).isEqualTo(0.1);
		assertThat(Chart.format(0.30000000000000004, 0.1)).isEqualTo("0.3");
	}

	private static int distinctColours(BufferedImage image) {
		java.util.Set<Integer> colours = new java.util.HashSet<>();
		for (int x = 0; x < image.getWidth(); x += 3) {
			for (int y = 0; y < image.getHeight(); y += 3) {
				colours.add(image.getRGB(x, y));
			}
		}
		return colours.size();
	}

}
