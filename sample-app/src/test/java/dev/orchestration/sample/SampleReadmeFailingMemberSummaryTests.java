package dev.orchestration.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's second summary is what the documented command prints: sim-nano fails every
 * call and the caches are off, so its breaker opens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.simulator.models.sim-nano.error-rate=1.0", "llm.cache.exact.enabled=false",
				"llm.cache.semantic.enabled=false" })
@ExtendWith(OutputCaptureExtension.class)
class SampleReadmeFailingMemberSummaryTests {

	static final String COMMAND = "java -jar sample-app/target/sample-app.jar "
			+ "--sample.simulator.models.sim-nano.error-rate=1.0 --llm.cache.exact.enabled=false "
			+ "--llm.cache.semantic.enabled=false";

	@Test
	void theReadmesSummaryIsWhatTheDocumentedCommandPrints(CapturedOutput output) {
		assertThat(Readme.text()).as("the README documents the command of this test").contains(COMMAND);
		String documented = Readme.blocksAfter("sample-summary:failing-nano").get(0);
		assertThat(documented).contains("Breaker transitions: {small-sim-nano=State transition from CLOSED to OPEN}");
		assertThat(output.getOut()).contains(documented);
	}

}
