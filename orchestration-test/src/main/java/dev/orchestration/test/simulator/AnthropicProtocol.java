package dev.orchestration.test.simulator;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders Anthropic Messages responses, SSE events and error bodies.
 */
final class AnthropicProtocol implements ProviderProtocol {

	private final JsonMapper mapper;

	private final IdGenerator ids;

	AnthropicProtocol(JsonMapper mapper, IdGenerator ids) {
		this.mapper = mapper;
		this.ids = ids;
	}

	@Override
	public void error(ExchangeIo io, SimulatedError error) throws IOException {
		String requestId = this.ids.next("req_sim");
		String retryAfter = error.retryAfterHeader();
		if (retryAfter != null) {
			io.header("Retry-After", retryAfter);
		}
		error.headers(SimulatedApi.ANTHROPIC).forEach(io::header);
		if (error.rateLimitReset() != null) {
			resetHeaders(io, error.rateLimitReset());
		}
		io.header("request-id", requestId);
		io.json(error.status(SimulatedApi.ANTHROPIC), body(error, requestId));
	}

	/**
	 * The error body: verbatim when the shape has one, else {@code {"type": "error",
	 * "error": {...}}}.
	 */
	private String body(SimulatedError error, @Nullable String requestId) throws IOException {
		String raw = error.rawBody(SimulatedApi.ANTHROPIC);
		if (raw != null) {
			return raw;
		}
		ObjectNode root = this.mapper.createObjectNode();
		root.put("type", "error");
		ObjectNode err = root.putObject("error");
		err.put("type", error.anthropicType());
		err.put("message", error.message(SimulatedApi.ANTHROPIC));
		if (requestId != null) {
			root.put("request_id", requestId);
		}
		return this.mapper.writeValueAsString(root);
	}

	/**
	 * Anthropic's rate-limit headers (rate limits docs, "Response headers"): requests
	 * left; input and total tokens exhausted until an RFC 3339 time {@code reset} from
	 * now.
	 */
	private static void resetHeaders(ExchangeIo io, Duration reset) {
		Instant now = Instant.now();
		String soon = DateTimeFormatter.ISO_INSTANT.format(now.plusSeconds(1).truncatedTo(ChronoUnit.SECONDS));
		String later = DateTimeFormatter.ISO_INSTANT.format(now.plus(reset).truncatedTo(ChronoUnit.SECONDS));
		io.header("anthropic-ratelimit-requests-limit", "50");
		io.header("anthropic-ratelimit-requests-remaining", "49");
		io.header("anthropic-ratelimit-requests-reset", soon);
		io.header("anthropic-ratelimit-input-tokens-limit", "30000");
		io.header("anthropic-ratelimit-input-tokens-remaining", "0");
		io.header("anthropic-ratelimit-input-tokens-reset", later);
		io.header("anthropic-ratelimit-tokens-limit", "38000");
		io.header("anthropic-ratelimit-tokens-remaining", "0");
		io.header("anthropic-ratelimit-tokens-reset", later);
	}

	/**
	 * Sends the planned stream error once {@code sent} content chunks went out:
	 * {@code event: error} with the error body (Anthropic streaming docs, "Error
	 * events"), then the end of the stream.
	 */
	private boolean streamErrorIfDue(ExchangeIo io, SimulatedModel.Plan plan, int sent) throws IOException {
		SimulatedError error = plan.streamError();
		if (error == null || sent < error.streamAfter()) {
			return false;
		}
		io.event("error", body(error, null));
		io.endSse();
		return true;
	}

	@Override
	public void reply(ExchangeIo io, RecordedRequest request, SimulatedModel.Plan plan) throws IOException {
		String id = this.ids.next("msg_sim");
		io.header("request-id", this.ids.next("req_sim"));
		boolean tool = plan.kind() == SimulatedModel.Plan.Kind.TOOL;
		String stopReason = tool ? "tool_use" : plan.cutByMaxTokens() ? "max_tokens" : "end_turn";
		if (!request.stream()) {
			ObjectNode root = message(id, request.model());
			if (tool) {
				ObjectNode block = root.putArray("content").addObject();
				block.put("type", "tool_use");
				block.put("id", this.ids.next("toolu_sim"));
				block.put("name", plan.toolName());
				block.set("input", toolInput(plan.toolArguments()));
			}
			else {
				ObjectNode block = root.putArray("content").addObject();
				block.put("type", "text");
				block.put("text", plan.text());
			}
			root.put("stop_reason", stopReason);
			root.putNull("stop_sequence");
			root.set("usage", usage(plan.promptTokens(), plan.completionTokens()));
			io.json(200, this.mapper.writeValueAsString(root));
			return;
		}
		io.startSse();
		ObjectNode start = this.mapper.createObjectNode();
		start.put("type", "message_start");
		ObjectNode msg = message(id, request.model());
		msg.putArray("content");
		msg.putNull("stop_reason");
		msg.putNull("stop_sequence");
		msg.set("usage", usage(plan.promptTokens(), 1));
		start.set("message", msg);
		io.event("message_start", this.mapper.writeValueAsString(start));

		ObjectNode blockStart = this.mapper.createObjectNode();
		blockStart.put("type", "content_block_start");
		blockStart.put("index", 0);
		ObjectNode block = blockStart.putObject("content_block");
		List<String> pieces;
		String deltaType;
		String deltaField;
		if (tool) {
			block.put("type", "tool_use");
			block.put("id", this.ids.next("toolu_sim"));
			block.put("name", plan.toolName());
			block.putObject("input");
			String args = plan.toolArguments();
			pieces = args.length() < 2 ? List.of(args)
					: List.of(args.substring(0, args.length() / 2), args.substring(args.length() / 2));
			deltaType = "input_json_delta";
			deltaField = "partial_json";
		}
		else {
			block.put("type", "text");
			block.put("text", "");
			pieces = TokenEstimator.chunks(plan.text());
			deltaType = "text_delta";
			deltaField = "text";
		}
		io.event("content_block_start", this.mapper.writeValueAsString(blockStart));
		io.event("ping", "{\"type\": \"ping\"}");
		int sent = 0;
		for (String piece : pieces) {
			cutIfDue(plan, sent);
			if (streamErrorIfDue(io, plan, sent)) {
				return;
			}
			ObjectNode delta = this.mapper.createObjectNode();
			delta.put("type", "content_block_delta");
			delta.put("index", 0);
			delta.putObject("delta").put("type", deltaType).put(deltaField, piece);
			io.event("content_block_delta", this.mapper.writeValueAsString(delta));
			sent++;
			ExchangeIo.sleep(plan.chunkDelay());
		}
		cutIfDue(plan, sent);
		if (streamErrorIfDue(io, plan, sent)) {
			return;
		}
		io.event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
		ObjectNode messageDelta = this.mapper.createObjectNode();
		messageDelta.put("type", "message_delta");
		ObjectNode delta = messageDelta.putObject("delta");
		delta.put("stop_reason", stopReason);
		delta.putNull("stop_sequence");
		ObjectNode deltaUsage = messageDelta.putObject("usage");
		deltaUsage.put("input_tokens", plan.promptTokens());
		deltaUsage.put("cache_creation_input_tokens", 0);
		deltaUsage.put("cache_read_input_tokens", 0);
		deltaUsage.put("output_tokens", plan.completionTokens());
		io.event("message_delta", this.mapper.writeValueAsString(messageDelta));
		io.event("message_stop", "{\"type\":\"message_stop\"}");
		io.endSse();
	}

	private static void cutIfDue(SimulatedModel.Plan plan, int sent) {
		if (plan.cutAfter() >= 0 && sent >= plan.cutAfter()) {
			// let the client read what was sent before the connection drops
			ExchangeIo.sleep(ExchangeIo.CUT_GRACE);
			throw ExchangeIo.abort("stream cut after " + sent + " chunks");
		}
	}

	private JsonNode toolInput(String argumentsJson) {
		try {
			JsonNode node = this.mapper.readTree(argumentsJson);
			if (node.isObject()) {
				return node;
			}
		}
		catch (JacksonException ex) {
			// fall through
		}
		ObjectNode wrapped = this.mapper.createObjectNode();
		wrapped.put("value", argumentsJson);
		return wrapped;
	}

	private ObjectNode message(String id, String model) {
		ObjectNode root = this.mapper.createObjectNode();
		root.put("id", id);
		root.put("type", "message");
		root.put("role", "assistant");
		root.put("model", model);
		return root;
	}

	private ObjectNode usage(int input, int output) {
		ObjectNode u = this.mapper.createObjectNode();
		u.put("input_tokens", input);
		u.put("cache_creation_input_tokens", 0);
		u.put("cache_read_input_tokens", 0);
		u.put("output_tokens", output);
		u.put("service_tier", "standard");
		return u;
	}

}
