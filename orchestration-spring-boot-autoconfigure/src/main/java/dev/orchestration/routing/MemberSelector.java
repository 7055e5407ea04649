package dev.orchestration.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.prompt.ChatOptions;

/**
 * Chooses the member of a tier that gets the first attempt: by weight among the tier's
 * regular members, and a canary's live share before them. The failover order after the
 * chosen member is the configured order (a canary is tried only when it was chosen).
 * Every order is computed once when the configuration is built; per request the choice is
 * a hash of the sticky key (or a random number) and a scan of a few integers.
 */
public final class MemberSelector {

	/** No weights and no canaries: every tier in its configured order. */
	public static final MemberSelector CONFIGURED_ORDER = new MemberSelector(Map.of(), StickyAssignment.NONE);

	private final Map<String, TierSelection> tiers;

	private final StickyAssignment stickiness;

	private MemberSelector(Map<String, TierSelection> tiers, StickyAssignment stickiness) {
		this.tiers = tiers;
		this.stickiness = stickiness;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** Whether any tier has weights or a canary (otherwise no key is computed). */
	boolean active() {
		return !this.tiers.isEmpty();
	}

	public StickyAssignment stickiness() {
		return this.stickiness;
	}

	/** The members of a tier in the order one request tries them. */
	public List<TierMember> order(Tier tier, long key) {
		TierSelection selection = this.tiers.get(tier.name());
		return (selection != null) ? selection.order(key) : tier.members();
	}

	/**
	 * The share of first attempts a member gets now, in basis points; for display and
	 * tests.
	 */
	public int expectedShare(TierMember member) {
		TierSelection selection = this.tiers.get(member.tier());
		return (selection != null) ? selection.share(member.id()) : -1;
	}

	/** The canary share of a member, or {@code null} when the member is no canary. */
	public @Nullable CanaryShare canary(String memberId) {
		for (TierSelection selection : this.tiers.values()) {
			if (selection.canaryIndex >= 0 && selection.members.get(selection.canaryIndex).id().equals(memberId)) {
				return selection.canary;
			}
		}
		return null;
	}

	/** The key of a request: a hash of its sticky value, else a random number. */
	long key(@Nullable ChatOptions options, @Nullable String tenant) {
		String sticky = switch (this.stickiness) {
			case CONVERSATION -> {
				String conversation = (options instanceof RoutingChatOptions routing) ? routing.getConversationId()
						: null;
				yield (conversation != null) ? conversation : tenant;
			}
			case TENANT -> tenant;
			case NONE -> null;
		};
		return (sticky != null) ? mix(sticky.hashCode()) : ThreadLocalRandom.current().nextLong();
	}

	/** Spreads a 32-bit hash over 64 bits (the finaliser of MurmurHash3). */
	static long mix(long value) {
		long h = value * 0x9E3779B97F4A7C15L;
		h ^= (h >>> 33);
		h *= 0xff51afd7ed558ccdL;
		h ^= (h >>> 33);
		h *= 0xc4ceb9fe1a85ec53L;
		h ^= (h >>> 33);
		return h;
	}

	/** Builder of a {@link MemberSelector}. */
	public static final class Builder {

		private final Map<String, Double> weights = new HashMap<>();

		private final Map<String, CanaryShare> canaries = new HashMap<>();

		private StickyAssignment stickiness = StickyAssignment.CONVERSATION;

		private Builder() {
		}

		/**
		 * The weight of a regular member (relative to the other weights of its tier; 0 =
		 * failover only).
		 */
		public Builder weight(String memberId, double weight) {
			if (!(weight >= 0) || Double.isInfinite(weight)) {
				throw new IllegalArgumentException("The weight of " + memberId + " must be 0 or more, not " + weight);
			}
			this.weights.put(memberId, weight);
			return this;
		}

		/**
		 * Makes a member a canary whose share of first attempts is read from
		 * {@code share} on every request.
		 */
		public Builder canary(String memberId, CanaryShare share) {
			this.canaries.put(memberId, share);
			return this;
		}

		public Builder stickiness(StickyAssignment stickiness) {
			this.stickiness = stickiness;
			return this;
		}

		/**
		 * The selector of these tiers.
		 * @throws IllegalArgumentException when a tier has two canaries, only a canary,
		 * or weights that sum to 0
		 */
		public MemberSelector build(Tiers tiers) {
			Map<String, TierSelection> selections = new LinkedHashMap<>();
			for (Tier tier : tiers.all()) {
				boolean weighted = tier.members().stream().anyMatch((m) -> this.weights.containsKey(m.id()));
				boolean canary = tier.members().stream().anyMatch((m) -> this.canaries.containsKey(m.id()));
				if (weighted || canary) {
					selections.put(tier.name(), new TierSelection(tier, this.weights, this.canaries));
				}
			}
			return new MemberSelector(Map.copyOf(selections), this.stickiness);
		}

	}

	/** The precomputed orders of one tier. */
	private static final class TierSelection {

		private final List<TierMember> members;

		/** Per member index: the order when that member is chosen first. */
		private final List<List<TierMember>> orders;

		/**
		 * Indexes of the regular members that get first attempts, and their cumulative
		 * shares in basis points.
		 */
		private final int[] candidates;

		private final int[] cumulative;

		private final int canaryIndex;

		private final @Nullable CanaryShare canary;

		TierSelection(Tier tier, Map<String, Double> weights, Map<String, CanaryShare> canaries) {
			this.members = tier.members();
			int canaryAt = -1;
			for (int i = 0; i < this.members.size(); i++) {
				if (canaries.containsKey(this.members.get(i).id())) {
					if (canaryAt >= 0) {
						throw new IllegalArgumentException("Tier '" + tier.name() + "' has two canaries: "
								+ this.members.get(canaryAt).id() + " and " + this.members.get(i).id());
					}
					canaryAt = i;
				}
			}
			if (canaryAt >= 0 && this.members.size() == 1) {
				throw new IllegalArgumentException("Tier '" + tier.name() + "' has only a canary ("
						+ this.members.get(canaryAt).id() + "): a canary needs a regular member beside it");
			}
			this.canaryIndex = canaryAt;
			this.canary = (canaryAt >= 0) ? canaries.get(this.members.get(canaryAt).id()) : null;
			this.orders = new ArrayList<>();
			for (int i = 0; i < this.members.size(); i++) {
				this.orders.add(orderFrom(i));
			}
			List<Integer> regular = new ArrayList<>();
			double sum = 0;
			boolean weighted = false;
			for (int i = 0; i < this.members.size(); i++) {
				if (i != canaryAt) {
					Double weight = weights.get(this.members.get(i).id());
					weighted = weighted || weight != null;
					regular.add(i);
					sum += (weight != null) ? weight : 0;
				}
			}
			if (!weighted) {
				this.candidates = new int[] { regular.get(0) };
				this.cumulative = new int[] { CanaryShare.FULL };
				return;
			}
			if (sum <= 0) {
				throw new IllegalArgumentException("The weights of tier '" + tier.name()
						+ "' sum to 0: give at least one member a weight above 0");
			}
			this.candidates = new int[regular.size()];
			this.cumulative = new int[regular.size()];
			double running = 0;
			for (int i = 0; i < regular.size(); i++) {
				Double weight = weights.get(this.members.get(regular.get(i)).id());
				running += (weight != null) ? weight : 0;
				this.candidates[i] = regular.get(i);
				this.cumulative[i] = (i == regular.size() - 1) ? CanaryShare.FULL
						: (int) Math.round(CanaryShare.FULL * running / sum);
			}
		}

		/**
		 * The chosen member first, then the configured order; a canary only when it is
		 * the one chosen.
		 */
		private List<TierMember> orderFrom(int first) {
			List<TierMember> order = new ArrayList<>(this.members.size());
			order.add(this.members.get(first));
			for (int i = 0; i < this.members.size(); i++) {
				if (i != first && i != this.canaryIndex) {
					order.add(this.members.get(i));
				}
			}
			return List.copyOf(order);
		}

		List<TierMember> order(long key) {
			if (this.canary != null && (int) ((key & 0xFFFFFFFFL) % CanaryShare.FULL) < this.canary.basisPoints()) {
				return this.orders.get(this.canaryIndex);
			}
			int point = (int) ((key >>> 32) % CanaryShare.FULL);
			for (int i = 0; i < this.cumulative.length - 1; i++) {
				if (point < this.cumulative[i]) {
					return this.orders.get(this.candidates[i]);
				}
			}
			return this.orders.get(this.candidates[this.candidates.length - 1]);
		}

		int share(String memberId) {
			int canaryShare = (this.canary != null) ? this.canary.basisPoints() : 0;
			for (int i = 0; i < this.members.size(); i++) {
				if (this.members.get(i).id().equals(memberId)) {
					if (i == this.canaryIndex) {
						return canaryShare;
					}
					for (int c = 0; c < this.candidates.length; c++) {
						if (this.candidates[c] == i) {
							int own = this.cumulative[c] - ((c > 0) ? this.cumulative[c - 1] : 0);
							return (int) Math.round(own * (CanaryShare.FULL - canaryShare) / (double) CanaryShare.FULL);
						}
					}
					return 0;
				}
			}
			return -1;
		}

	}

}
