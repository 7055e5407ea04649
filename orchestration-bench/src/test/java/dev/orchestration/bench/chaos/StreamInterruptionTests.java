package dev.orchestration.bench.chaos;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the harness reads a stream's end: a cut after the first chunk reported as
 * {@code [ERROR] StreamInterruptedException} is the library's contract, not a silent
 * failure: it is retried as a client should and counted apart; a stream that ends
 * {@code [DONE]} without the answer's tag was cut silently and is a failure, as is an
 * error before any text. The full run at 1,000 requests a phase counted 45 reported
 * interruptions as failures like any other, and could not have seen a silent cut.
 */
class StreamInterruptionTests {

	private static final String CUT = "data:[sim-nano] Quick\n\ndata:[ERROR] StreamInterruptedException\n\n";

	private static final String COMPLETE = "data:[sim-haiku] Short answer #a-7\n\ndata:[DONE]\n\n";

	private HttpServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	@Test
	void theEndOfAStreamSaysWhetherItWasCompleteInterruptedOrCutSilently() {
		assertThat(SampleClient.streamKind("[DONE]", "answer #a-1", "a-1", true)).isEqualTo(Outcome.Kind.OK);
		assertThat(SampleClient.streamKind("[ERROR] StreamInterruptedException", "Quick", null, true))
			.isEqualTo(Outcome.Kind.STREAM_INTERRUPTED);
		// an error before any text is not an interruption of an answer the user saw
		assertThat(SampleClient.streamKind("[ERROR] StreamInterruptedException", "", null, true))
			.isEqualTo(Outcome.Kind.STREAM_ERROR);
		assertThat(SampleClient.streamKind("[ERROR] RoutingFailedException", "Quick", null, true))
			.isEqualTo(Outcome.Kind.STREAM_ERROR);
		assertThat(SampleClient.streamKind("[DONE]", "Quick", null, true)).isEqualTo(Outcome.Kind.STREAM_TRUNCATED);
		assertThat(SampleClient.streamKind("[DONE]", "Quick", null, false)).isEqualTo(Outcome.Kind.OK);
		assertThat(SampleClient.streamKind(null, "Quick", null, true)).isEqualTo(Outcome.Kind.STREAM_INCOMPLETE);
	}

	@Test
	void anInterruptedStreamIsRetriedAndCountsAsAnsweredWhenTheRetryCompletes() throws IOException {
		AtomicInteger requests = serve(2);
		Outcome outcome = client().sendRetryingInterruptedStreams(streamed());
		assertThat(outcome.kind()).isEqualTo(Outcome.Kind.OK);
		assertThat(outcome.interruptions()).isEqualTo(2);
		assertThat(requests.get()).isEqualTo(3);
		PhaseStats stats = new PhaseStats();
		stats.add(outcome, PhaseStats.Segment.BEFORE);
		assertThat(stats.failures()).isEmpty();
		assertThat(stats.streamLine()).contains("1 interrupted after the first chunk and reported (2 retries; "
				+ "1 answered on a retry, 0 still interrupted after 3)");
	}

	@Test
	void aStreamInterruptedOnEveryRetryIsReportedNotCountedAsASilentFailure() throws IOException {
		AtomicInteger requests = serve(Integer.MAX_VALUE);
		Outcome outcome = client().sendRetryingInterruptedStreams(streamed());
		assertThat(outcome.kind()).isEqualTo(Outcome.Kind.STREAM_INTERRUPTED);
		assertThat(requests.get()).isEqualTo(1 + Outcome.STREAM_RETRIES);
		PhaseStats stats = new PhaseStats();
		stats.add(outcome, PhaseStats.Segment.BEFORE);
		assertThat(stats.failures()).isEmpty();
		assertThat(stats.streamLine()).contains("0 answered on a retry, 1 still interrupted after 3");
	}

	@Test
	void aSilentCutAndAnErrorBeforeAnyTextAreFailures() {
		PhaseStats stats = new PhaseStats();
		stats.add(new Outcome("a", "t0", true, SampleClient.streamKind("[DONE]", "Quick", null, true), 200, 10, null,
				null, 0, false), PhaseStats.Segment.BEFORE);
		stats.add(new Outcome("a", "t0", true,
				SampleClient.streamKind("[ERROR] StreamInterruptedException", "", null, true), 200, 10, null, null, 0,
				false), PhaseStats.Segment.BEFORE);
		assertThat(stats.failures()).extracting(Outcome::kind)
			.containsExactly(Outcome.Kind.STREAM_TRUNCATED, Outcome.Kind.STREAM_ERROR);
		assertThat(stats.streamLine()).endsWith("1 cut silently");
	}

	@Test
	void aCallIsNeverRetried() throws IOException {
		AtomicInteger requests = serve(Integer.MAX_VALUE);
		Outcome outcome = client().sendRetryingInterruptedStreams(new Workload.Request("hi", null, "t0", false));
		assertThat(requests.get()).isEqualTo(1);
		assertThat(outcome.interruptions()).isZero();
	}

	/** Serves streams cut after their first chunk the first {@code cuts} times. */
	private AtomicInteger serve(int cuts) throws IOException {
		AtomicInteger requests = new AtomicInteger();
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			int n = requests.incrementAndGet();
			boolean stream = exchange.getRequestURI().getPath().equals("/chat/stream");
			String body = stream ? ((n <= cuts) ? CUT : COMPLETE) : "{\"answer\": \"fine #a-1\"}";
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", stream ? "text/event-stream" : "application/json");
			exchange.sendResponseHeaders(200, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		this.server.start();
		return requests;
	}

	private SampleClient client() {
		SampleClient client = new SampleClient("a", "http://127.0.0.1:" + this.server.getAddress().getPort(),
				Duration.ofSeconds(30));
		client.expectTags();
		return client;
	}

	private static Workload.Request streamed() {
		return new Workload.Request("hello", null, "t0", true);
	}

}
