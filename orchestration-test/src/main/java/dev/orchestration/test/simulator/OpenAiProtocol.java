package dev.orchestration.test.simulator;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders OpenAI Chat Completions responses, SSE chunks and error bodies.
 */
final class OpenAiProtocol implements ProviderProtocol {

	private final JsonMapper mapper;

	private final IdGenerator ids;

	OpenAiProtocol(JsonMapper mapper, IdGenerator ids) {
		this.mapper = mapper;
		this.ids = ids;
	}

	@Override
	public void error(ExchangeIo io, SimulatedError error) throws IOException {
		String retryAfter = error.retryAfterHeader();
		if (retryAfter != null) {
			io.header("Retry-After", retryAfter);
		}
		error.headers(SimulatedApi.OPENAI).forEach(io::header);
		if (error.rateLimitReset() != null) {
			resetHeaders(io, error.rateLimitReset());
		}
		io.header("x-request-id", this.ids.next("req_"));
		io.json(error.status(SimulatedApi.OPENAI), body(error));
	}

	/**
	 * The error body: verbatim when the shape has one, else OpenAI's {@code {"error":
	 * {...}}}.
	 */
	private String body(SimulatedError error) throws IOException {
		String raw = error.rawBody(SimulatedApi.OPENAI);
		if (raw != null) {
			return raw;
		}
		ObjectNode root = this.mapper.createObjectNode();
		ObjectNode err = root.putObject("error");
		err.put("message", error.message(SimulatedApi.OPENAI));
		if (error.openAiType() != null) {
			err.put("type", error.openAiType());
		}
		else {
			err.putNull("type");
		}
		err.putNull("param");
		if (error.openAiCode() != null) {
			err.put("code", error.openAiCode());
		}
		else {
			err.putNull("code");
		}
		return this.mapper.writeValueAsString(root);
	}

	/**
	 * OpenAI's rate-limit headers: requests left, tokens exhausted until {@code reset}
	 * (Go duration format, as the OpenAI rate limits guide shows: {@code 1s},
	 * {@code 6m0s}).
	 */
	private static void resetHeaders(ExchangeIo io, Duration reset) {
		io.header("x-ratelimit-limit-requests", "60");
		io.header("x-ratelimit-remaining-requests", "59");
		io.header("x-ratelimit-reset-requests", "1s");
		io.header("x-ratelimit-limit-tokens", "30000");
		io.header("x-ratelimit-remaining-tokens", "0");
		io.header("x-ratelimit-reset-tokens", goDuration(reset));
	}

	static String goDuration(Duration duration) {
		long millis = Math.max(0, duration.toMillis());
		if (millis < 1000) {
			return millis + "ms";
		}
		long hours = millis / 3_600_000;
		long minutes = (millis / 60_000) % 60;
		double seconds = (millis % 60_000) / 1000.0;
		String s = (seconds == Math.rint(seconds)) ? Long.toString((long) seconds) : Double.toString(seconds);
		return (hours > 0 ? hours + "h" : "") + (hours > 0 || minutes > 0 ? minutes + "m" : "") + s + "s";
	}

	/**
	 * Sends the planned stream error once {@code sent} content chunks went out:
	 * {@code data: {"error": {...}}} (as go-openai issue #69 recorded it), then
	 * {@code [DONE]}.
	 */
	private boolean streamErrorIfDue(ExchangeIo io, SimulatedModel.Plan plan, int sent) throws IOException {
		SimulatedError error = plan.streamError();
		if (error == null || sent < error.streamAfter()) {
			return false;
		}
		io.event(null, body(error));
		io.event(null, "[DONE]");
		io.endSse();
		return true;
	}

	@Override
	public void reply(ExchangeIo io, RecordedRequest request, SimulatedModel.Plan plan) throws IOException {
		String id = this.ids.next("chatcmpl-sim");
		long created = System.currentTimeMillis() / 1000;
		io.header("x-request-id", this.ids.next("req_"));
		if (!request.stream()) {
			ObjectNode root = base(id, created, request.model(), "chat.completion");
			ObjectNode choice = root.putArray("choices").addObject();
			choice.put("index", 0);
			ObjectNode message = choice.putObject("message");
			message.put("role", "assistant");
			if (plan.kind() == SimulatedModel.Plan.Kind.TOOL) {
				message.putNull("content");
				ObjectNode call = message.putArray("tool_calls").addObject();
				call.put("id", this.ids.next("call_sim"));
				call.put("type", "function");
				call.putObject("function").put("name", plan.toolName()).put("arguments", plan.toolArguments());
				message.putNull("refusal");
				choice.putNull("logprobs");
				choice.put("finish_reason", "tool_calls");
			}
			else {
				message.put("content", plan.text());
				message.putNull("refusal");
				choice.putNull("logprobs");
				choice.put("finish_reason", plan.cutByMaxTokens() ? "length" : "stop");
			}
			root.set("usage", usage(plan));
			io.json(200, this.mapper.writeValueAsString(root));
			return;
		}
		boolean includeUsage = request.json().path("stream_options").path("include_usage").asBoolean(false);
		io.startSse();
		if (streamErrorIfDue(io, plan, 0)) {
			return;
		}
		ObjectNode first = chunk(id, created, request.model(), includeUsage);
		ObjectNode firstDelta = ((ObjectNode) first.get("choices").get(0)).putObject("delta");
		firstDelta.put("role", "assistant");
		int sent = 0;
		if (plan.kind() == SimulatedModel.Plan.Kind.TOOL) {
			firstDelta.putNull("content");
			ObjectNode call = firstDelta.putArray("tool_calls").addObject();
			call.put("index", 0);
			call.put("id", this.ids.next("call_sim"));
			call.put("type", "function");
			call.putObject("function").put("name", plan.toolName()).put("arguments", "");
			io.event(null, this.mapper.writeValueAsString(first));
			for (String piece : halves(plan.toolArguments())) {
				cutIfDue(plan, sent);
				if (streamErrorIfDue(io, plan, sent)) {
					return;
				}
				ObjectNode c = chunk(id, created, request.model(), includeUsage);
				ArrayNode calls = ((ObjectNode) c.get("choices").get(0)).putObject("delta").putArray("tool_calls");
				ObjectNode d = calls.addObject();
				d.put("index", 0);
				d.putObject("function").put("arguments", piece);
				io.event(null, this.mapper.writeValueAsString(c));
				sent++;
				ExchangeIo.sleep(plan.chunkDelay());
			}
		}
		else {
			firstDelta.put("content", "");
			io.event(null, this.mapper.writeValueAsString(first));
			for (String piece : TokenEstimator.chunks(plan.text())) {
				cutIfDue(plan, sent);
				if (streamErrorIfDue(io, plan, sent)) {
					return;
				}
				ObjectNode c = chunk(id, created, request.model(), includeUsage);
				((ObjectNode) c.get("choices").get(0)).putObject("delta").put("content", piece);
				io.event(null, this.mapper.writeValueAsString(c));
				sent++;
				ExchangeIo.sleep(plan.chunkDelay());
			}
		}
		cutIfDue(plan, sent);
		if (streamErrorIfDue(io, plan, sent)) {
			return;
		}
		ObjectNode last = chunk(id, created, request.model(), includeUsage);
		ObjectNode lastChoice = (ObjectNode) last.get("choices").get(0);
		lastChoice.putObject("delta");
		lastChoice.put("finish_reason", plan.kind() == SimulatedModel.Plan.Kind.TOOL ? "tool_calls"
				: plan.cutByMaxTokens() ? "length" : "stop");
		io.event(null, this.mapper.writeValueAsString(last));
		if (includeUsage) {
			ObjectNode u = base(id, created, request.model(), "chat.completion.chunk");
			u.putArray("choices");
			u.set("usage", usage(plan));
			io.event(null, this.mapper.writeValueAsString(u));
		}
		io.event(null, "[DONE]");
		io.endSse();
	}

	private static void cutIfDue(SimulatedModel.Plan plan, int sent) {
		if (plan.cutAfter() >= 0 && sent >= plan.cutAfter()) {
			// let the client read what was sent before the connection drops
			ExchangeIo.sleep(ExchangeIo.CUT_GRACE);
			throw ExchangeIo.abort("stream cut after " + sent + " chunks");
		}
	}

	private static List<String> halves(String s) {
		if (s.length() < 2) {
			return List.of(s);
		}
		return List.of(s.substring(0, s.length() / 2), s.substring(s.length() / 2));
	}

	private ObjectNode base(String id, long created, String model, String object) {
		ObjectNode root = this.mapper.createObjectNode();
		root.put("id", id);
		root.put("object", object);
		root.put("created", created);
		root.put("model", model);
		root.put("system_fingerprint", "fp_simulator");
		return root;
	}

	private ObjectNode chunk(String id, long created, String model, boolean includeUsage) {
		ObjectNode c = base(id, created, model, "chat.completion.chunk");
		ObjectNode choice = c.putArray("choices").addObject();
		choice.put("index", 0);
		choice.putNull("logprobs");
		choice.putNull("finish_reason");
		if (includeUsage) {
			c.putNull("usage");
		}
		return c;
	}

	private ObjectNode usage(SimulatedModel.Plan plan) {
		ObjectNode u = this.mapper.createObjectNode();
		u.put("prompt_tokens", plan.promptTokens());
		u.put("completion_tokens", plan.completionTokens());
		u.put("total_tokens", plan.promptTokens() + plan.completionTokens());
		return u;
	}

}
