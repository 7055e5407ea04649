package dev.orchestration.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.orchestration.audit.AuditOutcome;
import dev.orchestration.audit.AuditRecord;
import dev.orchestration.audit.AuditRecordJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample writes the audit trail to its own file (logback-spring.xml), one JSON line
 * per request, and keeps it out of the console.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.workload.requests=0", "sample.audit.file=target/audit-test/llm-audit.jsonl",
				"sample.tenants.allowed=" + AuditLogFileTests.TENANT, "sample.simulator.models.sim-nano.error-rate=0" })
@ExtendWith(OutputCaptureExtension.class)
class AuditLogFileTests {

	/**
	 * A tenant on the sample's allow-list (set for this test) that no other request uses.
	 */
	static final String TENANT = "audit-file-test";

	private static final Path FILE = Path.of("target/audit-test/llm-audit.jsonl");

	@LocalServerPort
	private int port;

	@Test
	void eachChatRequestIsOneJsonLineInTheAuditFileAndNotInTheConsole(CapturedOutput output) throws IOException {
		String tenant = TENANT;
		int before = lines(tenant).size();
		HttpJson.Response response = new HttpJson(this.port).post("/chat",
				"{\"message\": \"Is this spam? Free cruise\", \"task\": \"classification\", \"tenant\": \"" + tenant
						+ "\"}");
		assertThat(response.status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(20)).until(() -> lines(tenant).size() == before + 1);
		AuditRecord record = AuditRecordJson.read(lines(tenant).get(before));
		assertThat(record.outcome()).isEqualTo(AuditOutcome.ANSWERED);
		assertThat(record.member()).isEqualTo("small-sim-nano");
		assertThat(record.prompt()).as("no prompt text unless opted in").isNull();
		assertThat(output.getOut()).doesNotContain("\"tenant\":\"" + tenant + "\"");
	}

	private static List<String> lines(String tenant) throws IOException {
		if (!Files.exists(FILE)) {
			return List.of();
		}
		return Files.readAllLines(FILE)
			.stream()
			.filter((line) -> line.contains("\"tenant\":\"" + tenant + "\""))
			.toList();
	}

}
