package dev.orchestration.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.Environment;

/**
 * Silences Spring AI's {@code MessageAggregator}, which logs every stream error at ERROR
 * with its stack, before the router sees it and fails over: a stream that failed over
 * would leave a stack trace although the user got a full answer. The router logs those
 * attempts itself (one line, {@code llm.routing.failover-log-level}) and the stack of a
 * request that failed. Left alone when a level is set for that logger or one of its
 * packages.
 */
final class SpringAiStreamErrorLogging implements InitializingBean {

	static final String AGGREGATOR = "org.springframework.ai.chat.model.MessageAggregator";

	private static final Log logger = LogFactory.getLog(SpringAiStreamErrorLogging.class);

	private final Environment environment;

	SpringAiStreamErrorLogging(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void afterPropertiesSet() {
		String name = AGGREGATOR;
		while (name.contains(".")) {
			if (this.environment.containsProperty("logging.level." + name)) {
				return;
			}
			name = name.substring(0, name.lastIndexOf('.'));
		}
		try {
			LoggingSystem.get(getClass().getClassLoader()).setLogLevel(AGGREGATOR, LogLevel.OFF);
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not set the level of " + AGGREGATOR, ex);
		}
	}

}
