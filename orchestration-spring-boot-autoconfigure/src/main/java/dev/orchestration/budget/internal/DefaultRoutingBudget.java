package dev.orchestration.budget.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.orchestration.budget.BudgetExceededException;
import dev.orchestration.budget.BudgetPeriod;
import dev.orchestration.budget.BudgetPolicy;
import dev.orchestration.budget.BudgetScope;
import dev.orchestration.budget.BudgetStore;
import dev.orchestration.budget.BudgetThresholdEvent;
import dev.orchestration.cost.CostCalculator;
import dev.orchestration.receipt.Attempt;
import dev.orchestration.receipt.AttemptOutcome;
import dev.orchestration.receipt.Route;
import dev.orchestration.receipt.RoutingReceipt;
import dev.orchestration.routing.BudgetReservation;
import dev.orchestration.routing.RouteRequest;
import dev.orchestration.routing.RoutingBudget;
import dev.orchestration.routing.Tier;
import dev.orchestration.routing.TierMember;
import dev.orchestration.routing.Tiers;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The budget behind the router.
 * <ul>
 * <li>Before each member call the call's worst case is estimated: the member's price
 * applied to the request's estimated input tokens and the call's max output tokens (the
 * prompt's {@code maxTokens}, else the member's, else the chat model's default, else
 * {@code default-max-output-tokens}). A call whose estimate plus what the request has
 * already spent exceeds {@code per-request-max} is refused with a
 * {@link BudgetExceededException}.</li>
 * <li>Where a daily or monthly cap applies, the request reserves its spend so far plus
 * the call's estimate in the store before the call, atomically against every cap (all or
 * nothing). When the reservation would pass a cap the call is refused. When the request
 * ends, the reservation is replaced by the receipt's cost. Concurrent requests, in this
 * instance or in others sharing a Redis store, therefore never pass a cap together as
 * long as calls cost no more than their estimates.</li>
 * <li>At admission, with policy {@code reject} a request is refused when a cap is already
 * used up; with policy {@code downgrade} a request for a pricier tier goes to the
 * cheapest tier when its estimate (with the default max output tokens) no longer fits
 * under a cap. Calls of the cheapest tier are not refused by caps in that mode, so the
 * cheapest tier keeps serving past a cap.</li>
 * </ul>
 * Requests without a tenant count only globally. Each request holds one
 * {@link BudgetReservation}; the router settles it exactly once with the receipt's cost,
 * whether the request was answered, failed, refused (for example on failing over to a
 * pricier member: what it already spent is charged) or cancelled, so no reservation
 * outlives its request.
 */
public class DefaultRoutingBudget implements RoutingBudget {

	private static final Log logger = LogFactory.getLog(DefaultRoutingBudget.class);

	/**
	 * Counters live this long past the end of their period (clock skew between
	 * instances).
	 */
	public static final Duration EXPIRY_GRACE = Duration.ofHours(1);

	private static final double EPSILON = 1e-12;

	private final Tiers tiers;

	private final BudgetPolicy policy;

	private final BudgetStore store;

	private final CostCalculator calculator;

	private final BudgetMetrics metrics;

	private final @Nullable ApplicationEventPublisher events;

	private final Clock clock;

	private final int trackedTenants;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final ObservedOutputSizes outputSizes = new ObservedOutputSizes();

	private final Map<String, Instant> alertsSeen = new ConcurrentHashMap<>();

	private final LinkedHashMap<String, Boolean> recentTenants = new LinkedHashMap<>(16, 0.75f, true);

	public DefaultRoutingBudget(Tiers tiers, BudgetPolicy policy, BudgetStore store, CostCalculator calculator,
			BudgetMetrics metrics, @Nullable ApplicationEventPublisher events, Clock clock, int trackedTenants) {
		if (tiers.all().isEmpty()) {
			throw new IllegalArgumentException("A budget needs at least one tier");
		}
		this.tiers = tiers;
		this.policy = policy;
		this.store = store;
		this.calculator = calculator;
		this.metrics = metrics;
		this.events = events;
		this.clock = clock;
		this.trackedTenants = trackedTenants;
	}

	@Override
	public BudgetReservation reserve(RouteRequest request, Route route) {
		remember(request.tenant());
		List<Scope> scopes = scopes(request.tenant(), this.clock.instant());
		return new Reservation(request, admit(request, route, scopes), scopes);
	}

	private Route admit(RouteRequest request, Route route, List<Scope> scopes) {
		List<Scope> limited = scopes.stream().filter((scope) -> scope.counter().limited()).toList();
		if (limited.isEmpty()) {
			return route;
		}
		List<Double> totals = this.store.totals(limited.stream().map((scope) -> scope.counter().key()).toList());
		if (this.policy.onLimit() == BudgetPolicy.OnLimit.REJECT) {
			for (int i = 0; i < limited.size(); i++) {
				Scope scope = limited.get(i);
				if (totals.get(i) >= scope.counter().limit() - EPSILON) {
					this.metrics.rejected(scope.limit().id(), scope.scope());
					alertAll(scope, totals.get(i));
					throw new BudgetExceededException(scope.limit(), scope.scope(), scope.tenant(), totals.get(i), 0,
							scope.counter().limit());
				}
			}
			return route;
		}
		String cheapest = cheapestTier();
		if (route.tier().equals(cheapest)) {
			return route;
		}
		TierMember first = firstMember(route.tier());
		double estimate = (first != null)
				? estimate(request.estimatedInputTokens(), this.policy.defaultMaxOutputTokens(), first) : 0;
		for (int i = 0; i < limited.size(); i++) {
			Scope scope = limited.get(i);
			double limit = scope.counter().limit();
			if (totals.get(i) + estimate > limit + EPSILON) {
				this.metrics.downgraded(route.tier(), cheapest, scope.limit().id());
				if (totals.get(i) >= limit - EPSILON) {
					alertAll(scope, totals.get(i));
				}
				return new Route(cheapest, route.layer(),
						route.reason() + "; budget downgrade from " + route.tier() + " to " + cheapest + " ("
								+ scope.describe()
								+ String.format(Locale.ROOT, " %.6f of %.6f USD", totals.get(i), limit) + ")");
			}
		}
		return route;
	}

	/** The policy in force. */
	public BudgetPolicy getPolicy() {
		return this.policy;
	}

	public BudgetStore getStore() {
		return this.store;
	}

	/** Requests holding a reservation right now (in this instance). */
	public int inFlight() {
		return this.inFlight.get();
	}

	/** Tenants seen recently by this instance, most recent last (bounded). */
	public List<String> recentTenants() {
		synchronized (this.recentTenants) {
			return new ArrayList<>(this.recentTenants.keySet());
		}
	}

	/**
	 * The counters of a scope (global when the tenant is null) in the period containing
	 * the given instant.
	 */
	public List<Scope> scopes(@Nullable String tenant, Instant now) {
		ZonedDateTime time = now.atZone(this.policy.zone());
		List<Scope> scopes = new ArrayList<>(4);
		for (BudgetPeriod period : BudgetPeriod.values()) {
			scopes.add(scope(BudgetScope.GLOBAL, null, period, time, this.policy.global().of(period)));
		}
		if (tenant != null) {
			BudgetPolicy.Limits limits = this.policy.limitsOf(tenant);
			for (BudgetPeriod period : BudgetPeriod.values()) {
				scopes.add(scope(BudgetScope.TENANT, tenant, period, time, limits.of(period)));
			}
		}
		return scopes;
	}

	/**
	 * The logical store key of a counter, for example {@code tenant:acme:month:2026-11}.
	 */
	public static String key(BudgetScope scope, @Nullable String tenant, BudgetPeriod period, String periodId) {
		String owner = (scope == BudgetScope.GLOBAL) ? "global" : "tenant:" + tenant;
		return owner + ":" + period.id() + ":" + periodId;
	}

	private Scope scope(BudgetScope scope, @Nullable String tenant, BudgetPeriod period, ZonedDateTime time,
			@Nullable Double limit) {
		String periodId = period.periodId(time);
		return new Scope(scope, tenant, period, periodId, new BudgetStore.Counter(key(scope, tenant, period, periodId),
				(limit != null) ? limit : Double.POSITIVE_INFINITY, period.end(time).plus(EXPIRY_GRACE)));
	}

	private void checkThresholds(List<Scope> scopes, List<Double> totals) {
		for (int i = 0; i < scopes.size(); i++) {
			Scope scope = scopes.get(i);
			if (!scope.counter().limited()) {
				continue;
			}
			double limit = scope.counter().limit();
			double total = totals.get(i);
			double fraction = (limit > 0) ? total / limit : ((total > 0) ? Double.POSITIVE_INFINITY : 0);
			for (double threshold : this.policy.alertThresholds()) {
				if (fraction + 1e-9 >= threshold) {
					alert(scope, threshold, total);
				}
			}
		}
	}

	private void alertAll(Scope scope, double total) {
		for (double threshold : this.policy.alertThresholds()) {
			alert(scope, threshold, total);
		}
	}

	private void alert(Scope scope, double threshold, double total) {
		String marker = "alert:" + scope.counter().key() + ":" + threshold;
		if (this.alertsSeen.containsKey(marker)) {
			return;
		}
		boolean first = this.store.markOnce(marker, scope.counter().expireAt());
		this.alertsSeen.put(marker, scope.counter().expireAt());
		if (this.alertsSeen.size() > 10_000) {
			Instant now = this.clock.instant();
			this.alertsSeen.values().removeIf((expiry) -> !now.isBefore(expiry));
		}
		if (first && this.events != null) {
			BudgetThresholdEvent event = new BudgetThresholdEvent(this, scope.scope(), scope.tenant(), scope.period(),
					scope.periodId(), threshold, total, scope.counter().limit());
			try {
				this.events.publishEvent(event);
			}
			catch (RuntimeException ex) {
				logger.warn("A listener of " + event + " failed", ex);
			}
		}
	}

	private double estimate(long inputTokens, long outputTokens, TierMember member) {
		return this.calculator.cost(inputTokens, outputTokens, member.price());
	}

	/**
	 * The call's output tokens to reserve: the prompt's max tokens, else the member's;
	 * else what the member was seen to write (a conservative quantile of its recent
	 * answers, at most the chat model's max tokens); else the chat model's max tokens;
	 * else the default.
	 */
	int maxOutputTokens(Prompt prompt, TierMember member) {
		Integer max = maxTokens(prompt.getOptions());
		if (max == null) {
			max = maxTokens(member.options());
		}
		if (max != null) {
			return max;
		}
		Integer modelMax;
		try {
			modelMax = maxTokens(member.chatModel().getOptions());
		}
		catch (RuntimeException ex) {
			modelMax = null;
		}
		Integer observed = this.outputSizes.estimate(member.id());
		if (observed != null) {
			return (modelMax != null) ? Math.min(observed, modelMax) : observed;
		}
		return (modelMax != null) ? modelMax : this.policy.defaultMaxOutputTokens();
	}

	private static @Nullable Integer maxTokens(@Nullable ChatOptions options) {
		Integer max = (options != null) ? options.getMaxTokens() : null;
		return (max != null && max > 0) ? max : null;
	}

	private String cheapestTier() {
		return this.tiers.all().get(0).name();
	}

	private @Nullable TierMember firstMember(String tierName) {
		Tier tier = this.tiers.get(tierName);
		return (tier != null && !tier.members().isEmpty()) ? tier.members().get(0) : null;
	}

	private void remember(@Nullable String tenant) {
		if (tenant == null || this.trackedTenants <= 0) {
			return;
		}
		synchronized (this.recentTenants) {
			this.recentTenants.put(tenant, Boolean.TRUE);
			if (this.recentTenants.size() > this.trackedTenants) {
				this.recentTenants.remove(this.recentTenants.keySet().iterator().next());
			}
		}
	}

	private static List<BudgetStore.Counter> counters(List<Scope> scopes) {
		return scopes.stream().map(Scope::counter).toList();
	}

	/**
	 * One counter of a request: whose, which period, the store counter with its limit.
	 */
	public record Scope(BudgetScope scope, @Nullable String tenant, BudgetPeriod period, String periodId,
			BudgetStore.Counter counter) {

		BudgetExceededException.Limit limit() {
			return (this.period == BudgetPeriod.DAY) ? BudgetExceededException.Limit.DAILY
					: BudgetExceededException.Limit.MONTHLY;
		}

		String describe() {
			return ((this.scope == BudgetScope.TENANT) ? "tenant '" + this.tenant + "'" : "global") + " " + limit().id()
					+ " cap";
		}

	}

	/**
	 * What one request holds in the store while it runs: the counters of its scopes and
	 * how much it reserved. Only the request's own thread of control touches it (one
	 * attempt at a time), and the router settles it once.
	 */
	private final class Reservation implements BudgetReservation {

		private final RouteRequest request;

		private final Route route;

		private final List<Scope> scopes;

		private final boolean limited;

		private double reserved;

		private boolean settled;

		Reservation(RouteRequest request, Route route, List<Scope> scopes) {
			this.request = request;
			this.route = route;
			this.scopes = scopes;
			this.limited = scopes.stream().anyMatch((scope) -> scope.counter().limited());
			DefaultRoutingBudget.this.inFlight.incrementAndGet();
		}

		@Override
		public Route route() {
			return this.route;
		}

		@Override
		public synchronized void beforeCall(TierMember member, Prompt prompt, double spentSoFar) {
			double estimate = estimate(this.request.estimatedInputTokens(), maxOutputTokens(prompt, member), member);
			Double perRequestMax = DefaultRoutingBudget.this.policy.perRequestMax();
			if (perRequestMax != null && spentSoFar + estimate > perRequestMax + EPSILON) {
				DefaultRoutingBudget.this.metrics.rejected(BudgetExceededException.Limit.PER_REQUEST.id(),
						BudgetScope.GLOBAL);
				throw new BudgetExceededException(BudgetExceededException.Limit.PER_REQUEST, BudgetScope.GLOBAL,
						this.request.tenant(), spentSoFar, estimate, perRequestMax);
			}
			if (!this.limited) {
				return;
			}
			double target = spentSoFar + estimate;
			double delta = target - this.reserved;
			boolean enforce = DefaultRoutingBudget.this.policy.onLimit() == BudgetPolicy.OnLimit.REJECT
					|| !member.tier().equals(cheapestTier());
			BudgetStore store = DefaultRoutingBudget.this.store;
			if (delta > 0 && enforce) {
				BudgetStore.Reservation reservation = store.tryAdd(counters(this.scopes), delta);
				if (!reservation.accepted()) {
					Scope scope = this.scopes.get(reservation.refusedIndex());
					double total = reservation.totals().get(0);
					DefaultRoutingBudget.this.metrics.rejected(scope.limit().id(), scope.scope());
					alertAll(scope, total);
					throw new BudgetExceededException(scope.limit(), scope.scope(), scope.tenant(), total, estimate,
							scope.counter().limit());
				}
				checkThresholds(this.scopes, reservation.totals());
			}
			else if (delta != 0) {
				checkThresholds(this.scopes, store.addAll(counters(this.scopes), delta));
			}
			this.reserved = target;
		}

		@Override
		public synchronized void settle(RoutingReceipt receipt) {
			if (this.settled) {
				return;
			}
			this.settled = true;
			DefaultRoutingBudget.this.inFlight.decrementAndGet();
			for (Attempt attempt : receipt.attempts()) {
				if (attempt.outcome() == AttemptOutcome.SUCCESS) {
					DefaultRoutingBudget.this.outputSizes.record(attempt.member(), attempt.completionTokens());
				}
			}
			double actual = receipt.cost();
			DefaultRoutingBudget.this.metrics.spent(actual, this.request.tenant());
			if (actual == this.reserved) {
				return;
			}
			List<Double> totals = DefaultRoutingBudget.this.store.addAll(counters(this.scopes), actual - this.reserved);
			checkThresholds(this.scopes, totals);
		}

	}

}
