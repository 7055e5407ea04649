package dev.orchestration.test.simulator;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The scripted behaviour of one model name: answers, latency, faults, tool calls and
 * usage; thread-safe and changeable while the server runs.
 *
 * <p>
 * Per call the simulator decides, in this order: {@link #hang()}; {@link #failWith};
 * {@link #failNext}; {@link #errorRate}; {@link #contextWindow} (estimated input tokens
 * above the window); replay lookup (unknown prompt gives HTTP 404); scripted tool call
 * (only when the request offers tools and holds no tool result yet); otherwise the
 * answer. The sampled {@link #latency} is waited before the first byte of every outcome,
 * errors included (not for hangs).
 */
public final class SimulatedModel {

	/** How long {@link #hang()} holds a request when the server is not closed first. */
	public static final Duration HANG_BOUND = Duration.ofMinutes(5);

	private final String name;

	private final AtomicInteger calls = new AtomicInteger();

	private @Nullable Function<RecordedRequest, String> answers;

	private Duration latencyMin = Duration.ZERO;

	private Duration latencyMax = Duration.ZERO;

	private Duration chunkDelay = Duration.ZERO;

	private @Nullable SimulatedError failAlways;

	private int failNextCount;

	private @Nullable SimulatedError failNextError;

	private double errorRate;

	private @Nullable SimulatedError errorRateError;

	private long seed = 42L;

	private Random errorRandom = new Random(this.seed);

	private Random latencyRandom = new Random(this.seed + 1);

	private boolean hang;

	private boolean honourMaxTokens;

	private int cutAfter = -1;

	private int contextWindow;

	private @Nullable String toolName;

	private @Nullable String toolArguments;

	private int usagePrompt = -1;

	private int usageCompletion = -1;

	private @Nullable ReplayAnswers replay;

	SimulatedModel(String name) {
		this.name = name;
	}

	/**
	 * The model name this script answers for.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Answers every call with this text.
	 * @param text the answer
	 * @return this
	 */
	public synchronized SimulatedModel answer(String text) {
		Objects.requireNonNull(text, "text");
		this.answers = request -> text;
		this.replay = null;
		return this;
	}

	/**
	 * Answers every call with a text generated from the request.
	 * @param generator the generator
	 * @return this
	 */
	public synchronized SimulatedModel answers(Function<RecordedRequest, String> generator) {
		this.answers = Objects.requireNonNull(generator, "generator");
		this.replay = null;
		return this;
	}

	/**
	 * Waits this long before the first byte of each response.
	 * @param latency the latency
	 * @return this
	 */
	public SimulatedModel latency(Duration latency) {
		return latency(latency, latency);
	}

	/**
	 * Waits a uniformly random time in [min, max] before the first byte of each response
	 * (seeded, see {@link #seed(long)}).
	 * @param min the lower bound
	 * @param max the upper bound
	 * @return this
	 */
	public synchronized SimulatedModel latency(Duration min, Duration max) {
		if (min.isNegative() || max.compareTo(min) < 0) {
			throw new IllegalArgumentException("need 0 <= min <= max");
		}
		this.latencyMin = min;
		this.latencyMax = max;
		return this;
	}

	/**
	 * Waits this long between streamed content chunks (default none).
	 * @param delay the delay
	 * @return this
	 */
	public synchronized SimulatedModel chunkDelay(Duration delay) {
		this.chunkDelay = Objects.requireNonNull(delay);
		return this;
	}

	/**
	 * Fails every call with this error until {@link #reset()} or {@code failWith(null)}.
	 * @param error the error, or null to stop
	 * @return this
	 */
	public synchronized SimulatedModel failWith(@Nullable SimulatedError error) {
		this.failAlways = error;
		return this;
	}

	/**
	 * Fails the next {@code n} calls with this error, then behaves normally.
	 * @param n how many calls fail
	 * @param error the error
	 * @return this
	 */
	public synchronized SimulatedModel failNext(int n, SimulatedError error) {
		this.failNextCount = n;
		this.failNextError = Objects.requireNonNull(error);
		return this;
	}

	/**
	 * Fails a random share of calls with this error, drawn from a seeded {@link Random}
	 * (see {@link #seed(long)}).
	 * @param rate the share in [0, 1]
	 * @param error the error
	 * @return this
	 */
	public synchronized SimulatedModel errorRate(double rate, SimulatedError error) {
		if (rate < 0 || rate > 1) {
			throw new IllegalArgumentException("rate must be in [0, 1]");
		}
		this.errorRate = rate;
		this.errorRateError = Objects.requireNonNull(error);
		return this;
	}

	/**
	 * Reseeds the random sources of {@link #errorRate} and
	 * {@link #latency(Duration, Duration)} (default seed 42).
	 * @param seed the seed
	 * @return this
	 */
	public synchronized SimulatedModel seed(long seed) {
		this.seed = seed;
		this.errorRandom = new Random(seed);
		this.latencyRandom = new Random(seed + 1);
		return this;
	}

	/**
	 * Scripted answers longer than the request's {@code max_tokens} (or
	 * {@code max_completion_tokens}) are cut to about that many tokens and end with
	 * finish reason {@code length} ({@code max_tokens} on the Anthropic API), as a
	 * provider truncates. Off by default (recorded replays report accounting tokens, not
	 * real ones).
	 * @return this
	 */
	public synchronized SimulatedModel honourMaxTokens() {
		this.honourMaxTokens = true;
		return this;
	}

	/**
	 * Accepts every request and never answers (until the server closes, {@link #reset()},
	 * or {@link #HANG_BOUND}); the client's timeout must fire.
	 * @return this
	 */
	public synchronized SimulatedModel hang() {
		this.hang = true;
		return this;
	}

	/**
	 * A streamed answer sends {@code tokens} content chunks, then the connection is
	 * closed abruptly (no terminating chunk, no finish_reason / message_delta, no
	 * {@code [DONE]} / message_stop). Non-streamed calls are unaffected.
	 * @param tokens the number of content chunks sent before the cut
	 * @return this
	 */
	public synchronized SimulatedModel cutStreamAfter(int tokens) {
		if (tokens < 0) {
			throw new IllegalArgumentException("tokens must be >= 0");
		}
		this.cutAfter = tokens;
		return this;
	}

	/**
	 * Requests whose estimated input tokens
	 * ({@link RecordedRequest#estimatedInputTokens()}) exceed this window get the
	 * provider's context-length error; 0 disables the check.
	 * @param tokens the window
	 * @return this
	 */
	public synchronized SimulatedModel contextWindow(int tokens) {
		this.contextWindow = tokens;
		return this;
	}

	/**
	 * When a request offers tools and holds no tool result yet, answers with a call of
	 * this tool (OpenAI {@code tool_calls}, Anthropic {@code tool_use}); once the tool
	 * result arrives the model answers normally.
	 * @param toolName the tool to call
	 * @param argumentsJson the call's arguments as a JSON object text
	 * @return this
	 */
	public synchronized SimulatedModel toolCall(String toolName, String argumentsJson) {
		this.toolName = Objects.requireNonNull(toolName);
		this.toolArguments = Objects.requireNonNull(argumentsJson);
		return this;
	}

	/**
	 * Reports this usage on every answer instead of the estimate.
	 * @param promptTokens input tokens
	 * @param completionTokens output tokens
	 * @return this
	 */
	public synchronized SimulatedModel usage(int promptTokens, int completionTokens) {
		this.usagePrompt = promptTokens;
		this.usageCompletion = completionTokens;
		return this;
	}

	/**
	 * Replays recorded RouterBench answers of {@code recordedModel}, with completion
	 * tokens estimated from the answer text. See
	 * {@link #replay(RouterBenchDataset, String, double, double)} for the matching rule.
	 * @param data the dataset
	 * @param recordedModel the dataset model whose answers to replay, e.g.
	 * {@code gpt-4-1106-preview}
	 * @return this
	 */
	public SimulatedModel replay(RouterBenchDataset data, String recordedModel) {
		return replay(new ReplayAnswers(data, recordedModel, Double.NaN, Double.NaN));
	}

	/**
	 * Replays recorded RouterBench answers of {@code recordedModel} with usage consistent
	 * with the recorded cost.
	 *
	 * <p>
	 * Matching rule: the request's {@link RecordedRequest#lastUserMessage()} and each
	 * row's {@link RouterBenchRow#prompt()} are compared after collapsing every run of
	 * whitespace to one space and trimming; the first row (file order, after sample_id
	 * dedupe) that matches and has a value for the model answers. Callers should send
	 * {@code row.prompt()} as the (last) user message. An unknown prompt gets HTTP 404
	 * ({@code not_found}) in the provider's error format. Usage: prompt tokens = estimate
	 * of the request input; completion tokens =
	 * {@code max(1, round((cost - prompt * in / 1e6) * 1e6 / out))}.
	 * @param data the dataset
	 * @param recordedModel the dataset model whose answers to replay
	 * @param inputPerMillion USD per million input tokens
	 * @param outputPerMillion USD per million output tokens
	 * @return this
	 */
	public SimulatedModel replay(RouterBenchDataset data, String recordedModel, double inputPerMillion,
			double outputPerMillion) {
		if (!(outputPerMillion > 0) || inputPerMillion < 0) {
			throw new IllegalArgumentException("prices must be input >= 0 and output > 0");
		}
		return replay(new ReplayAnswers(data, recordedModel, inputPerMillion, outputPerMillion));
	}

	private synchronized SimulatedModel replay(ReplayAnswers answers) {
		this.replay = answers;
		this.answers = null;
		return this;
	}

	/**
	 * Clears every script, fault and the call count; releases nothing by itself (the
	 * simulator releases hanging requests on its own reset).
	 * @return this
	 */
	public synchronized SimulatedModel reset() {
		this.answers = null;
		this.latencyMin = Duration.ZERO;
		this.latencyMax = Duration.ZERO;
		this.chunkDelay = Duration.ZERO;
		this.failAlways = null;
		this.failNextCount = 0;
		this.failNextError = null;
		this.errorRate = 0;
		this.errorRateError = null;
		seed(42L);
		this.hang = false;
		this.honourMaxTokens = false;
		this.cutAfter = -1;
		this.contextWindow = 0;
		this.toolName = null;
		this.toolArguments = null;
		this.usagePrompt = -1;
		this.usageCompletion = -1;
		this.replay = null;
		this.calls.set(0);
		return this;
	}

	/**
	 * How many requests this model received (errors and hangs included) since start or
	 * {@link #reset()}.
	 * @return the count
	 */
	public int callCount() {
		return this.calls.get();
	}

	/** Decides what one request gets; called once per request. */
	synchronized Plan plan(RecordedRequest request) {
		this.calls.incrementAndGet();
		if (this.hang) {
			return Plan.hang();
		}
		Duration latency = sampleLatency();
		SimulatedError fault = null;
		if (this.failAlways != null) {
			fault = this.failAlways;
		}
		else if (this.failNextCount > 0 && this.failNextError != null) {
			this.failNextCount--;
			fault = this.failNextError;
		}
		else if (this.errorRate > 0 && this.errorRateError != null && this.errorRandom.nextDouble() < this.errorRate) {
			fault = this.errorRateError;
		}
		if (fault != null && !(request.stream() && fault.streamAfter() >= 0)) {
			return Plan.error(latency, fault);
		}
		Plan answer = answerPlan(request, latency);
		return (fault != null && answer.kind() != Plan.Kind.ERROR) ? answer.withStreamError(fault) : answer;
	}

	private Plan answerPlan(RecordedRequest request, Duration latency) {
		int promptTokens = request.estimatedInputTokens();
		if (this.contextWindow > 0 && promptTokens > this.contextWindow) {
			return Plan.error(latency, SimulatedError.contextLengthExceeded(promptTokens, this.contextWindow));
		}
		int cut = request.stream() ? this.cutAfter : -1;
		if (this.toolName != null && this.toolArguments != null && !request.toolNames().isEmpty()
				&& !request.hasToolResult()) {
			int completion = Math.max(1, TokenEstimator.estimate(this.toolName + this.toolArguments));
			return Plan.tool(latency, this.chunkDelay, cut, this.toolName, this.toolArguments,
					usagePrompt(promptTokens), usageCompletion(completion));
		}
		String text;
		int completion;
		if (this.replay != null) {
			ReplayAnswers.Answer answer = this.replay.answer(request, promptTokens);
			if (answer == null) {
				return Plan.error(latency,
						SimulatedError.status(404)
							.withMessage("replay: no recorded answer of '" + this.replay.recordedModel()
									+ "' for this prompt (matching rule: last user message equals a RouterBench prompt "
									+ "after whitespace normalisation): " + abbreviate(request.lastUserMessage(), 80)));
			}
			text = answer.text();
			completion = answer.completionTokens();
		}
		else {
			text = this.answers != null ? this.answers.apply(request) : defaultAnswer(request);
			completion = Math.max(1, TokenEstimator.estimate(text));
			int max = maxTokens(request);
			if (this.honourMaxTokens && max > 0 && completion > max) {
				text = text.substring(0, Math.min(text.length(), max * 4));
				return Plan.text(latency, this.chunkDelay, cut, text, usagePrompt(promptTokens), usageCompletion(max))
					.truncated();
			}
		}
		return Plan.text(latency, this.chunkDelay, cut, text, usagePrompt(promptTokens), usageCompletion(completion));
	}

	private static int maxTokens(RecordedRequest request) {
		for (String field : new String[] { "max_completion_tokens", "max_tokens" }) {
			if (request.json().path(field).isNumber()) {
				return request.json().path(field).asInt();
			}
		}
		return 0;
	}

	private int usagePrompt(int estimate) {
		return this.usagePrompt >= 0 ? this.usagePrompt : estimate;
	}

	private int usageCompletion(int estimate) {
		return this.usageCompletion >= 0 ? this.usageCompletion : estimate;
	}

	private Duration sampleLatency() {
		long min = this.latencyMin.toNanos();
		long max = this.latencyMax.toNanos();
		if (max <= min) {
			return this.latencyMin;
		}
		return Duration.ofNanos(min + (long) (this.latencyRandom.nextDouble() * (max - min)));
	}

	/**
	 * The answer of a model without a script:
	 * {@code [<model>] answer to: <first 60 chars of last user message>}.
	 * @param request the request
	 * @return the answer
	 */
	public static String defaultAnswer(RecordedRequest request) {
		String last = request.lastUserMessage();
		return "[" + request.model() + "] answer to: " + (last.length() > 60 ? last.substring(0, 60) : last);
	}

	private static String abbreviate(String s, int max) {
		return s.length() > max ? s.substring(0, max) + "..." : s;
	}

	/** What the simulator does for one request. */
	record Plan(Kind kind, Duration latency, Duration chunkDelay, int cutAfter, @Nullable SimulatedError error,
			@Nullable String text, @Nullable String toolName, @Nullable String toolArguments, int promptTokens,
			int completionTokens, @Nullable SimulatedError streamError, boolean cutByMaxTokens) {

		enum Kind {

			HANG, ERROR, TEXT, TOOL

		}

		static Plan hang() {
			return new Plan(Kind.HANG, Duration.ZERO, Duration.ZERO, -1, null, null, null, null, 0, 0, null, false);
		}

		static Plan error(Duration latency, SimulatedError error) {
			return new Plan(Kind.ERROR, latency, Duration.ZERO, -1, error, null, null, null, 0, 0, null, false);
		}

		static Plan text(Duration latency, Duration chunkDelay, int cut, String text, int prompt, int completion) {
			return new Plan(Kind.TEXT, latency, chunkDelay, cut, null, text, null, null, prompt, completion, null,
					false);
		}

		static Plan tool(Duration latency, Duration chunkDelay, int cut, String name, String args, int prompt,
				int completion) {
			return new Plan(Kind.TOOL, latency, chunkDelay, cut, null, null, name, args, prompt, completion, null,
					false);
		}

		/**
		 * This answer, broken off by the error as an SSE event after
		 * {@code error.streamAfter()} chunks.
		 */
		Plan withStreamError(SimulatedError error) {
			return new Plan(this.kind, this.latency, this.chunkDelay, this.cutAfter, this.error, this.text,
					this.toolName, this.toolArguments, this.promptTokens, this.completionTokens, error,
					this.cutByMaxTokens);
		}

		/** This answer, cut at the request's max tokens. */
		Plan truncated() {
			return new Plan(this.kind, this.latency, this.chunkDelay, this.cutAfter, this.error, this.text,
					this.toolName, this.toolArguments, this.promptTokens, this.completionTokens, this.streamError,
					true);
		}

	}

}
