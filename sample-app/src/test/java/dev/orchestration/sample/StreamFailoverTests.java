package dev.orchestration.sample;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's streaming example: sim-mini answers HTTP 200 and then an overloaded error
 * event before its first token; the stream fails over to sim-sonnet and the receipt event
 * shows it. The answer is compared with the README's, event by event (latencies
 * excepted).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.workload.requests=0", "sample.simulator.models.sim-mini.error-shape=stream-overloaded",
				"sample.simulator.models.sim-mini.error-rate=1" })
class StreamFailoverTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Test
	void aStreamFailsOverBeforeItsFirstTokenAndTheReceiptShowsIt() {
		List<String> blocks = Readme.blocksAfter("sample-example:stream-failover");
		String body = "{\"message\": \"Tell me a short story about a fox\"}";
		assertThat(blocks.get(0)).contains("'localhost:8080/chat/stream?receipt=true'").contains("-d '" + body + "'");
		assertThat(Readme.text()).contains("--sample.simulator.models.sim-mini.error-shape=stream-overloaded\n"
				+ "--sample.simulator.models.sim-mini.error-rate=1");
		RawHttp.Answer answer = new RawHttp(this.port).postJson("/chat/stream?receipt=true", body);
		assertThat(answer.status()).isEqualTo(200);
		Sse actual = Sse.parse(answer.body());
		Sse documented = Sse.parse(blocks.get(1));
		assertThat(actual.text()).isEqualTo("[sim-sonnet] Thorough answer to: Tell me a short story about a fox");
		assertThat(actual.events()).hasSameSizeAs(documented.events());
		for (int i = 0; i < actual.events().size(); i++) {
			Sse.Event event = actual.events().get(i);
			if ("receipt".equals(event.name())) {
				JsonNode receipt = withoutLatencies(JSON.readTree(event.data()));
				assertThat(receipt.get("attempts").get(0).get("outcome").asString()).isEqualTo("FAILED");
				assertThat(receipt.get("member").asString()).isEqualTo("mid-sim-sonnet");
				assertThat(receipt).isEqualTo(withoutLatencies(JSON.readTree(documented.events().get(i).data())));
			}
			else {
				assertThat(event).isEqualTo(documented.events().get(i));
			}
		}
		String raw = answer.body().replace("\r\n", "\n");
		assertThat(raw).as("the README shows the raw text events").startsWith(blocks.get(1).substring(0, 40));
	}

	private static JsonNode withoutLatencies(JsonNode receipt) {
		receipt.get("attempts").forEach((attempt) -> ((ObjectNode) attempt).remove("latencyMillis"));
		return receipt;
	}

}
