package dev.orchestration.budget;

import java.util.Locale;

import dev.orchestration.routing.RequestRefusedException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a request (or one call of it) would exceed a budget: the per-request
 * ceiling, or a daily or monthly cap of the application or of a tenant. Callers can catch
 * it around {@code RoutingChatClient} calls; nothing was sent to a provider for the
 * refused call.
 */
public class BudgetExceededException extends RequestRefusedException {

	/** Which kind of limit refused the request. */
	public enum Limit {

		/**
		 * {@code llm.budget.per-request-max}: what one request may cost over all its
		 * calls.
		 */
		PER_REQUEST,

		/** A daily cap. */
		DAILY,

		/** A monthly cap. */
		MONTHLY;

		/**
		 * Lower-case id used in meters ({@code per-request}, {@code daily},
		 * {@code monthly}).
		 */
		public String id() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

	private final Limit limit;

	private final BudgetScope scope;

	private final @Nullable String tenant;

	private final double spentUsd;

	private final double estimatedCallUsd;

	private final double limitUsd;

	public BudgetExceededException(Limit limit, BudgetScope scope, @Nullable String tenant, double spentUsd,
			double estimatedCallUsd, double limitUsd) {
		super(message(limit, scope, tenant, spentUsd, estimatedCallUsd, limitUsd));
		this.limit = limit;
		this.scope = scope;
		this.tenant = tenant;
		this.spentUsd = spentUsd;
		this.estimatedCallUsd = estimatedCallUsd;
		this.limitUsd = limitUsd;
	}

	private static String message(Limit limit, BudgetScope scope, @Nullable String tenant, double spent,
			double estimate, double max) {
		String whose = (limit == Limit.PER_REQUEST) ? "per-request"
				: ((scope == BudgetScope.TENANT) ? "tenant '" + tenant + "' " : "global ") + limit.id();
		String spentWhat = (limit == Limit.PER_REQUEST) ? "this request has spent" : "spent (with calls in flight)";
		return String.format(Locale.ROOT,
				"LLM budget exceeded: %s limit %.6f USD; %s %.6f USD and the next call is estimated at %.6f USD%s",
				whose, max, spentWhat, spent, estimate,
				(tenant != null && limit == Limit.PER_REQUEST) ? " (tenant '" + tenant + "')" : "");
	}

	/** Which limit refused the request. */
	public Limit getLimit() {
		return this.limit;
	}

	/** Whose limit it is ({@link BudgetScope#GLOBAL} for the per-request ceiling). */
	public BudgetScope getScope() {
		return this.scope;
	}

	/** The tenant of the request, or {@code null} when it had none. */
	public @Nullable String getTenant() {
		return this.tenant;
	}

	/** What was spent against the limit when the call was refused, in USD. */
	public double getSpentUsd() {
		return this.spentUsd;
	}

	/** The estimated cost of the refused call, in USD (0 when refused at admission). */
	public double getEstimatedCallUsd() {
		return this.estimatedCallUsd;
	}

	/** The limit, in USD. */
	public double getLimitUsd() {
		return this.limitUsd;
	}

}
