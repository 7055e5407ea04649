package dev.orchestration.it.dashboard;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The application the dashboard's browser test starts: nothing but auto-configuration,
 * with its chat models from {@code llm.providers} pointed at the provider simulator.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class DashboardApplication {

}
