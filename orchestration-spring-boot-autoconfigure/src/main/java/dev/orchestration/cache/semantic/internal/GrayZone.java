package dev.orchestration.cache.semantic.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.orchestration.cache.semantic.SameQuestionCheck;

/**
 * The band below the serving threshold where a candidate gets a second opinion: from
 * {@code lower} (inclusive) up to the scope's threshold, a {@link SameQuestionCheck}
 * decides; below {@code lower} the lookup is a miss. Verdicts are cached per pair
 * (partition, cached question, new question; at most {@code maxVerdicts}, least recently
 * used first out), so the same pair never pays twice. Thread-safe.
 */
public final class GrayZone {

	private final double lower;

	private final SameQuestionCheck check;

	private final Map<String, SameQuestionCheck.Verdict> verdicts;

	/**
	 * Creates a gray zone.
	 * @param lower the lowest similarity that gets a check
	 * @param check the second opinion
	 * @param maxVerdicts verdicts kept
	 */
	public GrayZone(double lower, SameQuestionCheck check, int maxVerdicts) {
		if (!(lower > 0 && lower <= 1) || maxVerdicts < 1) {
			throw new IllegalArgumentException("need 0 < lower <= 1 and maxVerdicts >= 1");
		}
		this.lower = lower;
		this.check = Objects.requireNonNull(check, "check");
		this.verdicts = new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, SameQuestionCheck.Verdict> eldest) {
				return size() > maxVerdicts;
			}
		};
	}

	/** The lowest similarity that gets a check. */
	public double lower() {
		return this.lower;
	}

	/**
	 * The verdict for a pair: cached, or asked now (and cached).
	 * @param partition the index partition both questions belong to
	 * @param cachedQuestion the cached question's compared part
	 * @param question the new question's compared part
	 * @param similarity the candidate's similarity
	 * @return the check as the response reports it
	 */
	public GrayZoneCheck decide(String partition, String cachedQuestion, String question, double similarity) {
		String key = key(partition, cachedQuestion, question);
		SameQuestionCheck.Verdict known;
		synchronized (this.verdicts) {
			known = this.verdicts.get(key);
		}
		if (known != null) {
			return new GrayZoneCheck(known.same(), true, similarity, Duration.ZERO, 0, 0, 0);
		}
		long start = System.nanoTime();
		SameQuestionCheck.Verdict verdict = this.check.check(cachedQuestion, question);
		Duration latency = Duration.ofNanos(System.nanoTime() - start);
		synchronized (this.verdicts) {
			this.verdicts.put(key, verdict);
		}
		return new GrayZoneCheck(verdict.same(), false, similarity, latency, verdict.cost(), verdict.promptTokens(),
				verdict.completionTokens());
	}

	private static String key(String partition, String cachedQuestion, String question) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (String part : new String[] { partition, cachedQuestion, question }) {
				digest.update(part.getBytes(StandardCharsets.UTF_8));
				digest.update((byte) 0);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

}
