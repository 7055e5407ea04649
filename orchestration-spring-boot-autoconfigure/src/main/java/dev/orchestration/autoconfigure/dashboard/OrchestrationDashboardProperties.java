package dev.orchestration.autoconfigure.dashboard;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The live dashboard page ({@code /actuator/llm-dashboard}).
 */
@ConfigurationProperties(OrchestrationDashboardProperties.CONFIG_PREFIX)
public class OrchestrationDashboardProperties {

	public static final String CONFIG_PREFIX = "llm.dashboard";

	/**
	 * Whether the dashboard page is served; it is an actuator endpoint, exposed like the
	 * others (management.endpoints.web.exposure.include=llm-routes,llm-dashboard).
	 */
	private boolean enabled;

	/**
	 * How often the page polls /actuator/llm-routes.
	 */
	private Duration refreshInterval = Duration.ofSeconds(2);

	/**
	 * Window over which the page computes request and error rates per member.
	 */
	private Duration rateWindow = Duration.ofMinutes(5);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getRefreshInterval() {
		return this.refreshInterval;
	}

	public void setRefreshInterval(Duration refreshInterval) {
		this.refreshInterval = refreshInterval;
	}

	public Duration getRateWindow() {
		return this.rateWindow;
	}

	public void setRateWindow(Duration rateWindow) {
		this.rateWindow = rateWindow;
	}

}
