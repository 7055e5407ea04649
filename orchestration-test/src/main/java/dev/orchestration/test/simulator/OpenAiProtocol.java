package dev.orchestration.test.simulator;

import java.io.IOException;
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
		ObjectNode root = this.mapper.createObjectNode();
		ObjectNode err = root.putObject("error");
		err.put("message", error.message(SimulatedApi.OPENAI));
		err.put("type", error.openAiType());
		err.putNull("param");
		if (error.openAiCode() != null) {
			err.put("code", error.openAiCode());
		}
		else {
			err.putNull("code");
		}
		String retryAfter = error.retryAfterHeader();
		if (retryAfter != null) {
			io.header("Retry-After", retryAfter);
		}
		io.header("x-request-id", this.ids.next("req_"));
		io.json(error.status(SimulatedApi.OPENAI), this.mapper.writeValueAsString(root));
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
				choice.put("finish_reason", "stop");
			}
			root.set("usage", usage(plan));
			io.json(200, this.mapper.writeValueAsString(root));
			return;
		}
		boolean includeUsage = request.json().path("stream_options").path("include_usage").asBoolean(false);
		io.startSse();
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
				ObjectNode c = chunk(id, created, request.model(), includeUsage);
				((ObjectNode) c.get("choices").get(0)).putObject("delta").put("content", piece);
				io.event(null, this.mapper.writeValueAsString(c));
				sent++;
				ExchangeIo.sleep(plan.chunkDelay());
			}
		}
		cutIfDue(plan, sent);
		ObjectNode last = chunk(id, created, request.model(), includeUsage);
		ObjectNode lastChoice = (ObjectNode) last.get("choices").get(0);
		lastChoice.putObject("delta");
		lastChoice.put("finish_reason", plan.kind() == SimulatedModel.Plan.Kind.TOOL ? "tool_calls" : "stop");
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
