package dev.orchestration.test.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Runs the {@link ProviderSimulator} on its own, for trying things by hand (curl, another
 * language's SDK, the sample app with {@code --sample.simulator.*} pointed elsewhere):
 * models and faults from flags or a YAML file.
 *
 * <pre>
 * java -jar orchestration-test/target/orchestration-test-0.1.0-SNAPSHOT-simulator.jar --port 8089 \
 *     --model gpt-4o-mini --answer "Paris." --latency 50ms..200ms \
 *     --model flaky --error-rate 0.5 --error 429 --retry-after 2s
 * java -jar ...-simulator.jar --config simulator.yml
 * </pre>
 *
 * Flags after {@code --model NAME} script that model: {@code --answer TEXT},
 * {@code --latency D} or {@code D..D}, {@code --chunk-delay D}, {@code --error KIND} (an
 * HTTP status or {@code server-error}, {@code overloaded}, {@code rate-limited},
 * {@code context-length}, {@code content-policy}, {@code unauthorized},
 * {@code forbidden}) with {@code --error-rate P} (default 1) or {@code --fail-next N},
 * {@code --retry-after D}, {@code --hang}, {@code --cut-stream-after TOKENS},
 * {@code --context-window TOKENS}, {@code --usage PROMPT,COMPLETION}, {@code --seed N}.
 * The YAML file has {@code port} and {@code models: {NAME: {answer: ..., latency: ...,
 * ...}}} with the same keys.
 */
public final class SimulatorMain {

	private static final String USAGE = "usage: SimulatorMain [--port N] [--config FILE.yml] "
			+ "[--model NAME [--answer TEXT] [--latency 200ms|100ms..400ms] [--chunk-delay 20ms] "
			+ "[--error 500|429|server-error|overloaded|rate-limited|context-length|content-policy|unauthorized|forbidden] "
			+ "[--error-rate 0.5 | --fail-next N] [--retry-after 2s] [--hang] [--cut-stream-after N] "
			+ "[--context-window N] [--usage P,C] [--seed N]]...";

	private SimulatorMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		ProviderSimulator simulator;
		try {
			simulator = start(args, System.out);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(USAGE);
			System.exit(2);
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			simulator.close();
			stopped.countDown();
		}, "provider-simulator-shutdown"));
		stopped.await();
	}

	/**
	 * Starts a simulator from command-line arguments and prints where it listens.
	 * @param args the arguments
	 * @param out where to print
	 * @return the running simulator (the caller closes it)
	 * @throws IllegalArgumentException on a bad argument or file
	 */
	public static ProviderSimulator start(String[] args, PrintStream out) {
		Script script = parse(args);
		ProviderSimulator simulator = ProviderSimulator.start(script.port);
		try {
			script.models.forEach((name, settings) -> apply(simulator.model(name), name, settings));
		}
		catch (RuntimeException ex) {
			simulator.close();
			throw ex;
		}
		out.println("Provider simulator listening on " + simulator.baseUrl());
		out.println("  OpenAI:    POST " + simulator.baseUrl() + "/v1/chat/completions (base URL " + simulator.baseUrl()
				+ "/v1)");
		out.println("  Anthropic: POST " + simulator.baseUrl() + "/v1/messages (base URL " + simulator.baseUrl() + ")");
		script.models.forEach((name, settings) -> out.println("  model " + name + ": " + settings));
		out.println("  any other model answers \"[<model>] answer to: <your message>\"; Ctrl-C stops");
		return simulator;
	}

	static Script parse(String[] args) {
		Script script = new Script();
		Map<String, Object> current = null;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument '" + arg + "'");
			}
			String key = arg.substring(2);
			String value = null;
			int equals = key.indexOf('=');
			if (equals >= 0) {
				value = key.substring(equals + 1);
				key = key.substring(0, equals);
			}
			if (key.equals("hang")) {
				require(current, arg).put("hang", Boolean.TRUE);
				continue;
			}
			if (value == null) {
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException(arg + " needs a value");
				}
				value = args[++i];
			}
			switch (key) {
				case "port" -> script.port = integer("port", value);
				case "config" -> script.load(Path.of(value));
				case "model" -> current = script.models.computeIfAbsent(value, (name) -> new LinkedHashMap<>());
				default -> require(current, arg).put(key, value);
			}
		}
		return script;
	}

	private static Map<String, Object> require(@Nullable Map<String, Object> model, String arg) {
		if (model == null) {
			throw new IllegalArgumentException(arg + " must follow --model NAME");
		}
		return model;
	}

	static void apply(SimulatedModel model, String name, Map<String, Object> settings) {
		Map<String, String> values = new LinkedHashMap<>();
		settings.forEach((key, value) -> values.put(key, String.valueOf(value)));
		String where = "model " + name + ": ";
		try {
			if (values.containsKey("answer")) {
				model.answer(values.get("answer"));
			}
			if (values.containsKey("latency")) {
				String latency = values.get("latency");
				int range = latency.indexOf("..");
				if (range >= 0) {
					model.latency(duration(latency.substring(0, range)), duration(latency.substring(range + 2)));
				}
				else {
					model.latency(duration(latency));
				}
			}
			if (values.containsKey("chunk-delay")) {
				model.chunkDelay(duration(values.get("chunk-delay")));
			}
			Duration retryAfter = values.containsKey("retry-after") ? duration(values.get("retry-after")) : null;
			if (values.containsKey("error")) {
				SimulatedError error = error(values.get("error"), retryAfter);
				if (values.containsKey("fail-next")) {
					model.failNext(integer("fail-next", values.get("fail-next")), error);
				}
				else if (values.containsKey("error-rate")) {
					model.errorRate(Double.parseDouble(values.get("error-rate")), error);
				}
				else {
					model.failWith(error);
				}
			}
			else if (values.containsKey("error-rate") || values.containsKey("fail-next")) {
				throw new IllegalArgumentException("error-rate and fail-next need an error (e.g. --error 500)");
			}
			if (Boolean.parseBoolean(values.getOrDefault("hang", "false"))) {
				model.hang();
			}
			if (values.containsKey("cut-stream-after")) {
				model.cutStreamAfter(integer("cut-stream-after", values.get("cut-stream-after")));
			}
			if (values.containsKey("context-window")) {
				model.contextWindow(integer("context-window", values.get("context-window")));
			}
			if (values.containsKey("usage")) {
				String[] usage = values.get("usage").split(",");
				if (usage.length != 2) {
					throw new IllegalArgumentException("usage is PROMPT,COMPLETION tokens, e.g. 120,40");
				}
				model.usage(integer("usage", usage[0].trim()), integer("usage", usage[1].trim()));
			}
			if (values.containsKey("seed")) {
				model.seed(Long.parseLong(values.get("seed")));
			}
			List<String> unknown = new ArrayList<>(values.keySet());
			unknown.removeAll(List.of("answer", "latency", "chunk-delay", "retry-after", "error", "fail-next",
					"error-rate", "hang", "cut-stream-after", "context-window", "usage", "seed"));
			if (!unknown.isEmpty()) {
				throw new IllegalArgumentException("unknown setting(s) " + unknown);
			}
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(where + ex.getMessage(), ex);
		}
	}

	static SimulatedError error(String kind, @Nullable Duration retryAfter) {
		SimulatedError error = switch (kind.toLowerCase(Locale.ROOT)) {
			case "server-error" -> SimulatedError.serverError();
			case "overloaded" -> SimulatedError.overloaded();
			case "rate-limited" -> SimulatedError.rateLimited(retryAfter);
			case "context-length" -> SimulatedError.contextLengthExceeded();
			case "content-policy" -> SimulatedError.contentPolicy();
			case "unauthorized" -> SimulatedError.unauthorized();
			case "forbidden" -> SimulatedError.forbidden();
			default -> SimulatedError.status(integer("error", kind));
		};
		return (retryAfter != null) ? error.withRetryAfter(retryAfter) : error;
	}

	/**
	 * A duration such as {@code 250ms}, {@code 2s}, {@code 1m}, or plain milliseconds.
	 */
	static Duration duration(String text) {
		String value = text.trim().toLowerCase(Locale.ROOT);
		try {
			if (value.endsWith("ms")) {
				return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
			}
			if (value.endsWith("s")) {
				return Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
			}
			if (value.endsWith("m")) {
				return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
			}
			return Duration.ofMillis(Long.parseLong(value));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 250ms, 2s, 1m)", ex);
		}
	}

	private static int integer(String name, String value) {
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + ": '" + value + "' is not a whole number", ex);
		}
	}

	/** Port and model settings, from flags and YAML files in argument order. */
	static final class Script {

		int port = 8089;

		final Map<String, Map<String, Object>> models = new LinkedHashMap<>();

		@SuppressWarnings("unchecked")
		void load(Path file) {
			Object document;
			try (InputStream in = Files.newInputStream(file)) {
				document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
			}
			catch (IOException ex) {
				throw new IllegalArgumentException("cannot read " + file + ": " + ex.getMessage(),
						new UncheckedIOException(ex));
			}
			if (!(document instanceof Map<?, ?> root)) {
				throw new IllegalArgumentException(file + ": expected 'port' and 'models' at the top level");
			}
			if (root.get("port") != null) {
				this.port = integer("port", String.valueOf(root.get("port")));
			}
			Object models = root.get("models");
			if (models instanceof Map<?, ?> byName) {
				byName.forEach((name, settings) -> {
					if (!(settings instanceof Map<?, ?>)) {
						throw new IllegalArgumentException(file + ": model " + name + " needs settings (a map)");
					}
					this.models.computeIfAbsent(String.valueOf(name), (key) -> new LinkedHashMap<>())
						.putAll((Map<String, Object>) settings);
				});
			}
			else if (models != null) {
				throw new IllegalArgumentException(file + ": 'models' must map model names to settings");
			}
		}

	}

}
