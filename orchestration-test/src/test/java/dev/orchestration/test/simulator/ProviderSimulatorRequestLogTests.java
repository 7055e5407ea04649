package dev.orchestration.test.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ProviderSimulatorRequestLogTests {

	@RegisterExtension
	static final ProviderSimulatorExtension providers = ProviderSimulatorExtension.perMethod();

	private final ProviderSimulator sim = providers.simulator();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private int post(String model, String user) throws Exception {
		String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + user + "\"}]}";
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.sim.baseUrl() + "/v1/chat/completions"))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
	}

	@Test
	void theLogKeepsAThousandRequestsByDefault() {
		assertThat(this.sim.requestLogCapacity()).isEqualTo(ProviderSimulator.DEFAULT_REQUEST_LOG_CAPACITY)
			.isEqualTo(1_000);
	}

	@Test
	void theLogKeepsTheNewestRequestsAndCountsEveryOne() throws Exception {
		this.sim.requestLogCapacity(3);
		for (int i = 1; i <= 5; i++) {
			assertThat(post("m-" + (i % 2), "question " + i)).isEqualTo(200);
		}
		assertThat(this.sim.receivedRequests()).isEqualTo(5);
		assertThat(this.sim.requests()).extracting(RecordedRequest::lastUserMessage)
			.containsExactly("question 3", "question 4", "question 5");
		assertThat(this.sim.requests("m-1")).extracting(RecordedRequest::lastUserMessage)
			.containsExactly("question 3", "question 5");
	}

	@Test
	void concurrentRequestsNeverGrowTheLogPastItsBound() throws Exception {
		this.sim.requestLogCapacity(10);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<Integer>> calls = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				int n = i;
				calls.add(pool.submit(() -> post("m", "q" + n)));
			}
			for (Future<Integer> call : calls) {
				assertThat(call.get()).isEqualTo(200);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.sim.receivedRequests()).isEqualTo(200);
		assertThat(this.sim.requests()).hasSize(10);
	}

	@Test
	void loweringTheBoundDropsTheOldestAtOnceAndResetClearsTheCount() throws Exception {
		for (int i = 1; i <= 4; i++) {
			post("m", "q" + i);
		}
		this.sim.requestLogCapacity(1);
		assertThat(this.sim.requests()).extracting(RecordedRequest::lastUserMessage).containsExactly("q4");
		this.sim.reset();
		assertThat(this.sim.requests()).isEmpty();
		assertThat(this.sim.receivedRequests()).isZero();
	}

	@Test
	void anUnboundedLogKeepsEveryRequestForReplays() throws Exception {
		this.sim.requestLogCapacity(Integer.MAX_VALUE);
		for (int i = 0; i < 1_005; i++) {
			post("m", "q" + i);
		}
		assertThat(this.sim.requests()).hasSize(1_005);
	}

	@Test
	void aZeroBoundKeepsNothingButStillCounts() throws Exception {
		this.sim.requestLogCapacity(0);
		post("m", "q");
		assertThat(this.sim.requests()).isEmpty();
		assertThat(this.sim.receivedRequests()).isEqualTo(1);
	}

	@Test
	void aNegativeBoundIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.sim.requestLogCapacity(-1))
			.withMessageContaining("at least 0");
	}

	@Test
	void startingASimulatorSwitchesNagleOffForTheJdkServer() {
		// The JDK server reads this once; unset it is false and every answer waits for
		// the client's delayed ACK.
		assertThat(System.getProperty(ProviderSimulator.NODELAY_PROPERTY)).isEqualTo("true");
	}

}
