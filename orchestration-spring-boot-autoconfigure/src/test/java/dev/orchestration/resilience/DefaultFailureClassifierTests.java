package dev.orchestration.resilience;

import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultFailureClassifierTests {

	private final DefaultFailureClassifier classifier = new DefaultFailureClassifier(
			List.of(new FakeHttpException.Extractor()));

	@Test
	void statusCodesMapToKinds() {
		assertThat(kind(new FakeHttpException(500, "x"))).isEqualTo(FailureKind.TRANSIENT);
		assertThat(kind(new FakeHttpException(529, "overloaded"))).isEqualTo(FailureKind.TRANSIENT);
		assertThat(kind(new FakeHttpException(429, "x"))).isEqualTo(FailureKind.RATE_LIMITED);
		assertThat(kind(new FakeHttpException(401, "x"))).isEqualTo(FailureKind.AUTH);
		assertThat(kind(new FakeHttpException(403, "x"))).isEqualTo(FailureKind.AUTH);
		assertThat(kind(new FakeHttpException(400, "prompt is too long: 300000 tokens")))
			.isEqualTo(FailureKind.CONTEXT_LENGTH);
		assertThat(kind(new FakeHttpException(400, "content_filter triggered"))).isEqualTo(FailureKind.CONTENT_POLICY);
		assertThat(kind(new FakeHttpException(400, "unknown parameter 'foo'"))).isEqualTo(FailureKind.FATAL);
	}

	@Test
	void timeoutsAndIoErrorsAreTransientEvenWhenWrapped() {
		assertThat(kind(new CompletionException(new UncheckedIOException(new SocketTimeoutException("read")))))
			.isEqualTo(FailureKind.TRANSIENT);
	}

	@Test
	void providerErrorsAreFoundInTheCauseChain() {
		assertThat(kind(new IllegalStateException("wrapped", new FakeHttpException(429, "x"))))
			.isEqualTo(FailureKind.RATE_LIMITED);
	}

	@Test
	void retryAfterIsReadFromSecondsMillisecondsOrAnHttpDate() {
		assertThat(retryAfter(Map.of("retry-after", "7"))).isEqualTo(Duration.ofSeconds(7));
		assertThat(retryAfter(Map.of("retry-after", "1.5"))).isEqualTo(Duration.ofMillis(1500));
		assertThat(retryAfter(Map.of("retry-after-ms", "250", "retry-after", "9"))).isEqualTo(Duration.ofMillis(250));
		String date = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60).format(DateTimeFormatter.RFC_1123_DATE_TIME);
		assertThat(retryAfter(Map.of("retry-after", date))).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(61));
		assertThat(retryAfter(Map.of())).isNull();
	}

	private Duration retryAfter(Map<String, String> headers) {
		return this.classifier.classify(new FakeHttpException(429, "slow down", headers)).retryAfter();
	}

	private FailureKind kind(Throwable error) {
		return this.classifier.classify(error).kind();
	}

}
