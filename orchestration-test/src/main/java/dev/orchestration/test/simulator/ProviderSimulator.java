package dev.orchestration.test.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * An in-process HTTP server on 127.0.0.1 that speaks the OpenAI Chat Completions and
 * Anthropic Messages APIs with scriptable models, faults and a request log.
 *
 * <p>
 * Endpoints: {@code POST /v1/chat/completions} and {@code /chat/completions} (OpenAI),
 * {@code POST /v1/messages} and {@code /messages} (Anthropic), and Azure OpenAI's
 * {@code POST /openai/deployments/{deployment}/chat/completions?api-version=...} and
 * {@code /openai/v1/chat/completions} (the paths of Azure's REST reference, "Chat
 * completions - Create", and of the openai-java SDK's {@code addPathSegmentsForAzure}:
 * legacy resource URLs put the deployment in the path, "unified" {@code /openai/v1} URLs
 * do not). The request body's {@code model} picks the {@link SimulatedModel} (on the
 * legacy Azure path, the deployment when the body names no model), created on demand; an
 * unscripted model answers {@link SimulatedModel#defaultAnswer}.
 *
 * <p>
 * The request log keeps the last {@value #DEFAULT_REQUEST_LOG_CAPACITY} requests by
 * default (older ones are dropped, {@link #receivedRequests()} still counts them);
 * {@link #requestLogCapacity(int)} changes the bound.
 *
 * <p>
 * Latency: the JDK's HTTP server sends headers and body in separate writes, and with
 * Nagle's algorithm on its sockets a client's delayed ACK holds every answer back ~40 ms.
 * The first {@link #start()} in a JVM therefore sets
 * {@value #NODELAY_PROPERTY}{@code =true} unless it is already set (the server reads it
 * once, when its configuration class loads): a JVM that created a JDK {@code HttpServer}
 * before needs {@code -Dsun.net.httpserver.nodelay=true} on its command line.
 */
public final class ProviderSimulator implements AutoCloseable {

	private static final Map<String, SimulatedApi> ROUTES = Map.of("/v1/chat/completions", SimulatedApi.OPENAI,
			"/chat/completions", SimulatedApi.OPENAI, "/v1/messages", SimulatedApi.ANTHROPIC, "/messages",
			SimulatedApi.ANTHROPIC, "/openai/v1/chat/completions", SimulatedApi.OPENAI);

	/** Azure OpenAI's legacy path: the deployment names the model. */
	private static final Pattern AZURE_DEPLOYMENT_PATH = Pattern
		.compile("/openai/deployments/([^/]+)/chat/completions");

	private static final AtomicInteger INSTANCES = new AtomicInteger();

	/**
	 * How many requests the log keeps unless {@link #requestLogCapacity(int)} says
	 * otherwise.
	 */
	public static final int DEFAULT_REQUEST_LOG_CAPACITY = 1_000;

	/** The JDK HTTP server's switch for {@code TCP_NODELAY} on accepted sockets. */
	public static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final IdGenerator ids = new IdGenerator();

	private final Map<SimulatedApi, ProviderProtocol> protocols;

	private final Map<String, SimulatedModel> models = new ConcurrentHashMap<>();

	private final ArrayDeque<RecordedRequest> log = new ArrayDeque<>();

	private final AtomicLong received = new AtomicLong();

	private volatile int logCapacity = DEFAULT_REQUEST_LOG_CAPACITY;

	private final Set<CountDownLatch> hanging = ConcurrentHashMap.newKeySet();

	private final HttpServer server;

	private final ExecutorService executor;

	private volatile boolean closed;

	private ProviderSimulator(int port) {
		this.protocols = Map.of(SimulatedApi.OPENAI, new OpenAiProtocol(this.mapper, this.ids), SimulatedApi.ANTHROPIC,
				new AnthropicProtocol(this.mapper, this.ids));
		int instance = INSTANCES.incrementAndGet();
		AtomicInteger threads = new AtomicInteger();
		ThreadFactory factory = r -> {
			Thread t = new Thread(r, "provider-simulator-" + instance + "-" + threads.incrementAndGet());
			t.setDaemon(true);
			return t;
		};
		this.executor = Executors.newCachedThreadPool(factory);
		if (System.getProperty(NODELAY_PROPERTY) == null) {
			System.setProperty(NODELAY_PROPERTY, "true");
		}
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
		}
		catch (IOException ex) {
			this.executor.shutdownNow();
			throw new UncheckedIOException("cannot bind provider simulator to 127.0.0.1:" + port, ex);
		}
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/**
	 * Starts a simulator on a random free port of 127.0.0.1.
	 * @return the running simulator
	 */
	public static ProviderSimulator start() {
		return new ProviderSimulator(0);
	}

	/**
	 * Starts a simulator on the given port of 127.0.0.1 (0 = random free port).
	 * @param port the port
	 * @return the running simulator
	 */
	public static ProviderSimulator start(int port) {
		return new ProviderSimulator(port);
	}

	/**
	 * The base URL without a path, e.g. {@code http://127.0.0.1:54321}; OpenAI clients
	 * may use it with or without {@code /v1}, Anthropic clients use it as is.
	 * @return the base URL
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	/**
	 * The bound port.
	 * @return the port
	 */
	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * The script of a model name, created on demand (the same instance on every call).
	 * @param name the model name as sent in the request body
	 * @return the model
	 */
	public SimulatedModel model(String name) {
		return this.models.computeIfAbsent(name, SimulatedModel::new);
	}

	/**
	 * Bounds the request log: it keeps the last {@code capacity} requests and drops older
	 * ones (also those above a lowered bound right away). {@link Integer#MAX_VALUE} keeps
	 * everything, for example for a replay that matches every call; 0 keeps nothing.
	 * @param capacity how many requests to keep, at least 0
	 * @return this simulator
	 */
	public ProviderSimulator requestLogCapacity(int capacity) {
		if (capacity < 0) {
			throw new IllegalArgumentException("request log capacity must be at least 0, was " + capacity);
		}
		synchronized (this.log) {
			this.logCapacity = capacity;
			trim();
		}
		return this;
	}

	/**
	 * The bound of the request log.
	 * @return how many requests the log keeps
	 */
	public int requestLogCapacity() {
		return this.logCapacity;
	}

	/**
	 * How many requests arrived since start (or the last {@link #reset()}), including
	 * those the bounded log has dropped.
	 * @return the count
	 */
	public long receivedRequests() {
		return this.received.get();
	}

	/**
	 * The recorded requests in arrival order (a snapshot): the last
	 * {@link #requestLogCapacity()} ones.
	 * @return the requests
	 */
	public List<RecordedRequest> requests() {
		synchronized (this.log) {
			return List.copyOf(this.log);
		}
	}

	/**
	 * The recorded requests for one model name in arrival order (a snapshot of the
	 * bounded log).
	 * @param model the model name
	 * @return the requests
	 */
	public List<RecordedRequest> requests(String model) {
		return requests().stream().filter(r -> r.model().equals(model)).toList();
	}

	/**
	 * Resets every model's script and faults, releases hanging requests (their
	 * connections are dropped) and clears the request log; model instances stay valid.
	 */
	public void reset() {
		this.models.values().forEach(SimulatedModel::reset);
		releaseHanging();
		synchronized (this.log) {
			this.log.clear();
			this.received.set(0);
		}
	}

	/**
	 * Stops the server, dropping open connections and releasing hanging requests.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		releaseHanging();
		this.server.stop(0);
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(2, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void record(RecordedRequest request) {
		synchronized (this.log) {
			this.received.incrementAndGet();
			this.log.addLast(request);
			trim();
		}
	}

	private void trim() {
		while (this.log.size() > this.logCapacity) {
			this.log.removeFirst();
		}
	}

	private void releaseHanging() {
		for (CountDownLatch latch : this.hanging) {
			latch.countDown();
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		// An AbortConnection escapes without closing the exchange: the JDK server then
		// drops the TCP connection
		// instead of finishing the chunked body.
		serve(exchange);
		exchange.close();
	}

	private void serve(HttpExchange exchange) throws IOException {
		ExchangeIo io = new ExchangeIo(exchange);
		String path = exchange.getRequestURI().getPath();
		if (path.length() > 1 && path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		SimulatedApi api = ROUTES.get(path);
		Matcher azure = AZURE_DEPLOYMENT_PATH.matcher(path);
		String deployment = null;
		if (api == null && azure.matches()) {
			api = SimulatedApi.OPENAI;
			deployment = azure.group(1);
		}
		byte[] raw;
		try (InputStream in = exchange.getRequestBody()) {
			raw = in.readAllBytes();
		}
		if (api == null) {
			SimulatedApi format = path.contains("messages") ? SimulatedApi.ANTHROPIC : SimulatedApi.OPENAI;
			this.protocols.get(format)
				.error(io, SimulatedError.status(404)
					.withMessage("Unknown path " + path + " (simulator serves "
							+ "/v1/chat/completions, /chat/completions, /v1/messages, /messages, "
							+ "/openai/deployments/{deployment}/chat/completions, /openai/v1/chat/completions)"));
			return;
		}
		ProviderProtocol protocol = this.protocols.get(api);
		if (!"POST".equalsIgnoreCase(exchange.getRequestMethod())) {
			protocol.error(io, SimulatedError.status(405).withMessage("Only POST is supported on " + path));
			return;
		}
		String body = new String(raw, StandardCharsets.UTF_8);
		JsonNode json;
		try {
			json = this.mapper.readTree(body);
			if (json == null || !json.isObject()) {
				json = MissingNode.getInstance();
			}
		}
		catch (JacksonException ex) {
			json = MissingNode.getInstance();
		}
		String modelName = json.path("model").asString("");
		if (modelName.isEmpty() && deployment != null) {
			modelName = deployment;
		}
		RecordedRequest request = new RecordedRequest(api, modelName, path, exchange.getRequestURI().getRawQuery(),
				redactedHeaders(exchange), body, json, json.path("stream").asBoolean(false), Instant.now());
		record(request);
		if (json.isMissingNode()) {
			protocol.error(io, SimulatedError.status(400).withMessage("Request body is not a JSON object"));
			return;
		}
		if (modelName.isEmpty()) {
			protocol.error(io, SimulatedError.status(400).withMessage("model: field required"));
			return;
		}
		SimulatedModel.Plan plan = model(modelName).plan(request);
		switch (plan.kind()) {
			case HANG -> hang();
			case ERROR -> {
				ExchangeIo.sleep(plan.latency());
				protocol.error(io, plan.error());
			}
			default -> {
				ExchangeIo.sleep(plan.latency());
				protocol.reply(io, request, plan);
			}
		}
	}

	private void hang() {
		CountDownLatch latch = new CountDownLatch(1);
		this.hanging.add(latch);
		try {
			if (!this.closed) {
				latch.await(SimulatedModel.HANG_BOUND.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.hanging.remove(latch);
		}
		throw ExchangeIo.abort("hang released");
	}

	private static Map<String, List<String>> redactedHeaders(HttpExchange exchange) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		exchange.getRequestHeaders().forEach((name, values) -> {
			String key = name.toLowerCase(Locale.ROOT);
			boolean secret = key.equals("authorization") || key.equals("x-api-key") || key.equals("proxy-authorization")
					|| key.equals("api-key");
			List<String> copy = new ArrayList<>();
			for (String v : values) {
				copy.add(secret ? RecordedRequest.REDACTED : v);
			}
			headers.merge(key, copy, (a, b) -> {
				List<String> merged = new ArrayList<>(a);
				merged.addAll(b);
				return merged;
			});
		});
		headers.replaceAll((k, v) -> Collections.unmodifiableList(v));
		return Collections.unmodifiableMap(headers);
	}

}
