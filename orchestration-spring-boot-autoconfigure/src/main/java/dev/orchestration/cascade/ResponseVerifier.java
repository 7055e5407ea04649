package dev.orchestration.cascade;

/**
 * Decides whether a tier's answer is good enough. Define a bean to add your own; refer to
 * it by {@link #name()} in {@code llm.cascade.*.verifiers}.
 */
public interface ResponseVerifier {

	/** The name used in configuration, for example {@code non-empty} or {@code judge}. */
	String name();

	Verdict verify(VerificationContext context);

	/**
	 * Whether this verifier calls a model (judge, agreement). Such verifiers are skipped
	 * for an answer that can no longer be escalated (end of the path, or the escalation
	 * limit reached): their verdict could not change what is served, only add to the
	 * cost.
	 */
	default boolean callsModel() {
		return false;
	}

}
