package dev.orchestration.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
		 * The Retry-After header of injected errors (how long the client is asked to
		 * wait); unset: none.
		 */
		private @Nullable Duration retryAfter;

		/**
		 * Send injected errors inside a streamed answer (HTTP 200, then an SSE error
		 * event) after this many content chunks (0: before any token); unset: as an HTTP
		 * error. Calls that do not stream still get the HTTP error.
		 */
		private @Nullable Integer errorInStreamAfter;

		/**
		 * The next N calls fail with the error above (then error-rate applies).
		 */
		private int failNext;

		/**
		 * Seed of the model's random error and latency draws (the simulator's default is
		 * 42), for reproducible runs with another sequence.
		 */
		private @Nullable Long seed;

		/**
		 * Accept every call and never answer: the client's timeout (10 s in the sample)
		 * fires and the router fails over.
		 */
		private boolean hang;

		/**
		 * Drop the connection of a streamed answer after this many content chunks.
		 */
		private @Nullable Integer cutStreamAfter;

		/**
		 * Delay between streamed chunks.
		 */
		private Duration chunkDelay = Duration.ZERO;

		/**
		 * Context window in (estimated) tokens: longer inputs get the provider's
		 * context-length error; 0 = unlimited.
		 */
		private int contextWindow;

		/**
		 * Cut answers longer than the request's max tokens (finish reason length), as a
		 * provider truncates.
		 */
		private boolean honourMaxTokens;

		/**
		 * A tool call the model answers with when a request offers tools and holds no
		 * tool result yet.
		 */
		private @Nullable ToolCall toolCall;

		/**
		 * How the model answers once the tool result is there; "{tool-result}" is
		 * replaced by it. Unset: the usual answer.
		 */
		private @Nullable String toolAnswer;

		/**
		 * Scripted replies, tried in order before "answer": the first whose "when" (a
		 * regular expression) is found in the last user message answers; "$1".."$9" in
		 * its answer are the expression's groups.
		 */
		private List<Reply> replies = new ArrayList<>();

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

		public @Nullable Duration getRetryAfter() {
			return this.retryAfter;
		}

		public void setRetryAfter(@Nullable Duration retryAfter) {
			this.retryAfter = retryAfter;
		}

		public @Nullable Integer getErrorInStreamAfter() {
			return this.errorInStreamAfter;
		}

		public void setErrorInStreamAfter(@Nullable Integer errorInStreamAfter) {
			this.errorInStreamAfter = errorInStreamAfter;
		}

		public int getFailNext() {
			return this.failNext;
		}

		public void setFailNext(int failNext) {
			this.failNext = failNext;
		}

		public @Nullable Long getSeed() {
			return this.seed;
		}

		public void setSeed(@Nullable Long seed) {
			this.seed = seed;
		}

		public boolean isHang() {
			return this.hang;
		}

		public void setHang(boolean hang) {
			this.hang = hang;
		}

		public @Nullable Integer getCutStreamAfter() {
			return this.cutStreamAfter;
		}

		public void setCutStreamAfter(@Nullable Integer cutStreamAfter) {
			this.cutStreamAfter = cutStreamAfter;
		}

		public Duration getChunkDelay() {
			return this.chunkDelay;
		}

		public void setChunkDelay(Duration chunkDelay) {
			this.chunkDelay = chunkDelay;
		}

		public int getContextWindow() {
			return this.contextWindow;
		}

		public void setContextWindow(int contextWindow) {
			this.contextWindow = contextWindow;
		}

		public boolean isHonourMaxTokens() {
			return this.honourMaxTokens;
		}

		public void setHonourMaxTokens(boolean honourMaxTokens) {
			this.honourMaxTokens = honourMaxTokens;
		}

		public @Nullable ToolCall getToolCall() {
			return this.toolCall;
		}

		public void setToolCall(@Nullable ToolCall toolCall) {
			this.toolCall = toolCall;
		}

		public @Nullable String getToolAnswer() {
			return this.toolAnswer;
		}

		public void setToolAnswer(@Nullable String toolAnswer) {
			this.toolAnswer = toolAnswer;
		}

		public List<Reply> getReplies() {
			return this.replies;
		}

		public void setReplies(List<Reply> replies) {
			this.replies = replies;
		}

		public @Nullable String getAnswer() {
			return this.answer;
		}

		public void setAnswer(@Nullable String answer) {
			this.answer = answer;
		}

	}

	/**
	 * A tool call a simulated model answers with.
	 */
	public static class ToolCall {

		/**
		 * The tool's name (a {@code @Tool} method's name).
		 */
		private @Nullable String name;

		/**
		 * The call's arguments, a JSON object.
		 */
		private String arguments = "{}";

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

		public String getArguments() {
			return this.arguments;
		}

		public void setArguments(String arguments) {
			this.arguments = arguments;
		}

	}

	/**
	 * A scripted reply: the answer to a last user message in which "when" is found.
	 */
	public static class Reply {

		/**
		 * A regular expression searched in the last user message.
		 */
		private @Nullable String when;

		/**
		 * The answer; "$1".."$9" are the expression's groups.
		 */
		private @Nullable String answer;

		public @Nullable String getWhen() {
			return this.when;
		}

		public void setWhen(@Nullable String when) {
			this.when = when;
		}

		public @Nullable String getAnswer() {
			return this.answer;
		}

		public void setAnswer(@Nullable String answer) {
			this.answer = answer;
		}

	}

}
