package dev.orchestration.sample;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.orchestration.test.simulator.ProviderSimulator;
import dev.orchestration.test.simulator.SimulatedError;
import dev.orchestration.test.simulator.SimulatedModel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Run-time fault injection into the offline simulator, for the chaos and soak harness
 * ({@code orchestration-bench
 * chaos}); off unless {@code sample.fault-control.enabled=true}, and never to be switched
 * on where untrusted callers reach the app. It needs the offline mode (the simulator).
 *
 * <ul>
 * <li>{@code POST /sample/faults} {@code {"seed": 7, "models": {"sim-nano": {"errorRate":
 * 0.3, "errorStatus": 503}}}} replaces the faults of the named models (the others keep
 * theirs); per model: {@code errorRate}, {@code errorStatus}, {@code retryAfterMs} (429),
 * {@code minLatencyMs}/{@code maxLatencyMs}, {@code hang}, {@code cutStreamAfter},
 * {@code down} (every call fails with {@code errorStatus}).</li>
 * <li>{@code DELETE /sample/faults}: back to the configured behaviour; hanging requests
 * are released.</li>
 * <li>{@code GET /sample/diagnostics}: heap used after a full GC, live threads, simulator
 * request counts.</li>
 * </ul>
 * With {@code sample.fault-control.tag-answers=true} every simulated answer ends with
 * {@code #<instance>-<n>}, unique per generated answer, so the harness can tell which
 * request a cached answer was generated for.
 */
@RestController
@ConditionalOnProperty(name = "sample.fault-control.enabled", havingValue = "true")
class FaultControlController {

	private static final Log log = LogFactory.getLog(FaultControlController.class);

	private final ProviderSimulator simulator;

	private final SimulatorProperties properties;

	private final boolean tagAnswers;

	private final String instance;

	private final AtomicLong answers = new AtomicLong();

	FaultControlController(ProviderSimulator simulator, SimulatorProperties properties,
			@Value("${sample.fault-control.tag-answers:false}") boolean tagAnswers,
			@Value("${sample.fault-control.instance:${server.port:0}}") String instance) {
		this.simulator = simulator;
		this.properties = properties;
		this.tagAnswers = tagAnswers;
		this.instance = instance;
		restoreAll();
	}

	@PostMapping("/sample/faults")
	synchronized Map<String, Object> inject(@RequestBody FaultRequest request) {
		request.models().forEach((name, fault) -> {
			SimulatedModel model = restore(name);
			if (request.seed() != null) {
				model.seed(request.seed() + name.hashCode());
			}
			apply(model, fault);
		});
		log.info("Faults injected: " + request.models().keySet());
		return Map.of("models", request.models().keySet());
	}

	@DeleteMapping("/sample/faults")
	synchronized Map<String, Object> clear() {
		restoreAll();
		// releases hanging requests (their connections are dropped) and empties the
		// request log
		this.simulator.reset();
		restoreAll();
		log.info("Faults cleared");
		return Map.of("cleared", true);
	}

	@GetMapping("/sample/diagnostics")
	Map<String, Object> diagnostics() {
		System.gc();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("heapAfterGcBytes", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
		body.put("liveThreads", ManagementFactory.getThreadMXBean().getThreadCount());
		body.put("simulatorReceived", this.simulator.receivedRequests());
		body.put("simulatorLogSize", this.simulator.requests().size());
		body.put("simulatorLogCapacity", this.simulator.requestLogCapacity());
		return body;
	}

	private void restoreAll() {
		this.properties.getModels().keySet().forEach(this::restore);
	}

	private SimulatedModel restore(String name) {
		SimulatedModel model = this.simulator.model(name).reset();
		SimulatorProperties.SimulatedModelProperties settings = this.properties.getModels().get(name);
		if (settings != null) {
			OfflineProvidersConfiguration.configure(name, model, settings);
			if (this.tagAnswers) {
				String template = (settings.getAnswer() != null) ? settings.getAnswer() : "[" + name + "] {prompt}";
				model.answers((request) -> template.replace("{prompt}", excerpt(request.lastUserMessage())) + " #"
						+ this.instance + "-" + this.answers.incrementAndGet());
			}
		}
		return model;
	}

	private static void apply(SimulatedModel model, Fault fault) {
		if (fault.minLatencyMs() != null || fault.maxLatencyMs() != null) {
			Duration min = Duration.ofMillis((fault.minLatencyMs() != null) ? fault.minLatencyMs() : 0);
			model.latency(min, (fault.maxLatencyMs() != null) ? Duration.ofMillis(fault.maxLatencyMs()) : min);
		}
		SimulatedError error = error(fault);
		if (Boolean.TRUE.equals(fault.down())) {
			model.failWith(error);
		}
		else if (fault.errorRate() != null && fault.errorRate() > 0) {
			model.errorRate(fault.errorRate(), error);
		}
		if (Boolean.TRUE.equals(fault.hang())) {
			model.hang();
		}
		if (fault.cutStreamAfter() != null) {
			model.cutStreamAfter(fault.cutStreamAfter());
		}
	}

	private static SimulatedError error(Fault fault) {
		int status = (fault.errorStatus() != null) ? fault.errorStatus() : 503;
		if (status == 429) {
			Long retryAfter = fault.retryAfterMs();
			return SimulatedError.rateLimited((retryAfter != null) ? Duration.ofMillis(retryAfter) : null);
		}
		return SimulatedError.status(status);
	}

	private static String excerpt(String text) {
		return (text.length() > 60) ? text.substring(0, 60) + "..." : text;
	}

	/** Faults of several models. */
	record FaultRequest(@Nullable Long seed, Map<String, Fault> models) {

		FaultRequest {
			models = (models != null) ? models : Map.of();
		}

	}

	/** Faults of one model; null fields keep the configured behaviour. */
	record Fault(@Nullable Double errorRate, @Nullable Integer errorStatus, @Nullable Long retryAfterMs,
			@Nullable Long minLatencyMs, @Nullable Long maxLatencyMs, @Nullable Boolean hang,
			@Nullable Integer cutStreamAfter, @Nullable Boolean down) {
	}

}
