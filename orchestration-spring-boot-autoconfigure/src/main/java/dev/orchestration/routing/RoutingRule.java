package dev.orchestration.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A routing rule: when every condition that is set holds, the request goes to the rule's
 * tier.
 *
 * @param index position in {@code llm.routing.rules}
 * @param tier the tier to route to
 * @param maxInputTokens matches when the estimated input tokens are at most this
 * @param minInputTokens matches when the estimated input tokens are at least this
 * @param containsCode matches when the presence of code equals this
 * @param pattern matches when this regex is found in the last user message
 * @param task matches when the caller's task hint equals this (case-insensitive)
 * @param metadata matches when the caller's metadata contains every entry
 */
public record RoutingRule(int index, String tier, @Nullable Integer maxInputTokens, @Nullable Integer minInputTokens,
		@Nullable Boolean containsCode, @Nullable Pattern pattern, @Nullable String task,
		Map<String, String> metadata) {

	public RoutingRule {
		metadata = Map.copyOf(metadata);
	}

	public boolean matches(RouteRequest request) {
		return (this.maxInputTokens == null || request.estimatedInputTokens() <= this.maxInputTokens)
				&& (this.minInputTokens == null || request.estimatedInputTokens() >= this.minInputTokens)
				&& (this.containsCode == null || request.containsCode() == this.containsCode)
				&& (this.task == null || this.task.equalsIgnoreCase(request.task())) && metadataMatches(request)
				&& (this.pattern == null || this.pattern.matcher(request.lastUserMessage()).find());
	}

	/**
	 * Every metadata entry of the rule is in the request (the regular expression, the
	 * dearest condition, is evaluated last).
	 */
	private boolean metadataMatches(RouteRequest request) {
		if (this.metadata.isEmpty()) {
			return true;
		}
		for (Map.Entry<String, String> entry : this.metadata.entrySet()) {
			if (!entry.getValue().equals(request.metadata().get(entry.getKey()))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * A readable form, for receipts and the endpoint:
	 * {@code rule[0] max-input-tokens<=128 -> small}.
	 */
	public String describe() {
		List<String> conditions = new ArrayList<>();
		if (this.maxInputTokens != null) {
			conditions.add("max-input-tokens<=" + this.maxInputTokens);
		}
		if (this.minInputTokens != null) {
			conditions.add("min-input-tokens>=" + this.minInputTokens);
		}
		if (this.containsCode != null) {
			conditions.add("contains-code=" + this.containsCode);
		}
		if (this.pattern != null) {
			conditions.add("pattern=/" + this.pattern.pattern() + "/");
		}
		if (this.task != null) {
			conditions.add("task=" + this.task);
		}
		this.metadata.forEach((key, value) -> conditions.add("metadata." + key + "=" + value));
		return "rule[" + this.index + "] " + String.join(" ", conditions) + " -> " + this.tier;
	}

}
