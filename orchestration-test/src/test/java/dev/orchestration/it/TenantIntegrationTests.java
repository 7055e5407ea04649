package dev.orchestration.it;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.orchestration.autoconfigure.tenant.OrchestrationTenantAutoConfiguration;
import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.routing.RoutingDecision;
import dev.orchestration.routing.RoutingDecisionListener;
import dev.orchestration.tenant.TenantResolver;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.ProviderSimulatorExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import static dev.orchestration.it.SimulatedProviders.member;
import static dev.orchestration.it.SimulatedProviders.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Who the tenant of a request is, over real HTTP to the simulator: the options' tenant by
 * default, Spring Security's principal with {@code llm.tenant.resolver=principal}, or an
 * application's own {@link TenantResolver}.
 */
class TenantIntegrationTests {

	@RegisterExtension
	static final ProviderSimulatorExtension providers = new ProviderSimulatorExtension();

	private final ProviderSimulator sim = providers.simulator();

	private final List<RoutingDecision> decisions = new CopyOnWriteArrayList<>();

	private final ApplicationContextRunner runner = SimulatedProviders.runner(this.sim, Duration.ofSeconds(30))
		.withConfiguration(AutoConfigurations.of(OrchestrationTenantAutoConfiguration.class))
		.withBean(RoutingDecisionListener.class, () -> this.decisions::add)
		.withPropertyValues(props(member("small", 0, "openAiChatModel", "tenant-a")));

	@AfterEach
	void clearSecurityContext() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void byDefaultTheTenantIsTheOptionsTenant() {
		this.runner.run((context) -> {
			ask(context, "acme");
			assertThat(this.decisions).singleElement().satisfies((d) -> assertThat(d.tenant()).isEqualTo("acme"));
		});
	}

	@Test
	void withThePrincipalResolverTheCallerCannotChooseItsTenant() {
		this.runner.withPropertyValues("llm.tenant.resolver=principal", "llm.tenant.anonymous=public")
			.run((context) -> {
				SecurityContextHolder.getContext()
					.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("alice", null, List.of()));
				ask(context, "mallory");
				SecurityContextHolder.clearContext();
				ask(context, "mallory");
				assertThat(this.decisions).extracting(RoutingDecision::tenant).containsExactly("alice", "public");
			});
	}

	@Test
	void anApplicationsResolverDecidesAndMayRefuse() {
		this.runner.withBean(TenantResolver.class, () -> (requested) -> {
			if (!"acme".equals(requested)) {
				throw new IllegalArgumentException("unknown tenant");
			}
			return "tenant-acme";
		}).run((context) -> {
			ask(context, "acme");
			assertThat(this.decisions).singleElement()
				.satisfies((d) -> assertThat(d.tenant()).isEqualTo("tenant-acme"));
			assertThatIllegalArgumentException().isThrownBy(() -> ask(context, "mallory"));
			assertThat(this.sim.requests("tenant-a")).hasSize(1);
		});
	}

	@Test
	void thePrincipalResolverWithoutSpringSecurityFailsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("llm.tenant.resolver=principal")
			.withClassLoader(new FilteredClassLoader(SecurityContextHolder.class))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("llm.tenant.resolver"));
	}

	private static void ask(ApplicationContext context, String tenant) {
		context.getBean(RoutingChatClient.class)
			.prompt()
			.user("hello")
			.options(RoutingChatOptions.builder().tenant(tenant))
			.call()
			.chatResponse();
	}

}
