package dev.orchestration.sample;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Budget refusals, bad input and oversize bodies over real HTTP: each gets a clear 4xx
 * with a JSON reason, never a 500 or a stack trace, and the app stays healthy. The
 * "broke" tenant has a daily cap of 0; the per-request ceiling fits a small or mid answer
 * but not a frontier one (its estimate assumes 1,024 output tokens).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.workload.requests=0", "sample.simulator.models.sim-nano.error-rate=0",
				"sample.simulator.models.sim-mini.error-rate=0", "llm.budget.per-request-max=0.005",
				"llm.budget.tenants.broke.daily-limit=0" })
class HttpErrorStatusTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	private RawHttp http() {
		return new RawHttp(this.port);
	}

	private static JsonNode json(RawHttp.Answer answer) {
		return JSON.readTree(answer.body());
	}

	@Test
	void theTenantHeaderWinsOverTheBodysHint() {
		RawHttp.Answer answer = http().postJson("/chat", "{\"message\": \"hello\", \"tenant\": \"acme\"}", "X-Tenant",
				"broke");
		assertThat(answer.status()).isEqualTo(429);
		assertThat(json(answer).get("tenant").asString()).isEqualTo("broke");
	}

	@Test
	void aTenantOutsideTheAllowListGets400() {
		RawHttp.Answer fromBody = http().postJson("/chat", "{\"message\": \"hello\", \"tenant\": \"mallory\"}");
		assertThat(fromBody.status()).isEqualTo(400);
		assertThat(fromBody.body()).contains("not allowed").doesNotContain("\tat ");
		RawHttp.Answer fromHeader = http().postJson("/chat", "{\"message\": \"hello\"}", "X-Tenant", "mallory");
		assertThat(fromHeader.status()).isEqualTo(400);
	}

	@Test
	void aTenantOverItsDailyCapGets429WithTheReason() {
		RawHttp.Answer answer = http().postJson("/chat", "{\"message\": \"hello\", \"tenant\": \"broke\"}");
		assertThat(answer.status()).isEqualTo(429);
		JsonNode body = json(answer);
		assertThat(body.get("kind").asString()).isEqualTo("budget-exceeded");
		assertThat(body.get("limit").asString()).isEqualTo("daily");
		assertThat(body.get("scope").asString()).isEqualTo("tenant");
		assertThat(body.get("tenant").asString()).isEqualTo("broke");
		assertThat(body.get("error").asString()).contains("broke");
		assertThat(answer.leaksStack()).isFalse();
	}

	@Test
	void aRequestAboveThePerRequestCeilingGets402() {
		RawHttp.Answer answer = http().postJson("/chat",
				"{\"message\": \"Analyse the licence dispute\", \"task\": \"analysis\"}");
		assertThat(answer.status()).isEqualTo(402);
		assertThat(json(answer).get("limit").asString()).isEqualTo("per-request");
		assertThat(answer.leaksStack()).isFalse();
	}

	@Test
	void aTwoMegabyteMessageGets413WithOrWithoutAContentLength() {
		String message = "x".repeat(2 * 1024 * 1024);
		String body = "{\"message\": \"" + message + "\"}";
		RawHttp.Answer declared = http().postJson("/chat", body);
		assertThat(declared.status()).isEqualTo(413);
		assertThat(json(declared).get("kind").asString()).isEqualTo("too-large");
		// a chunked body (no Content-Length) is cut off while it is read
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		Iterator<byte[]> chunks = List
			.of(java.util.Arrays.copyOfRange(bytes, 0, bytes.length / 2),
					java.util.Arrays.copyOfRange(bytes, bytes.length / 2, bytes.length))
			.iterator();
		RawHttp.Answer chunked = http().post("/chat", "application/json",
				HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArrays(() -> chunks)));
		assertThat(chunked.status()).isEqualTo(413);
		assertThat(json(chunked).get("error").asString()).contains("sample.http.max-request-size");
		assertThat(health()).isEqualTo("UP");
	}

	@Test
	void badRequestsGet400WithAReasonAndNeverAStackTrace() {
		List<String> bodies = List.of("{}", "{\"message\": null}", "{\"message\": \"\"}", "{\"message\": \"   \"}",
				"{\"message\": {\"nested\": 1}}", "{\"message\": [1, 2]}", "not json", "{\"message\": \"unterminated",
				"[]", "null", "{\"message\": \"hi\", \"tier\": \"gigantic\"}",
				"{\"message\": \"hi\", \"tenant\": \"" + "t".repeat(129) + "\"}",
				"{\"message\": \"hi\", \"task\": \"" + "k".repeat(10_000) + "\"}",
				"{\"message\": \"hi\", \"tenant\": \"a\\u0000b\"}",
				"{\"message\": \"hi\", \"tenant\": \"line\\nbreak\"}");
		for (String body : bodies) {
			RawHttp.Answer answer = http().postJson("/chat", body);
			assertThat(answer.status()).as(abbreviate(body)).isEqualTo(400);
			assertThat(json(answer).get("error").asString()).as(abbreviate(body)).isNotBlank();
			assertThat(answer.leaksStack()).as(abbreviate(body)).isFalse();
		}
		assertThat(health()).isEqualTo("UP");
	}

	@Test
	void wrongMethodsAndMediaTypesGetTheirUsual4xx() {
		assertThat(http().post("/chat", "text/plain", HttpRequest.BodyPublishers.ofString("hello")).status())
			.isEqualTo(415);
		RawHttp.Answer get = http().get("/chat");
		assertThat(get.status()).isEqualTo(405);
		assertThat(get.leaksStack()).isFalse();
	}

	@Test
	void oddUnicodeMessagesAreAnswered() {
		List<String> messages = List.of("\\ud83d\\ude00 emoji", "\\u202eright-to-left override",
				"zero\\u200bwidth\\u200djoiner", "e\\u0301\\u0301\\u0301 combining", "nul \\u0000 byte",
				"lone \\ud800 surrogate", "\\ufeffbom", "tab\\tand\\rreturn", "\u4f60\u597d\u4e16\u754c");
		for (String message : messages) {
			RawHttp.Answer answer = http().postJson("/chat", "{\"message\": \"" + message + "\"}");
			assertThat(answer.status()).as(message).isEqualTo(200);
			assertThat(json(answer).get("answer").asString()).as(message).isNotBlank();
		}
		assertThat(health()).isEqualTo("UP");
	}

	@Test
	void theErrorTableKeepsTheUnknownTierName() {
		RawHttp.Answer answer = http().postJson("/chat", "{\"message\": \"hello\", \"tier\": \"gigantic\"}");
		assertThat(json(answer).get("kind").asString()).isEqualTo("unknown-tier");
		assertThat(json(answer).get("error").asString()).contains("gigantic");
	}

	private String health() {
		return json(http().get("/actuator/health")).get("status").asString();
	}

	private static String abbreviate(String body) {
		return (body.length() > 80) ? body.substring(0, 80) + "..." : body;
	}

}
