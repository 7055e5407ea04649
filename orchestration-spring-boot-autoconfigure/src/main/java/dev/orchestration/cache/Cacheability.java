package dev.orchestration.cache;

import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/**
 * Which answers may be stored: never errors, tool-call turns, empty answers, truncated
 * answers (finish reason length) or answers that failed verification.
 */
public final class Cacheability {

	/**
	 * Response metadata key a verifier sets to {@code true} when an answer failed
	 * verification.
	 */
	public static final String VERIFICATION_FAILED = "llm.verification.failed";

	private static final Set<String> TRUNCATED = Set.of("length", "max_tokens", "model_length");

	private Cacheability() {
	}

	/** Why the response must not be stored, or {@code null} when it may be. */
	public static @Nullable String rejection(@Nullable ChatResponse response) {
		if (response == null || response.getResult() == null) {
			return "no-answer";
		}
		if (response.hasToolCalls()) {
			return "tool-call";
		}
		Generation result = response.getResult();
		String text = result.getOutput().getText();
		if (text == null || text.isBlank()) {
			return "empty";
		}
		String finish = result.getMetadata().getFinishReason();
		if (finish != null && TRUNCATED.contains(finish.toLowerCase(Locale.ROOT))) {
			return "truncated";
		}
		if (Boolean.TRUE.equals(response.getMetadata().get(VERIFICATION_FAILED))) {
			return "failed-verification";
		}
		return null;
	}

}
