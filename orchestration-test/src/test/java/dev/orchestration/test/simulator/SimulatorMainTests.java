package dev.orchestration.test.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SimulatorMainTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

	private final PrintStream out = new PrintStream(this.printed, true, StandardCharsets.UTF_8);

	@Test
	void flagsScriptModelsAndFaults() throws Exception {
		try (ProviderSimulator sim = SimulatorMain.start(
				new String[] { "--port", "0", "--model", "gpt-4o-mini", "--answer", "Paris.", "--model", "flaky",
						"--error", "overloaded", "--model", "limited", "--error=429", "--retry-after", "3s" },
				this.out)) {
			HttpResponse<String> ok = openAi(sim, "gpt-4o-mini");
			assertThat(ok.statusCode()).isEqualTo(200);
			assertThat(ok.body()).contains("\"content\":\"Paris.\"");
			assertThat(openAi(sim, "flaky").statusCode()).isEqualTo(503);
			HttpResponse<String> limited = openAi(sim, "limited");
			assertThat(limited.statusCode()).isEqualTo(429);
			assertThat(limited.headers().firstValue("retry-after")).hasValue("3");
			assertThat(this.printed.toString(StandardCharsets.UTF_8)).contains("listening on " + sim.baseUrl())
				.contains("model flaky: {error=overloaded}");
		}
	}

	@Test
	void aYamlFileScriptsModelsAndFlagsAfterItWin(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("simulator.yml");
		Files.writeString(file, """
				port: 18999
				models:
				  claude-haiku:
				    answer: "From YAML."
				  broken:
				    error: server-error
				    fail-next: 1
				""");
		try (ProviderSimulator sim = SimulatorMain.start(new String[] { "--config", file.toString(), "--port", "0" },
				this.out)) {
			assertThat(sim.port()).isNotEqualTo(18999);
			HttpResponse<String> anthropic = post(sim, "/v1/messages",
					"{\"model\":\"claude-haiku\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
			assertThat(anthropic.body()).contains("From YAML.");
			assertThat(openAi(sim, "broken").statusCode()).isEqualTo(500);
			assertThat(openAi(sim, "broken").statusCode()).as("only the next call failed").isEqualTo(200);
		}
	}

	@Test
	void badArgumentsNameTheModelAndTheSetting() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SimulatorMain.start(new String[] { "--port", "0", "--model", "m", "--latency", "fast" },
					this.out))
			.withMessageContaining("model m")
			.withMessageContaining("'fast' is not a duration");
		assertThatIllegalArgumentException().isThrownBy(
				() -> SimulatorMain.start(new String[] { "--port", "0", "--model", "m", "--colour", "red" }, this.out))
			.withMessageContaining("unknown setting(s) [colour]");
		assertThatIllegalArgumentException().isThrownBy(() -> SimulatorMain.parse(new String[] { "--answer", "x" }))
			.withMessageContaining("--answer must follow --model NAME");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SimulatorMain.start(new String[] { "--port", "0", "--model", "m", "--error-rate", "0.5" },
					this.out))
			.withMessageContaining("need an error");
	}

	private HttpResponse<String> openAi(ProviderSimulator sim, String model) throws IOException, InterruptedException {
		return post(sim, "/v1/chat/completions",
				"{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"capital of France?\"}]}");
	}

	private HttpResponse<String> post(ProviderSimulator sim, String path, String body)
			throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
			.header("content-type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
