package dev.orchestration.test.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One simulator for the class, reset between tests: the tests run in order, and each
 * later one checks that nothing of the earlier one (script, faults, request log, call
 * count, a request left hanging) reaches it; the base URL reaches a Spring environment
 * through the system property.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProviderSimulatorExtensionTests {

	@RegisterExtension
	static final ProviderSimulatorExtension providers = new ProviderSimulatorExtension();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static int firstPort;

	private static CompletableFuture<HttpResponse<String>> leftHanging;

	@Test
	@Order(1)
	void injectsTheRunningSimulatorAndPublishesItsBaseUrl(ProviderSimulator sim) throws Exception {
		assertThat(sim).isSameAs(providers.simulator());
		assertThat(providers.baseUrl()).isEqualTo("http://127.0.0.1:" + sim.port());
		assertThat(System.getProperty(ProviderSimulatorExtension.BASE_URL_PROPERTY)).isEqualTo(sim.baseUrl());
		firstPort = sim.port();
		sim.model("m").answer("scripted").failNext(1, SimulatedError.serverError());
		assertThat(post(sim, "m").statusCode()).isEqualTo(500);
		sim.model("stuck").hang();
		leftHanging = HTTP.sendAsync(request(sim, "stuck"), HttpResponse.BodyHandlers.ofString());
		// the hanging request has arrived before this test ends
		for (int i = 0; i < 200 && sim.requests("stuck").isEmpty(); i++) {
			Thread.sleep(10);
		}
		assertThat(sim.requests()).hasSize(2);
	}

	@Test
	@Order(2)
	void theNextTestStartsOnACleanSimulator(ProviderSimulator sim) throws Exception {
		assertThat(sim.port()).as("one simulator for the class").isEqualTo(firstPort);
		assertThat(sim.requests()).as("the previous test's requests").isEmpty();
		assertThat(sim.model("m").callCount()).isZero();
		// neither the answer nor the pending fault of the previous test survive
		HttpResponse<String> response = post(sim, "m");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).doesNotContain("scripted").contains("[m] answer to: hello");
		// the request the previous test left hanging was released when that test ended
		Throwable dropped = leftHanging.handle((r, ex) -> ex).get(5, TimeUnit.SECONDS);
		assertThat(dropped).hasRootCauseInstanceOf(IOException.class);
		assertThat(sim.requests()).hasSize(1);
	}

	@Test
	@Order(3)
	void aSpringEnvironmentResolvesTheBaseUrlProperty(ProviderSimulator sim) {
		new ApplicationContextRunner()
			.withPropertyValues("spring.ai.openai.base-url=${" + ProviderSimulatorExtension.BASE_URL_PROPERTY + "}/v1")
			.run((context) -> assertThat(context.getEnvironment().getProperty("spring.ai.openai.base-url"))
				.isEqualTo(sim.baseUrl() + "/v1"));
	}

	static HttpResponse<String> post(ProviderSimulator sim, String model) throws Exception {
		return HTTP.send(request(sim, model), HttpResponse.BodyHandlers.ofString());
	}

	static HttpRequest request(ProviderSimulator sim, String model) {
		return HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v1/chat/completions"))
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(
					"{\"model\": \"" + model + "\", \"messages\": [{\"role\": \"user\", \"content\": \"hello\"}]}"))
			.build();
	}

}
