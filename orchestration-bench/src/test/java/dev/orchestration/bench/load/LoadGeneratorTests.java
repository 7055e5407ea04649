package dev.orchestration.bench.load;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LoadGeneratorTests {

	@Test
	void stopsAtItsRequestCountAndRecordsALatencyPerAnsweredRequest() throws Exception {
		try (FastOpenAiStub stub = FastOpenAiStub.start(4)) {
			LoadResult result = new LoadGenerator().run(URI.create(stub.baseUrl() + "/v1/chat/completions"), "{}", 3,
					Duration.ofMinutes(1), 25);
			assertThat(result.requests()).isEqualTo(25);
			assertThat(result.errors()).isZero();
			assertThat(result.latencies().count()).isEqualTo(25);
			assertThat(result.latencies().percentile(50)).isPositive();
			assertThat(result.concurrency()).isEqualTo(3);
		}
	}

	@Test
	void countsAnswersOtherThan200AsErrors() throws Exception {
		try (FastOpenAiStub stub = FastOpenAiStub.start(2)) {
			LoadResult result = new LoadGenerator().run(URI.create(stub.baseUrl() + "/nowhere"), "{}", 2,
					Duration.ofMinutes(1), 10);
			assertThat(result.requests()).isZero();
			assertThat(result.errors()).isEqualTo(10);
		}
	}

	@Test
	void refusesToLoadAnythingButLoopback() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LoadGenerator()
			.run(URI.create("http://example.com/plain"), "x", 1, Duration.ofSeconds(1), 1));
	}

	@Test
	void readsTheResidentSetFromProcStatus() {
		assertThat(LoadGenerator
			.vmRss(List.of("Name:\tjava", "VmPeak:\t 9000000 kB", "VmRSS:\t  412345 kB", "RssAnon:\t 300000 kB")))
			.isEqualTo(412345);
		assertThat(LoadGenerator.vmRss(List.of("Name:\tjava"))).isEqualTo(-1);
	}

	@Test
	void requestsPerSecondAreAnsweredRequestsOverTheElapsedTime() {
		LoadResult result = new LoadResult("/plain", 32, 5_000, 0, 2_000_000_000L, Percentiles.of(new long[] { 1 }), 1);
		assertThat(result.requestsPerSecond()).isEqualTo(2_500.0);
	}

}
