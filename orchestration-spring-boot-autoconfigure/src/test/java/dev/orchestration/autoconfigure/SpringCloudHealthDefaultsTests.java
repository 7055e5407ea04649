package dev.orchestration.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.test.context.support.TestPropertySourceUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Cloud's discovery health contributor is off by default unless the application
 * brings Spring Cloud, and the application's own value always wins.
 */
class SpringCloudHealthDefaultsTests {

	private final SpringCloudHealthDefaults defaults = new SpringCloudHealthDefaults();

	@Test
	void withoutSpringCloudContextTheDiscoveryHealthIndicatorDefaultsToOff() {
		StandardEnvironment environment = new StandardEnvironment();
		this.defaults.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty(SpringCloudHealthDefaults.PROPERTY)).isEqualTo("false");
	}

	@Test
	void theApplicationsOwnValueWins() {
		StandardEnvironment environment = new StandardEnvironment();
		TestPropertySourceUtils.addInlinedPropertiesToEnvironment(environment,
				SpringCloudHealthDefaults.PROPERTY + "=true");
		this.defaults.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty(SpringCloudHealthDefaults.PROPERTY)).isEqualTo("true");
	}

}
