package dev.orchestration.it.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.orchestration.routing.RoutingChatClient;
import dev.orchestration.routing.RoutingChatOptions;
import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.SimulatedError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser: a web application with only {@code llm.providers} and
 * tiers, requests through the router, one member failing every call until its breaker
 * opens, then headless Chromium reads {@code /actuator/llm-dashboard} and the test
 * asserts what a person sees. The screenshot goes to {@code target/dashboard.png}; with
 * {@code -Ddashboard.docs-screenshot=true} also to {@code docs/images}.
 */
class DashboardBrowserTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static ProviderSimulator simulator;

	private static ConfigurableApplicationContext application;

	@BeforeAll
	static void startApplication() {
		simulator = ProviderSimulator.start();
		simulator.model("sim-flaky").failWith(SimulatedError.serverError());
		simulator.model("sim-mini").answer("Paris is the capital of France.");
		simulator.model("sim-claude").answer("A careful, longer answer from the large tier.");
		String openAi = simulator.baseUrl() + "/v1";
		application = new SpringApplicationBuilder(DashboardApplication.class)
			.properties("server.address=127.0.0.1", "server.port=0", "spring.main.banner-mode=off",
					"management.endpoints.web.exposure.include=llm-routes,llm-dashboard,metrics",
					"management.health.redis.enabled=false", "llm.dashboard.enabled=true",
					"llm.dashboard.refresh-interval=500ms", "llm.providers.sim-openai.api=openai-compatible",
					"llm.providers.sim-openai.base-url=" + openAi,
					"llm.providers.sim-openai.api-key=dashboard-test-key", "llm.providers.sim-anthropic.api=anthropic",
					"llm.providers.sim-anthropic.base-url=" + simulator.baseUrl(),
					"llm.providers.sim-anthropic.api-key=dashboard-test-key",
					"llm.tiers.small.models[0].provider=sim-openai", "llm.tiers.small.models[0].model=sim-flaky",
					"llm.tiers.small.models[0].price.input-per-million=2",
					"llm.tiers.small.models[0].price.output-per-million=8",
					"llm.tiers.small.models[1].provider=sim-openai", "llm.tiers.small.models[1].model=sim-mini",
					"llm.tiers.small.models[1].price.input-per-million=4",
					"llm.tiers.small.models[1].price.output-per-million=16",
					"llm.tiers.large.models[0].provider=sim-anthropic", "llm.tiers.large.models[0].model=sim-claude",
					"llm.tiers.large.models[0].price.input-per-million=30",
					"llm.tiers.large.models[0].price.output-per-million=150",
					"llm.routing.rules[0].when.task=reasoning", "llm.routing.rules[0].tier=large",
					"llm.resilience.breaker.minimum-number-of-calls=3", "llm.resilience.breaker.sliding-window-size=5",
					"llm.resilience.breaker.wait-duration-in-open-state=10m", "llm.cache.exact.enabled=true",
					"llm.budget.daily-limit=1.00")
			.run();
	}

	@AfterAll
	static void stopApplication() {
		if (application != null) {
			application.close();
		}
		if (simulator != null) {
			simulator.close();
		}
	}

	@Test
	void aPersonSeesTiersDecisionsAndTheBreakerThatOpened() throws IOException {
		RoutingChatClient client = application.getBean(RoutingChatClient.class);
		List<String> questions = List.of("What is the capital of France?", "Name a prime number above 10",
				"Translate 'good morning' to Spanish", "What is the capital of France?", "How many legs has a spider?",
				"What is the capital of France?", "Spell 'necessary'");
		for (String question : questions) {
			client.prompt().user(question).call().content();
		}
		client.prompt()
			.user("Prove that there are infinitely many primes")
			.options(RoutingChatOptions.builder().task("reasoning"))
			.call()
			.content();

		int port = ((WebServerApplicationContext) application).getWebServer().getPort();
		Path profile = HeadlessChromium.freshProfile();
		ChromeDriver browser = HeadlessChromium.start(profile);
		try {
			browser.get("http://127.0.0.1:" + port + "/actuator/llm-dashboard");
			// the page re-renders on every poll: an element read between two polls may be
			// replaced, so read it again
			WebDriverWait wait = new WebDriverWait(browser, WAIT);
			wait.ignoring(StaleElementReferenceException.class);
			wait.until((driver) -> !driver.findElements(By.cssSelector("tr.member")).isEmpty());
			// traffic while the page watches: the rates are computed from what changes
			// between polls
			for (String question : List.of("Define entropy", "Name three rivers", "What is 7 times 8?")) {
				client.prompt().user(question).call().content();
			}
			wait.until(
					(driver) -> !driver.findElement(By.cssSelector("tr.member[data-member='small-sim-mini'] td.rate"))
						.getText()
						.matches("–|0\\.0"));
			browser.findElement(By.id("pause")).click();
			wait.until((driver) -> driver.findElement(By.id("status")).getText().startsWith("paused"));

			assertThat(browser.getTitle()).isEqualTo("LLM routes");
			assertThat(browser.findElements(By.cssSelector(".tier h3")).stream().map(WebElement::getText))
				.containsExactly("Tier small (default)", "Tier large");
			WebElement flaky = browser.findElement(By.cssSelector("tr.member[data-member='small-sim-flaky']"));
			assertThat(flaky.findElement(By.cssSelector("td.breaker")).getText()).isEqualTo("OPEN");
			WebElement mini = browser.findElement(By.cssSelector("tr.member[data-member='small-sim-mini']"));
			assertThat(mini.findElement(By.cssSelector("td.breaker")).getText()).isEqualTo("CLOSED");
			assertThat(browser.findElement(By.id("open-breakers")).getText()).isEqualTo("1");

			List<WebElement> decisions = browser.findElements(By.cssSelector("#decision-list li.decision"));
			assertThat(decisions).as("one decision per routed request (cache hits are not routed)").hasSize(9);
			assertThat(decisions).anySatisfy((decision) -> assertThat(decision.getText()).contains("tier large")
				.contains("RULE")
				.contains("large-sim-claude=SUCCESS"));
			assertThat(decisions)
				.anySatisfy((decision) -> assertThat(decision.getText()).contains("small-sim-flaky=FAILED(TRANSIENT)")
					.contains("small-sim-mini=SUCCESS"));
			assertThat(decisions)
				.anySatisfy((decision) -> assertThat(decision.getText()).contains("small-sim-flaky=BREAKER_OPEN"));
			assertThat(browser.findElement(By.id("cache-hit-rate")).getText()).as("2 hits in 11 lookups")
				.isEqualTo("18.2 %");
			assertThat(Double.parseDouble(browser.findElement(By.id("total-rate")).getText())).isPositive();
			// no cascade here: nothing escalated (meters of other contexts in this JVM
			// may list llm.escalations at 0)
			assertThat(browser.findElement(By.id("verdict-body")).getText()).as("read from the metrics endpoint")
				.isIn("no escalation or judge verdict recorded yet", "escalations since start: 0");
			assertThat(browser.findElement(By.id("budget-body")).getText()).contains("application").contains("$1.00");
			assertThat(browser.getPageSource()).doesNotContain("dashboard-test-key");

			byte[] screenshot = browser.getScreenshotAs(OutputType.BYTES);
			Files.createDirectories(Path.of("target"));
			Files.write(Path.of("target", "dashboard.png"), screenshot);
			if (Boolean.getBoolean("dashboard.docs-screenshot")) {
				Path docs = Path.of("..", "docs", "images");
				Files.createDirectories(docs);
				Files.write(docs.resolve("dashboard.png"), screenshot);
			}
		}
		finally {
			browser.quit();
			deleteRecursively(profile);
		}
	}

	private static void deleteRecursively(Path directory) throws IOException {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
	}

}
