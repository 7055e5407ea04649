package dev.orchestration.sample;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The simulated models of the offline sample and the faults injected into them.
 */
@ConfigurationProperties("sample.simulator")
public class SimulatorProperties {

	/**
	 * Simulated models by name (the model name the tiers send).
	 */
	private Map<String, SimulatedModelProperties> models = new LinkedHashMap<>();

	/**
	 * How many requests the simulator's request log keeps (the sample never reads it: a
	 * long-running sample must not grow with it).
	 */
	private int requestLogCapacity = 100;

	public int getRequestLogCapacity() {
		return this.requestLogCapacity;
	}

	public void setRequestLogCapacity(int requestLogCapacity) {
		this.requestLogCapacity = requestLogCapacity;
	}

	public Map<String, SimulatedModelProperties> getModels() {
		return this.models;
	}

	public void setModels(Map<String, SimulatedModelProperties> models) {
		this.models = models;
	}

	/**
	 * Behaviour of one simulated model.
	 */
	public static class SimulatedModelProperties {

		/**
		 * Shortest latency before the answer.
		 */
		private Duration minLatency = Duration.ofMillis(20);

		/**
		 * Longest latency before the answer.
		 */
		private Duration maxLatency = Duration.ofMillis(60);

		/**
		 * Share of calls (0..1) that fail with the status (or error shape) below.
		 */
		private double errorRate;

		/**
		 * HTTP status of injected failures (500, 503, 429, 401...).
		 */
		private int errorStatus = 503;

		/**
		 * A real provider error shape for injected failures instead of error-status
		 * (azure-content-filter, stream-overloaded, insufficient-quota,
		 * rate-limit-reset-headers, ...; see docs/failures.md), sent at error-rate (every
		 * call when error-rate is 0).
		 */
		private @Nullable String errorShape;

		/**
		 * How the model answers; "{prompt}" is replaced by the start of the last user
		 * message.
		 */
		private @Nullable String answer;

		public Duration getMinLatency() {
			return this.minLatency;
		}

		public void setMinLatency(Duration minLatency) {
			this.minLatency = minLatency;
		}

		public Duration getMaxLatency() {
			return this.maxLatency;
		}

		public void setMaxLatency(Duration maxLatency) {
			this.maxLatency = maxLatency;
		}

		public double getErrorRate() {
			return this.errorRate;
		}

		public void setErrorRate(double errorRate) {
			this.errorRate = errorRate;
		}

		public int getErrorStatus() {
			return this.errorStatus;
		}

		public void setErrorStatus(int errorStatus) {
			this.errorStatus = errorStatus;
		}

		public @Nullable String getErrorShape() {
			return this.errorShape;
		}

		public void setErrorShape(@Nullable String errorShape) {
			this.errorShape = errorShape;
		}

		public @Nullable String getAnswer() {
			return this.answer;
		}

		public void setAnswer(@Nullable String answer) {
			this.answer = answer;
		}

	}

}
