package dev.orchestration.routing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.orchestration.cost.Price;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatModel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.mockito.Mockito.mock;

class MemberSelectorTests {

	private final ChatModel chatModel = mock(ChatModel.class);

	private final Tier tier = new Tier("small",
			List.of(member("small-a"), member("small-b"), member("small-c"), member("small-canary")));

	private final Tiers tiers = new Tiers(List.of(this.tier));

	@Test
	void withoutWeightsOrCanariesTheConfiguredOrderStays() {
		MemberSelector selector = MemberSelector.builder().build(this.tiers);
		assertThat(selector.active()).isFalse();
		assertThat(selector.order(this.tier, 42)).isEqualTo(this.tier.members());
	}

	@Test
	void weightsSplitFirstAttemptsAndTheRestFollowsTheConfiguredOrder() {
		MemberSelector selector = MemberSelector.builder()
			.weight("small-a", 70)
			.weight("small-b", 30)
			.stickiness(StickyAssignment.NONE)
			.build(this.tiers);
		Map<String, Integer> first = new HashMap<>();
		for (int i = 0; i < 10_000; i++) {
			List<TierMember> order = selector.order(this.tier, selector.key(null, null));
			first.merge(order.get(0).id(), 1, Integer::sum);
			if (order.get(0).id().equals("small-b")) {
				assertThat(order).extracting(TierMember::id)
					.containsExactly("small-b", "small-a", "small-c", "small-canary");
			}
		}
		assertThat(first.get("small-b") / 100.0).isBetween(28.0, 32.0);
		assertThat(first).doesNotContainKeys("small-c", "small-canary");
		assertThat(selector.expectedShare(this.tier.members().get(1))).isEqualTo(3000);
	}

	@Test
	void aCanaryTakesItsShareFirstAndIsNoFailoverTargetOtherwise() {
		CanaryShare share = new CanaryShare(2500);
		MemberSelector selector = MemberSelector.builder()
			.canary("small-canary", share)
			.stickiness(StickyAssignment.NONE)
			.build(this.tiers);
		int onCanary = 0;
		for (int i = 0; i < 10_000; i++) {
			List<TierMember> order = selector.order(this.tier, selector.key(null, null));
			if (order.get(0).id().equals("small-canary")) {
				onCanary++;
				assertThat(order).extracting(TierMember::id)
					.containsExactly("small-canary", "small-a", "small-b", "small-c");
			}
			else {
				assertThat(order).extracting(TierMember::id).containsExactly("small-a", "small-b", "small-c");
			}
		}
		assertThat(onCanary / 100.0).isBetween(23.0, 27.0);
		share.set(0);
		assertThat(selector.order(this.tier, selector.key(null, null)).get(0).id()).isEqualTo("small-a");
	}

	@Test
	void theSameTenantKeepsItsMemberAndACanaryKeyStaysOnTheCanaryAsTheShareGrows() {
		CanaryShare share = new CanaryShare(1000);
		MemberSelector selector = MemberSelector.builder()
			.weight("small-a", 1)
			.weight("small-b", 1)
			.canary("small-canary", share)
			.stickiness(StickyAssignment.TENANT)
			.build(this.tiers);
		Map<String, String> before = new HashMap<>();
		for (int t = 0; t < 500; t++) {
			String tenant = "tenant-" + t;
			String member = selector.order(this.tier, selector.key(null, tenant)).get(0).id();
			assertThat(selector.order(this.tier, selector.key(null, tenant)).get(0).id()).isEqualTo(member);
			before.put(tenant, member);
		}
		share.set(5000);
		before.forEach((tenant, member) -> {
			String now = selector.order(this.tier, selector.key(null, tenant)).get(0).id();
			if (member.equals("small-canary")) {
				assertThat(now).isEqualTo("small-canary");
			}
			else {
				assertThat(now).isIn(member, "small-canary");
			}
		});
	}

	@Test
	void theConversationIdWinsOverTheTenant() {
		MemberSelector selector = MemberSelector.builder().weight("small-a", 1).weight("small-b", 1).build(this.tiers);
		RoutingChatOptions options = RoutingChatOptions.builder().conversationId("c-1").tenant("other").build();
		assertThat(selector.key(options, "other")).isEqualTo(selector.key(null, "c-1"));
	}

	@Test
	void refusesTwoCanariesATierOfOnlyACanaryAndWeightsSummingToZero() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MemberSelector.builder()
				.canary("small-a", new CanaryShare(0))
				.canary("small-b", new CanaryShare(0))
				.build(this.tiers))
			.withMessageContaining("two canaries");
		Tier lone = new Tier("solo", List.of(member("solo-a")));
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> MemberSelector.builder().canary("solo-a", new CanaryShare(0)).build(new Tiers(List.of(lone))))
			.withMessageContaining("only a canary");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MemberSelector.builder().weight("small-a", 0).build(this.tiers))
			.withMessageContaining("sum to 0");
	}

	private TierMember member(String id) {
		return new TierMember(id, id.substring(0, id.indexOf('-')), "bean", this.chatModel, id, null, new Price(1, 1));
	}

}
