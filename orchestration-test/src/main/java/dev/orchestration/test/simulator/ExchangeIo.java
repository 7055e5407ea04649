package dev.orchestration.test.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.sun.net.httpserver.HttpExchange;

/**
 * Writes JSON and server-sent-event responses on an exchange and aborts connections on
 * demand.
 */
final class ExchangeIo {

	private final HttpExchange exchange;

	private OutputStream sse;

	ExchangeIo(HttpExchange exchange) {
		this.exchange = exchange;
	}

	void header(String name, String value) {
		this.exchange.getResponseHeaders().add(name, value);
	}

	void json(int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		this.exchange.getResponseHeaders().set("Content-Type", "application/json");
		this.exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = this.exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	void startSse() throws IOException {
		this.exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
		this.exchange.getResponseHeaders().set("Cache-Control", "no-cache");
		this.exchange.sendResponseHeaders(200, 0);
		this.sse = this.exchange.getResponseBody();
	}

	/**
	 * Writes one SSE event ({@code event:} line only when the name is not null) and
	 * flushes it.
	 */
	void event(String name, String data) throws IOException {
		StringBuilder sb = new StringBuilder();
		if (name != null) {
			sb.append("event: ").append(name).append('\n');
		}
		sb.append("data: ").append(data).append("\n\n");
		this.sse.write(sb.toString().getBytes(StandardCharsets.UTF_8));
		this.sse.flush();
	}

	void endSse() throws IOException {
		this.sse.close();
	}

	/**
	 * Closes the TCP connection without finishing the response (no terminating chunk):
	 * the JDK server closes the connection when a handler throws.
	 */
	/** Pause between the last chunk of a cut stream and the dropped connection. */
	static final Duration CUT_GRACE = Duration.ofMillis(50);

	static AbortConnection abort(String reason) {
		return new AbortConnection(reason);
	}

	static void sleep(Duration d) {
		if (d.isZero() || d.isNegative()) {
			return;
		}
		try {
			Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw abort("interrupted while sleeping (server closing)");
		}
	}

	/** Thrown out of the handler to make the JDK server drop the connection. */
	static final class AbortConnection extends RuntimeException {

		AbortConnection(String message) {
			super(message, null, false, false);
		}

	}

}
