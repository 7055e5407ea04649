package dev.orchestration.test.simulator;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Extracts message texts from OpenAI and Anthropic request bodies.
 */
final class MessageText {

	private MessageText() {
	}

	static String lastUserMessage(SimulatedApi api, JsonNode body) {
		List<JsonNode> messages = messages(body);
		for (int i = messages.size() - 1; i >= 0; i--) {
			JsonNode m = messages.get(i);
			if ("user".equals(m.path("role").asString(""))) {
				String text = contentText(m.path("content"), false);
				if (!text.isEmpty() || api == SimulatedApi.OPENAI) {
					return text;
				}
			}
		}
		return "";
	}

	static String systemPrompt(SimulatedApi api, JsonNode body) {
		if (api == SimulatedApi.ANTHROPIC) {
			return contentText(body.path("system"), false);
		}
		StringBuilder sb = new StringBuilder();
		for (JsonNode m : messages(body)) {
			String role = m.path("role").asString("");
			if ("system".equals(role) || "developer".equals(role)) {
				if (!sb.isEmpty()) {
					sb.append('\n');
				}
				sb.append(contentText(m.path("content"), false));
			}
		}
		return sb.toString();
	}

	static @Nullable String lastToolResult(SimulatedApi api, JsonNode body) {
		String last = null;
		for (JsonNode m : messages(body)) {
			if (api == SimulatedApi.OPENAI) {
				if ("tool".equals(m.path("role").asString(""))) {
					last = contentText(m.path("content"), false);
				}
			}
			else {
				JsonNode content = m.path("content");
				if (content.isArray()) {
					for (JsonNode block : content) {
						if ("tool_result".equals(block.path("type").asString(""))) {
							last = contentText(block.path("content"), false);
						}
					}
				}
			}
		}
		return last;
	}

	static List<String> toolNames(SimulatedApi api, JsonNode body) {
		List<String> names = new ArrayList<>();
		for (JsonNode tool : body.path("tools")) {
			String name = api == SimulatedApi.OPENAI ? tool.path("function").path("name").asString("")
					: tool.path("name").asString("");
			if (!name.isEmpty()) {
				names.add(name);
			}
		}
		return names;
	}

	static String inputText(SimulatedApi api, JsonNode body) {
		StringBuilder sb = new StringBuilder();
		if (api == SimulatedApi.ANTHROPIC) {
			sb.append(contentText(body.path("system"), true));
		}
		for (JsonNode m : messages(body)) {
			if (!sb.isEmpty()) {
				sb.append('\n');
			}
			sb.append(contentText(m.path("content"), true));
			for (JsonNode call : m.path("tool_calls")) {
				sb.append(call.path("function").path("name").asString(""))
					.append(call.path("function").path("arguments").asString(""));
			}
		}
		return sb.toString();
	}

	private static List<JsonNode> messages(JsonNode body) {
		List<JsonNode> list = new ArrayList<>();
		JsonNode messages = body.path("messages");
		if (messages.isArray()) {
			messages.forEach(list::add);
		}
		return list;
	}

	/**
	 * Text of a content field: a string, or an array of parts/blocks whose {@code text}
	 * fields are joined; with {@code all}, tool_use inputs and tool_result contents are
	 * included too.
	 */
	static String contentText(JsonNode content, boolean all) {
		if (content == null || content.isMissingNode() || content.isNull()) {
			return "";
		}
		if (content.isString()) {
			return content.asString();
		}
		if (content.isArray()) {
			StringBuilder sb = new StringBuilder();
			for (JsonNode part : content) {
				String type = part.path("type").asString("");
				String text = null;
				if (part.isString()) {
					text = part.asString();
				}
				else if ("text".equals(type) || ("".equals(type) && part.has("text"))) {
					text = part.path("text").asString("");
				}
				else if (all && "tool_result".equals(type)) {
					text = contentText(part.path("content"), true);
				}
				else if (all && "tool_use".equals(type)) {
					text = part.path("name").asString("") + part.path("input").toString();
				}
				if (text != null) {
					if (!sb.isEmpty()) {
						sb.append('\n');
					}
					sb.append(text);
				}
			}
			return sb.toString();
		}
		return content.toString();
	}

}
