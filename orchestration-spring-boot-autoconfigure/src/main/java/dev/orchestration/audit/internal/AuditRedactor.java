package dev.orchestration.audit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Replaces matches of the configured patterns in free text before an audit record is
 * built: API keys, bearer tokens and e-mail addresses by default, and the user's own
 * regexes.
 */
public final class AuditRedactor {

	/**
	 * Secrets and addresses redacted unless {@code llm.audit.redaction.defaults=false}.
	 */
	public static final List<String> DEFAULT_PATTERNS = List.of(
			// OpenAI / Anthropic / most providers: sk-..., sk-ant-..., sk-proj-...,
			// pk-..., rk-...
			"\\b(?:sk|pk|rk)-[A-Za-z0-9_\\-]{16,}",
			// AWS access key ids
			"\\bAKIA[0-9A-Z]{16}\\b",
			// Google API keys
			"\\bAIza[0-9A-Za-z_\\-]{35}\\b",
			// bearer tokens in pasted headers
			"(?i)\\bbearer\\s+[A-Za-z0-9._~+/\\-]{16,}=*",
			// key=value / key: value secrets
			"(?i)\\b(?:api[_-]?key|secret|token|password)\\b\\s*[:=]\\s*['\"]?[^\\s'\",;]{6,}",
			// e-mail addresses
			"[A-Za-z0-9._%+\\-]+@[A-Za-z0-9.\\-]+\\.[A-Za-z]{2,}");

	private final List<Pattern> patterns;

	private final String replacement;

	public AuditRedactor(List<String> patterns, String replacement) {
		List<Pattern> compiled = new ArrayList<>(patterns.size());
		patterns.forEach((p) -> compiled.add(Pattern.compile(p)));
		this.patterns = List.copyOf(compiled);
		this.replacement = Matcher.quoteReplacement(replacement);
	}

	/** The default patterns followed by the user's. */
	public static AuditRedactor of(boolean defaults, List<String> userPatterns, String replacement) {
		List<String> all = new ArrayList<>();
		if (defaults) {
			all.addAll(DEFAULT_PATTERNS);
		}
		all.addAll(userPatterns);
		return new AuditRedactor(all, replacement);
	}

	public @Nullable String redact(@Nullable String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		String result = text;
		for (Pattern pattern : this.patterns) {
			result = pattern.matcher(result).replaceAll(this.replacement);
		}
		return result;
	}

}
