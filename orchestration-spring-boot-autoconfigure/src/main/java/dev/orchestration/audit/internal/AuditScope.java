package dev.orchestration.audit.internal;

import java.util.ArrayList;
import java.util.List;

import dev.orchestration.routing.RoutingDecision;
import org.jspecify.annotations.Nullable;

/**
 * The routing decisions of one client request, collected on the request's thread while
 * the client's advisors run (tool turns, cascade steps and the judge's calls each publish
 * one), so that the request gets one record.
 */
final class AuditScope {

	private static final ThreadLocal<@Nullable AuditScope> CURRENT = new ThreadLocal<>();

	private final List<RoutingDecision> decisions = new ArrayList<>();

	private final @Nullable AuditScope outer;

	private AuditScope(@Nullable AuditScope outer) {
		this.outer = outer;
	}

	static AuditScope open() {
		AuditScope scope = new AuditScope(CURRENT.get());
		CURRENT.set(scope);
		return scope;
	}

	/** The scope of the client request running on this thread, if any. */
	static @Nullable AuditScope current() {
		return CURRENT.get();
	}

	void add(RoutingDecision decision) {
		this.decisions.add(decision);
	}

	List<RoutingDecision> decisions() {
		return List.copyOf(this.decisions);
	}

	void close() {
		if (this.outer != null) {
			CURRENT.set(this.outer);
		}
		else {
			CURRENT.remove();
		}
	}

}
