package dev.orchestration.it.dashboard;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's {@code chromium} driven through Debian's {@code chromium-driver}, never a
 * driver Selenium Manager would download: the driver path is given both as
 * {@code webdriver.chrome.driver} and to the service, which makes Selenium skip its
 * manager, and the browser binary is set explicitly.
 */
final class HeadlessChromium {

	static final Path BROWSER = Path.of("/usr/bin/chromium");

	static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private static final String INSTALL = "apt-get update && apt-get install -y chromium chromium-driver";

	private HeadlessChromium() {
	}

	/**
	 * Starts headless Chromium with a fresh profile.
	 * @param profile an empty directory for the profile (deleted by the caller)
	 * @return the driver
	 */
	static ChromeDriver start(Path profile) {
		if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
			throw new IllegalStateException("The dashboard's browser test needs Debian's Chromium and its driver at "
					+ BROWSER + " and " + DRIVER + "; install them with: " + INSTALL);
		}
		System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER.toString());
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BROWSER.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
				"--window-size=1440,1700", "--user-data-dir=" + profile.toAbsolutePath());
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(DRIVER.toString()))
			.usingAnyFreePort()
			.withTimeout(Duration.ofSeconds(60))
			.build();
		return new ChromeDriver(service, options);
	}

	static Path freshProfile() {
		try {
			return Files.createTempDirectory("llm-dashboard-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
