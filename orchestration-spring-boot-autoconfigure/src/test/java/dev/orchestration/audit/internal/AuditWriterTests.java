package dev.orchestration.audit.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.orchestration.audit.AuditRecord;
import dev.orchestration.audit.RoutingAuditSink;
import dev.orchestration.support.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AuditWriterTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

	@Test
	void recordsReachTheSinkInOrder() {
		List<AuditRecord> seen = new CopyOnWriteArrayList<>();
		try (AuditWriter writer = writer(seen::add, 10)) {
			AuditRecord first = AuditRecords.answered("a");
			AuditRecord second = AuditRecords.answered("b");
			writer.submit(first);
			writer.submit(second);
			await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 2);
			assertThat(seen).containsExactly(first, second);
			assertThat(writer.written()).isEqualTo(2);
			assertThat(writer.isDegraded()).isFalse();
		}
	}

	@Test
	void aFullQueueDropsNewRecordsWithoutWaitingAndTheWriterRecoversAfterTheHealthWindow() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch entered = new CountDownLatch(1);
		RoutingAuditSink stuck = (record) -> {
			entered.countDown();
			release.await(1, TimeUnit.MINUTES);
		};
		try (AuditWriter writer = writer(stuck, 1)) {
			writer.submit(AuditRecords.answered("in the sink"));
			assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(writer.submit(AuditRecords.answered("queued"))).isTrue();
			assertThat(writer.submit(AuditRecords.answered("dropped"))).isFalse();
			assertThat(writer.dropped()).isEqualTo(1);
			assertThat(writer.isDegraded()).isTrue();
			release.countDown();
			await().atMost(Duration.ofSeconds(10)).until(() -> writer.written() == 2);
			this.clock.advance(Duration.ofMinutes(6));
			assertThat(writer.isDegraded()).as("no trouble within the health window").isFalse();
		}
	}

	@Test
	void aThrowingSinkIsCountedAndTheNextRecordsStillGo() {
		List<AuditRecord> seen = new CopyOnWriteArrayList<>();
		RoutingAuditSink flaky = (record) -> {
			if (record.tenant().equals("bad")) {
				throw new IllegalStateException("down");
			}
			seen.add(record);
		};
		try (AuditWriter writer = writer(flaky, 10)) {
			writer.submit(AuditRecords.answered("bad"));
			writer.submit(AuditRecords.answered("good"));
			await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);
			assertThat(writer.failed()).isEqualTo(1);
			assertThat(writer.lastError()).isEqualTo("IllegalStateException: down");
			assertThat(writer.isDegraded()).isTrue();
		}
	}

	@Test
	void closeWritesWhatIsQueued() {
		List<AuditRecord> seen = new CopyOnWriteArrayList<>();
		AuditWriter writer = writer(seen::add, 100);
		for (int i = 0; i < 50; i++) {
			writer.submit(AuditRecords.answered("t" + i));
		}
		writer.close();
		assertThat(seen).hasSize(50);
		assertThat(writer.submit(AuditRecords.answered("late"))).isFalse();
	}

	private AuditWriter writer(RoutingAuditSink sink, int capacity) {
		Clock c = this.clock;
		return new AuditWriter(sink, capacity, Duration.ofMinutes(5), Duration.ofSeconds(10), c);
	}

}
