package dev.orchestration.resilience;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * How long a rate-limited member should wait, from every header the providers document
 * (and, failing those, the wait the message names):
 * <ol>
 * <li>{@code retry-after-ms} (OpenAI, Azure OpenAI), then {@code Retry-After} in seconds
 * or as an HTTP date;</li>
 * <li>otherwise the reset headers: OpenAI's {@code x-ratelimit-reset-requests} /
 * {@code x-ratelimit-reset-tokens} (durations such as {@code 6m0s}, {@code 20ms},
 * {@code 1s}) and Anthropic's
 * {@code anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-reset} (RFC
 * 3339 times). The relevant ones are the limits whose {@code remaining} header says 0;
 * when none does, all of them on an HTTP 429 and none on a stream that began with HTTP
 * 200. The longest relevant wait wins;</li>
 * <li>otherwise "Please retry after 6 seconds" / "Please try again in 1.8s" in the
 * message.</li>
 * </ol>
 */
final class RetryAfterHeaders {

	private static final List<String[]> RESET_HEADERS = List.of(
			new String[] { "x-ratelimit-reset-requests", "x-ratelimit-remaining-requests" },
			new String[] { "x-ratelimit-reset-tokens", "x-ratelimit-remaining-tokens" },
			new String[] { "anthropic-ratelimit-requests-reset", "anthropic-ratelimit-requests-remaining" },
			new String[] { "anthropic-ratelimit-tokens-reset", "anthropic-ratelimit-tokens-remaining" },
			new String[] { "anthropic-ratelimit-input-tokens-reset", "anthropic-ratelimit-input-tokens-remaining" },
			new String[] { "anthropic-ratelimit-output-tokens-reset", "anthropic-ratelimit-output-tokens-remaining" });

	private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|h|m|s)");

	private static final Pattern MESSAGE_WAIT = Pattern.compile(
			"(?:retry after|try again in)\\s+(\\d+(?:\\.\\d+)?)\\s*(milliseconds?|ms|seconds?|secs?|s|minutes?|mins?|m)\\b");

	private RetryAfterHeaders() {
	}

	static @Nullable Duration wait(HttpErrorDetails details, Instant now) {
		Duration retryAfter = retryAfter(details, now);
		if (retryAfter != null) {
			return retryAfter;
		}
		Duration reset = longestReset(details, now);
		return (reset != null) ? reset : fromMessage(details.detail());
	}

	private static @Nullable Duration retryAfter(HttpErrorDetails details, Instant now) {
		Double millis = number(first(details, "retry-after-ms"));
		if (millis != null) {
			return Duration.ofMillis(Math.round(millis));
		}
		String value = first(details, "retry-after");
		if (value == null) {
			return null;
		}
		Double seconds = number(value);
		if (seconds != null) {
			return Duration.ofMillis(Math.round(seconds * 1000));
		}
		try {
			return until(now, ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
		}
		catch (RuntimeException notADate) {
			return null;
		}
	}

	private static @Nullable Duration longestReset(HttpErrorDetails details, Instant now) {
		Duration longestExhausted = null;
		Duration longest = null;
		for (String[] pair : RESET_HEADERS) {
			Duration reset = reset(first(details, pair[0]), now);
			if (reset == null) {
				continue;
			}
			longest = longer(longest, reset);
			Double remaining = number(first(details, pair[1]));
			if (remaining != null && remaining <= 0) {
				longestExhausted = longer(longestExhausted, reset);
			}
		}
		if (longestExhausted != null) {
			return longestExhausted;
		}
		return (details.statusCode() == 429) ? longest : null;
	}

	/**
	 * An OpenAI duration ({@code 6m0s}, {@code 20ms}, {@code 1.5s}) or an Anthropic RFC
	 * 3339 time.
	 */
	static @Nullable Duration reset(@Nullable String value, Instant now) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.trim();
		if (trimmed.length() > 10 && trimmed.charAt(4) == '-') {
			try {
				return until(now, OffsetDateTime.parse(trimmed).toInstant());
			}
			catch (RuntimeException notATime) {
				return null;
			}
		}
		return goDuration(trimmed);
	}

	private static @Nullable Duration goDuration(String value) {
		Matcher part = GO_DURATION_PART.matcher(value.toLowerCase(Locale.ROOT));
		double nanos = 0;
		int end = 0;
		while (part.lookingAt()) {
			double amount = Double.parseDouble(part.group(1));
			nanos += amount * switch (part.group(2)) {
				case "h" -> 3.6e12;
				case "m" -> 6e10;
				case "s" -> 1e9;
				case "ms" -> 1e6;
				case "us", "µs" -> 1e3;
				default -> 1;
			};
			end = part.end();
			part.region(end, value.length());
		}
		if (end == 0 || end != value.length()) {
			Double seconds = number(value);
			return (seconds != null) ? Duration.ofMillis(Math.round(seconds * 1000)) : null;
		}
		return Duration.ofNanos(Math.round(nanos));
	}

	private static @Nullable Duration fromMessage(String detail) {
		Matcher wait = MESSAGE_WAIT.matcher(detail);
		if (!wait.find()) {
			return null;
		}
		double amount = Double.parseDouble(wait.group(1));
		String unit = wait.group(2);
		double millis = unit.startsWith("ms") || unit.startsWith("milli") ? amount
				: unit.startsWith("m") ? amount * 60_000 : amount * 1000;
		return Duration.ofMillis(Math.round(millis));
	}

	private static Duration until(Instant now, Instant then) {
		Duration until = Duration.between(now, then);
		return until.isNegative() ? Duration.ZERO : until;
	}

	private static Duration longer(@Nullable Duration current, Duration candidate) {
		return (current == null || candidate.compareTo(current) > 0) ? candidate : current;
	}

	private static @Nullable Double number(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			double parsed = Double.parseDouble(value.trim());
			return (Double.isFinite(parsed) && parsed >= 0) ? parsed : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static @Nullable String first(HttpErrorDetails details, String header) {
		List<String> values = details.headers().apply(header);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

}
