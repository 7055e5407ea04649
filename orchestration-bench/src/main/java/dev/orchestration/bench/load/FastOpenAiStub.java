package dev.orchestration.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The smallest OpenAI-compatible chat-completions server that Spring AI's OpenAI client
 * accepts: one prebuilt non-streaming {@code chat.completion} body (with usage) for every
 * {@code POST /v1/chat/completions}, no request log, no parsing, on 127.0.0.1 with an
 * ephemeral port. It is the load command's upstream, where the provider simulator of
 * {@code orchestration-test} (which records every request and builds each answer) would
 * weigh on the figures. Start the JVM with {@code -Dsun.net.httpserver.nodelay=true} (the
 * load command sets it) so that the JDK server does not delay small responses behind
 * Nagle's algorithm.
 * <p>
 * The body follows the chat completion object of the OpenAI API reference
 * (https://platform.openai.com/docs/api-reference/chat/object).
 */
public final class FastOpenAiStub implements AutoCloseable {

	/** The answer of every completion. */
	public static final String ANSWER = "Paris is the capital of France.";

	/** The prebuilt response body. */
	static final String BODY = "{\"id\":\"chatcmpl-bench-stub\",\"object\":\"chat.completion\",\"created\":1764547200,"
			+ "\"model\":\"bench-stub\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
			+ ANSWER + "\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
			+ "\"usage\":{\"prompt_tokens\":24,\"completion_tokens\":8,\"total_tokens\":32},"
			+ "\"system_fingerprint\":null}";

	private static final byte[] BODY_BYTES = BODY.getBytes(StandardCharsets.UTF_8);

	private static final byte[] NOT_FOUND = ("{\"error\":{\"message\":\"Unknown path (the bench stub serves POST "
			+ "/v1/chat/completions)\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}")
		.getBytes(StandardCharsets.UTF_8);

	private final HttpServer server;

	private final ExecutorService executor;

	private FastOpenAiStub(int threads) throws IOException {
		AtomicInteger ids = new AtomicInteger();
		this.executor = Executors.newFixedThreadPool(threads, (task) -> {
			Thread thread = new Thread(task, "bench-stub-" + ids.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/**
	 * Starts a stub on an ephemeral port of 127.0.0.1.
	 * @param threads the threads that serve requests
	 * @return the running stub
	 */
	public static FastOpenAiStub start(int threads) {
		try {
			return new FastOpenAiStub(threads);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the bench stub on 127.0.0.1", ex);
		}
	}

	/**
	 * The base URL for an OpenAI client, without {@code /v1}.
	 * @return for example {@code http://127.0.0.1:54321}
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			try (InputStream body = exchange.getRequestBody()) {
				body.transferTo(OutputStream.nullOutputStream());
			}
			String path = exchange.getRequestURI().getPath();
			boolean completion = "POST".equals(exchange.getRequestMethod())
					&& (path.equals("/v1/chat/completions") || path.equals("/chat/completions"));
			byte[] response = completion ? BODY_BYTES : NOT_FOUND;
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(completion ? 200 : 404, response.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(response);
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
