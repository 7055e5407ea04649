package dev.orchestration.routing;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What streams leave in the log: one line (no stack) for an attempt that failed over,
 * since the user still got an answer, and the stack only when the request failed. No
 * prompt or answer text, only member ids, failure kinds and exception types.
 */
final class StreamFailoverLog {

	private static final Log logger = LogFactory.getLog(StreamFailover.class);

	private final FailoverLogLevel level;

	StreamFailoverLog(FailoverLogLevel level) {
		this.level = level;
	}

	void failedOver(TierMember member, String kind, Throwable error) {
		boolean enabled = (this.level == FailoverLogLevel.WARN) ? logger.isWarnEnabled() : logger.isDebugEnabled();
		if (!enabled) {
			return;
		}
		String line = "Stream attempt of " + member.id() + " failed (" + kind + ", " + error.getClass().getSimpleName()
				+ "); failed over before anything reached the caller";
		if (this.level == FailoverLogLevel.WARN) {
			logger.warn(line);
		}
		else {
			logger.debug(line);
		}
	}

	void requestFailed(Throwable error) {
		if (!(error instanceof RequestRefusedException)) {
			logger.warn("Streamed request failed: " + error.getMessage(), error);
		}
	}

}
