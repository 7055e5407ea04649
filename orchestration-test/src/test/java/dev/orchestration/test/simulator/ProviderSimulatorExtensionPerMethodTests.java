package dev.orchestration.test.simulator;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A simulator per test: a request sent to the previous test's simulator after that test
 * ended reaches a closed port, never the current test's log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProviderSimulatorExtensionPerMethodTests {

	@RegisterExtension
	static final ProviderSimulatorExtension providers = ProviderSimulatorExtension.perMethod();

	private static ProviderSimulator first;

	// read in a field initialiser: the simulator runs before the test instance is
	// constructed
	private final ProviderSimulator sim = providers.simulator();

	@Test
	@Order(1)
	void eachTestHasItsOwnSimulator(ProviderSimulator injected) throws Exception {
		assertThat(injected).isSameAs(this.sim);
		assertThat(System.getProperty(ProviderSimulatorExtension.BASE_URL_PROPERTY)).isEqualTo(this.sim.baseUrl());
		assertThat(ProviderSimulatorExtensionTests.post(this.sim, "m").statusCode()).isEqualTo(200);
		first = this.sim;
	}

	@Test
	@Order(2)
	void aLateRequestOfTheFinishedTestCannotReachThisOne() {
		assertThat(this.sim).isNotSameAs(first);
		assertThat(this.sim.port()).isNotEqualTo(first.port());
		Throwable late = catchThrowable(() -> HttpClient.newHttpClient()
			.send(ProviderSimulatorExtensionTests.request(first, "m"), HttpResponse.BodyHandlers.ofString()));
		assertThat(late).isInstanceOf(ConnectException.class);
		assertThat(this.sim.requests()).isEmpty();
		assertThat(System.getProperty(ProviderSimulatorExtension.BASE_URL_PROPERTY)).isEqualTo(this.sim.baseUrl());
	}

}
