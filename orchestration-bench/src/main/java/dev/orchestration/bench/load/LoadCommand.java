package dev.orchestration.bench.load;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.orchestration.bench.Args;
import dev.orchestration.bench.BenchCommand;
import dev.orchestration.bench.UsageException;
import dev.orchestration.test.simulator.ProviderSimulator;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code load}: starts a fast OpenAI-compatible stub and the {@link LoadApplication}
 * (embedded Tomcat on 127.0.0.1, ephemeral port), then loads {@code /plain} and
 * {@code /routed} in turn at each concurrency, for several rounds, and prints requests/s,
 * p50/p99, the process's RSS and the routed/plain ratios (medians over the rounds). The
 * stub is also loaded alone, once, so that a reader sees it is not what limits the
 * endpoints.
 */
public final class LoadCommand implements BenchCommand {

	/** The prompt every request sends; it matches none of the routing rules. */
	static final String PROMPT = "What is the capital of France? Answer in one short sentence.";

	/**
	 * A chat-completions request as the OpenAI client sends it, for loading the stub
	 * alone.
	 */
	static final String UPSTREAM_BODY = "{\"model\":\"plain-model\",\"messages\":[{\"role\":\"user\",\"content\":\""
			+ PROMPT + "\"}]}";

	@Override
	public String name() {
		return "load";
	}

	@Override
	public String usage() {
		return "[--concurrency 1,32] [--duration 10s] [--warmup 10s] [--rounds 3] [--max-requests N]"
				+ " [--upstream fast|simulator] [--hold]";
	}

	@Override
	public int run(List<String> args, PrintStream out) throws Exception {
		Options options = Options.parse(args);
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
		try (Upstream upstream = Upstream.start(options.upstream);
				ConfigurableApplicationContext app = new SpringApplicationBuilder(LoadApplication.class)
					.web(WebApplicationType.SERVLET)
					.bannerMode(Banner.Mode.OFF)
					.logStartupInfo(false)
					.initializers((context) -> context.getEnvironment()
						.getPropertySources()
						.addFirst(new MapPropertySource("load-bench", LoadApplication.properties(upstream.baseUrl()))))
					.run()) {
			String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
			check(base + "/plain");
			check(base + "/routed");
			out.println("# HTTP load on loopback: " + base + " -> " + options.upstream + " stub " + upstream.baseUrl());
			out.printf(Locale.ROOT, "# %s; load average before: %s%n", machine(), loadAverage());
			if (options.hold) {
				out.println("# holding: load " + base + "/plain and " + base + "/routed yourself; Ctrl-C to stop");
				Thread.currentThread().join();
			}
			LoadGenerator generator = new LoadGenerator();
			for (String endpoint : List.of("/plain", "/routed")) {
				generator.run(URI.create(base + endpoint), PROMPT, 32, options.warmup, Long.MAX_VALUE);
			}
			out.printf(Locale.ROOT, "%-5s %-7s %5s %9s %9s %9s %9s %7s %8s%n", "round", "path", "conc", "requests",
					"req/s", "p50 ms", "p99 ms", "errors", "RSS MB");
			int most = Arrays.stream(options.concurrency).max().orElse(1);
			LoadResult alone = generator.run(URI.create(upstream.baseUrl() + "/v1/chat/completions"), UPSTREAM_BODY,
					most, options.duration, options.maxRequests);
			out.printf(Locale.ROOT,
					"%-5s %-7s %5d %9d %9.0f %9.3f %9.3f %7d %8.0f   (the stub alone: the app must be far below)%n",
					"-", "stub", most, alone.requests(), alone.requestsPerSecond(), alone.millis(50), alone.millis(99),
					alone.errors(), alone.rssKilobytes() / 1024.0);
			Map<Integer, List<double[]>> ratios = new LinkedHashMap<>();
			for (int round = 1; round <= options.rounds; round++) {
				for (int concurrency : options.concurrency) {
					List<String> order = (round % 2 == 1) ? List.of("/plain", "/routed") : List.of("/routed", "/plain");
					Map<String, LoadResult> results = new LinkedHashMap<>();
					for (String endpoint : order) {
						LoadResult result = generator.run(URI.create(base + endpoint), PROMPT, concurrency,
								options.duration, options.maxRequests);
						results.put(endpoint, result);
						out.printf(Locale.ROOT, "%-5d %-7s %5d %9d %9.0f %9.3f %9.3f %7d %8.0f%n", round, endpoint,
								concurrency, result.requests(), result.requestsPerSecond(), result.millis(50),
								result.millis(99), result.errors(), result.rssKilobytes() / 1024.0);
					}
					ratios.computeIfAbsent(concurrency, (c) -> new ArrayList<>())
						.add(Ratios.of(results.get("/routed"), results.get("/plain")));
				}
			}
			out.println("# routed/plain, median over " + options.rounds + " rounds");
			out.printf(Locale.ROOT, "%5s %12s %12s %12s%n", "conc", "req/s ratio", "p50 ratio", "p99 ratio");
			for (Map.Entry<Integer, List<double[]>> entry : ratios.entrySet()) {
				double[] medians = Ratios.medians(entry.getValue());
				out.printf(Locale.ROOT, "%5d %12.3f %12.3f %12.3f%n", entry.getKey(), medians[0], medians[1],
						medians[2]);
			}
			out.printf(Locale.ROOT, "# load average after: %s%n", loadAverage());
		}
		return 0;
	}

	private static void check(String url) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(PROMPT)).build(),
					HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200 || response.body().isBlank()) {
			throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
		}
	}

	static String machine() {
		return Runtime.getRuntime().availableProcessors() + " CPUs, JDK " + System.getProperty("java.version");
	}

	static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return String.join(" ", Arrays.copyOf(fields, 3));
		}
		catch (Exception ex) {
			return "unknown";
		}
	}

	/** Routed/plain ratios of one round: requests per second, p50 and p99. */
	static final class Ratios {

		private Ratios() {
		}

		static double[] of(LoadResult routed, LoadResult plain) {
			return new double[] { routed.requestsPerSecond() / plain.requestsPerSecond(),
					(double) routed.latencies().percentile(50) / plain.latencies().percentile(50),
					(double) routed.latencies().percentile(99) / plain.latencies().percentile(99) };
		}

		static double[] medians(List<double[]> rounds) {
			double[] medians = new double[3];
			for (int i = 0; i < 3; i++) {
				int column = i;
				medians[i] = median(rounds.stream().mapToDouble((ratios) -> ratios[column]).toArray());
			}
			return medians;
		}

		static double median(double[] values) {
			double[] sorted = values.clone();
			Arrays.sort(sorted);
			int n = sorted.length;
			return (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
		}

	}

	/** The upstream the chat model calls. */
	private interface Upstream extends AutoCloseable {

		String baseUrl();

		@Override
		void close();

		static Upstream start(String kind) {
			if (kind.equals("simulator")) {
				ProviderSimulator simulator = ProviderSimulator.start();
				return new Upstream() {
					@Override
					public String baseUrl() {
						return simulator.baseUrl();
					}

					@Override
					public void close() {
						simulator.close();
					}
				};
			}
			FastOpenAiStub stub = FastOpenAiStub.start(64);
			return new Upstream() {
				@Override
				public String baseUrl() {
					return stub.baseUrl();
				}

				@Override
				public void close() {
					stub.close();
				}
			};
		}

	}

	static final class Options {

		int[] concurrency = { 1, 32 };

		Duration duration = Duration.ofSeconds(10);

		Duration warmup = Duration.ofSeconds(10);

		int rounds = 3;

		long maxRequests = Long.MAX_VALUE;

		String upstream = "fast";

		boolean hold;

		static Options parse(List<String> args) {
			Options options = new Options();
			for (int i = 0; i < args.size(); i++) {
				String arg = args.get(i);
				switch (arg) {
					case "--concurrency" -> options.concurrency = Arrays.stream(Args.value(args, ++i, arg).split(","))
						.mapToInt((c) -> positive(c.trim(), arg))
						.toArray();
					case "--duration" -> options.duration = duration(Args.value(args, ++i, arg), arg);
					case "--warmup" -> options.warmup = duration(Args.value(args, ++i, arg), arg);
					case "--rounds" -> options.rounds = positive(Args.value(args, ++i, arg), arg);
					case "--max-requests" -> options.maxRequests = positive(Args.value(args, ++i, arg), arg);
					case "--upstream" -> {
						options.upstream = Args.value(args, ++i, arg);
						if (!options.upstream.equals("fast") && !options.upstream.equals("simulator")) {
							throw new UsageException(
									"--upstream is 'fast' or 'simulator', not '" + options.upstream + "'");
						}
					}
					case "--hold" -> options.hold = true;
					default -> throw new UsageException("Unknown option " + arg);
				}
			}
			return options;
		}

		private static int positive(String value, String option) {
			try {
				int number = Integer.parseInt(value);
				if (number > 0) {
					return number;
				}
			}
			catch (NumberFormatException ex) {
				// reported below
			}
			throw new UsageException(option + " takes a positive number, not '" + value + "'");
		}

		static Duration duration(String value, String option) {
			try {
				if (value.endsWith("ms")) {
					return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
				}
				if (value.endsWith("s")) {
					return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
				}
			}
			catch (NumberFormatException ex) {
				// reported below
			}
			throw new UsageException(option + " takes a duration such as 5s or 500ms, not '" + value + "'");
		}

	}

}
