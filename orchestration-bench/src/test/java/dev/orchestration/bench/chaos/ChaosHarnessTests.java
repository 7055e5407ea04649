package dev.orchestration.bench.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.orchestration.bench.UsageException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ChaosHarnessTests {

	@Test
	void theSlopeOverTheSecondHalfIgnoresWarmUpGrowth() {
		List<Double> minutes = List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0);
		List<Double> flatAfterWarmUp = List.of(100.0, 200.0, 300.0, 300.0, 301.0, 299.0, 300.0, 300.0);
		assertThat(Slope.of(minutes, flatAfterWarmUp)).isGreaterThan(20);
		assertThat(Math.abs(Slope.lastHalf(minutes, flatAfterWarmUp))).isLessThan(0.5);
		List<Double> leak = List.of(100.0, 110.0, 120.0, 130.0, 140.0, 150.0, 160.0, 170.0);
		assertThat(Slope.lastHalf(minutes, leak) * 60).as("MB per hour")
			.isEqualTo(600.0, org.assertj.core.data.Offset.offset(1e-9));
	}

	@Test
	void aLeakGrowsButASwingingSeriesDoesNot() {
		List<Double> minutes = List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0);
		List<Double> leak = List.of(50.0, 60.0, 70.0, 80.0, 90.0, 100.0, 110.0, 120.0, 130.0, 140.0, 150.0, 160.0);
		assertThat(Slope.grows(minutes, leak, 2.0)).isTrue();
		// threads of a cached pool on a loaded machine (the soak of docs/reliability.md):
		// steep at the end, no new high
		List<Double> threads = List.of(69.0, 72.0, 75.0, 77.0, 71.0, 65.0, 67.0, 65.0, 68.0, 75.0, 77.0, 73.0);
		assertThat(Slope.lastHalf(minutes, threads)).isGreaterThan(1.0);
		assertThat(Slope.grows(minutes, threads, 1.0)).isFalse();
		assertThat(Slope.grows(minutes.subList(0, 3), leak.subList(0, 3), 0.0)).as("too few points").isFalse();
	}

	@Test
	void theWorkloadIsTheSameForTheSameSeedWhateverTheOrder() {
		Workload workload = new Workload(42, 0.15);
		Workload.Request late = workload.request(977);
		for (int i = 0; i < 977; i++) {
			workload.request(i);
		}
		assertThat(new Workload(42, 0.15).request(977)).isEqualTo(late);
		assertThat(new Workload(43, 0.15).request(977)).isNotEqualTo(late);
	}

	@Test
	void theWorkloadMixesTenantsTasksStreamsAndRepeatedQuestions() {
		Workload workload = new Workload(42, 0.15);
		int capped = 0;
		int streamed = 0;
		int analysis = 0;
		java.util.Map<String, Integer> messages = new java.util.HashMap<>();
		for (int i = 0; i < 10_000; i++) {
			Workload.Request request = workload.request(i);
			capped += request.tenant().equals(Workload.CAPPED) ? 1 : 0;
			streamed += request.stream() ? 1 : 0;
			analysis += "analysis".equals(request.task()) ? 1 : 0;
			messages.merge(request.message(), 1, Integer::sum);
			assertThat(request.stream() && request.tenant().equals(Workload.CAPPED))
				.as("the capped tenant's spend is read from receipts: never streamed")
				.isFalse();
		}
		assertThat(capped).isBetween(600, 1000);
		assertThat(streamed).isBetween(1100, 1700);
		assertThat(analysis).isBetween(700, 1300);
		assertThat(messages.values().stream().filter((n) -> n > 50).count()).as("repeated questions").isEqualTo(20);
	}

	@Test
	void phasesRenderTheSampleFaultJson() {
		Phase phase = Phase.named("errors-5xx");
		String json = phase.faultJson(7);
		assertThat(SampleClient.parse(json).path("models").path("sim-nano").path("errorRate").asDouble())
			.isEqualTo(0.3);
		assertThat(SampleClient.parse(json).path("seed").asLong()).isEqualTo(7);
		assertThat(Phase.named("tier-down").faults()).containsOnlyKeys("sim-frontier", "sim-opus");
		assertThat(Phase.schedule()).extracting(Phase::name)
			.containsExactly("baseline", "errors-5xx", "rate-limit-429", "latency-spikes", "stall", "stream-cuts",
					"provider-down", "redis-kill");
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> Phase.named("meteor"))
			.withMessageContaining("baseline");
	}

	@Test
	void flagsParseDurationsNumbersAndRepeatedSets() {
		Flags flags = Flags.parse(
				List.of("--smoke", "--deadline", "500ms", "--requests", "10", "--set", "a=b", "--set", "c=d"),
				Set.of("smoke"), Set.of("deadline", "requests"));
		assertThat(flags.on("smoke")).isTrue();
		assertThat(flags.duration("deadline", Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
		assertThat(flags.integer("requests", 0)).isEqualTo(10);
		assertThat(flags.sets()).containsExactly("a=b", "c=d");
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> Flags.parse(List.of("--nope"), Set.of(), Set.of()));
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> Flags.parse(List.of("--deadline", "soon"), Set.of(), Set.of("deadline"))
				.duration("deadline", Duration.ZERO));
	}

	@Test
	void failuresExceptTheCappedTenantsRefusalsAreUserVisible() {
		PhaseStats stats = new PhaseStats();
		stats.add(outcome(Workload.CAPPED, Outcome.Kind.BUDGET_REFUSED, 429), PhaseStats.Segment.BEFORE);
		stats.add(outcome("t0", Outcome.Kind.BUDGET_REFUSED, 429), PhaseStats.Segment.BEFORE);
		stats.add(outcome("t1", Outcome.Kind.ROUTING_FAILED, 503), PhaseStats.Segment.BEFORE);
		stats.add(outcome("t2", Outcome.Kind.OK, 200), PhaseStats.Segment.BEFORE);
		assertThat(stats.failures()).extracting(Outcome::tenant).containsExactly("t0", "t1");
		assertThat(PhaseStats.percentile(new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 99)).isEqualTo(10);
		assertThat(PhaseStats.percentile(new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 50)).isEqualTo(5);
	}

	@Test
	void theHttpCorpusStatesAClearAnswerForEveryCase() {
		List<HttpBadInputCorpus.Case> cases = HttpBadInputCorpus.cases();
		assertThat(cases).hasSizeGreaterThan(40);
		assertThat(cases).allSatisfy((c) -> assertThat(c.expected()).as(c.name())
			.isNotEmpty()
			.allMatch((status) -> status == 200 || (status >= 400 && status < 500)));
		assertThat(cases).filteredOn((c) -> c.name().startsWith("2 MB"))
			.allMatch((c) -> c.expected().equals(Set.of(413)));
	}

	private static Outcome outcome(String tenant, Outcome.Kind kind, int status) {
		return new Outcome("a", tenant, false, kind, status, 10, null, null, 0, false);
	}

}
