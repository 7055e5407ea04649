package dev.orchestration.dashboard.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * {@code /actuator/llm-dashboard}: one self-contained HTML page (plain JavaScript, no
 * external resources, so it works offline) that polls {@code /actuator/llm-routes} and,
 * where exposed, {@code /actuator/metrics}, and shows tiers, breakers, live rates, cache,
 * budgets, escalations and the recent decisions.
 */
@WebEndpoint(id = LlmDashboardEndpoint.ID)
public class LlmDashboardEndpoint {

	/** Endpoint id; served at {@code /actuator/llm-dashboard} through a path mapper. */
	public static final String ID = "llmdashboard";

	/** The path the page is served at, below the actuator base path. */
	public static final String PATH = "llm-dashboard";

	private static final String PAGE = "/dev/orchestration/dashboard/dashboard.html";

	private final String html;

	/**
	 * @param refreshInterval how often the page polls the endpoint
	 * @param rateWindow the window request and error rates are computed over
	 */
	public LlmDashboardEndpoint(Duration refreshInterval, Duration rateWindow) {
		this.html = load().replace("__REFRESH_MILLIS__", Long.toString(refreshInterval.toMillis()))
			.replace("__WINDOW_MILLIS__", Long.toString(rateWindow.toMillis()));
	}

	@ReadOperation(produces = "text/html;charset=UTF-8")
	public String page() {
		return this.html;
	}

	private static String load() {
		try (InputStream in = LlmDashboardEndpoint.class.getResourceAsStream(PAGE)) {
			if (in == null) {
				throw new IllegalStateException("dashboard page " + PAGE + " is missing from the classpath");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
