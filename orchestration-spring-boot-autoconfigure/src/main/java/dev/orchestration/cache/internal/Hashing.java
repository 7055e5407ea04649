package dev.orchestration.cache.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of text, in hex.
 */
public final class Hashing {

	private Hashing() {
	}

	private static final HexFormat HEX = HexFormat.of();

	/** Cloned per call: cheaper than a provider look-up, and no digest is shared. */
	private static final MessageDigest PROTOTYPE = newDigest();

	public static String sha256(String text) {
		return HEX.formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
	}

	private static MessageDigest digest() {
		try {
			return (MessageDigest) PROTOTYPE.clone();
		}
		catch (CloneNotSupportedException ex) {
			return newDigest();
		}
	}

	private static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

}
