package dev.orchestration.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each record as one JSON line at INFO through a dedicated SLF4J logger
 * ({@code llm.audit} by default), so the logging configuration decides where the trail
 * goes (a file appender, a collector) and the application log stays free of it (set the
 * logger's additivity to false).
 */
public class LogAuditSink implements RoutingAuditSink {

	/** The default logger name. */
	public static final String DEFAULT_LOGGER = "llm.audit";

	private final Logger logger;

	public LogAuditSink(String loggerName) {
		this.logger = LoggerFactory.getLogger(loggerName);
	}

	@Override
	public void write(AuditRecord record) {
		this.logger.info(AuditRecordJson.write(record));
	}

	@Override
	public String name() {
		return "log";
	}

}
