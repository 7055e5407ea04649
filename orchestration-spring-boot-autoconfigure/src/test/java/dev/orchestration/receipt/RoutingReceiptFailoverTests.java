package dev.orchestration.receipt;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RoutingReceipt#failovers()} counts the members the request moved on from, not
 * the turns of a tool loop.
 */
class RoutingReceiptFailoverTests {

	private static final Route ROUTE = new Route("small", RouteLayer.RULE, "test");

	@Test
	void aFailedAndASkippedMemberBeforeTheAnswerAreTwoFailovers() {
		RoutingReceipt receipt = receipt("small-b", attempt("small-a", AttemptOutcome.FAILED),
				attempt("small-c", AttemptOutcome.BREAKER_OPEN), attempt("small-b", AttemptOutcome.SUCCESS));
		assertThat(receipt.failovers()).isEqualTo(2);
	}

	@Test
	void theTurnsOfAToolLoopAreNotFailovers() {
		RoutingReceipt first = receipt("small-a", attempt("small-a", AttemptOutcome.SUCCESS));
		RoutingReceipt second = receipt("small-a", attempt("small-a", AttemptOutcome.SUCCESS));
		assertThat(first.plus(second).attempts()).hasSize(2);
		assertThat(first.plus(second).failovers()).isZero();
	}

	@Test
	void aToolLoopTurnThatFailedOverCountsOnce() {
		RoutingReceipt first = receipt("small-a", attempt("small-a", AttemptOutcome.SUCCESS));
		RoutingReceipt second = receipt("small-b", attempt("small-a", AttemptOutcome.FAILED),
				attempt("small-b", AttemptOutcome.SUCCESS));
		assertThat(first.plus(second).failovers()).isEqualTo(1);
	}

	@Test
	void aFailedRequestMovedOnFromEveryMember() {
		RoutingReceipt receipt = receipt(null, attempt("small-a", AttemptOutcome.FAILED),
				attempt("small-b", AttemptOutcome.COOLING_DOWN));
		assertThat(receipt.succeeded()).isFalse();
		assertThat(receipt.failovers()).isEqualTo(2);
	}

	private static Attempt attempt(String member, AttemptOutcome outcome) {
		return new Attempt("small", member, "m", outcome, null, null, 1, 1, 1, 0.001);
	}

	private static RoutingReceipt receipt(String member, Attempt... attempts) {
		return new RoutingReceipt(ROUTE, "small", member, "m", List.of(attempts), 1, 1, 0.001, false, null, 1, null, 0);
	}

}
