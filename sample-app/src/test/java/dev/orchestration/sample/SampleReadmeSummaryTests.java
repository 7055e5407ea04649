package dev.orchestration.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's printed summary is what {@code java -jar sample-app.jar} prints: the
 * sample with its own configuration (the property below is its default; it only keeps
 * this test's application context apart from the other tests').
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sample.workload.requests=24")
@ExtendWith(OutputCaptureExtension.class)
class SampleReadmeSummaryTests {

	@Test
	void theReadmesSummaryIsWhatTheDefaultRunPrints(CapturedOutput output) {
		String documented = Readme.blocksAfter("sample-summary:default").get(0);
		assertThat(documented).startsWith("=== Workload summary: 24 requests, 0 failed ===");
		assertThat(output.getOut()).contains(documented);
	}

}
