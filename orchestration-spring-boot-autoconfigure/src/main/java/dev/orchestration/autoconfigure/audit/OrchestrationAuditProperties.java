package dev.orchestration.autoconfigure.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.orchestration.audit.LogAuditSink;
import dev.orchestration.autoconfigure.internal.PropertyChecks;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The audit trail: one record per routed request, redacted, written off the request path.
 */
@ConfigurationProperties(OrchestrationAuditProperties.CONFIG_PREFIX)
public class OrchestrationAuditProperties implements Validator {

	public static final String CONFIG_PREFIX = "llm.audit";

	/**
	 * Whether every routed request gets an audit record. Off by default: a record costs
	 * tens of microseconds of CPU per request (docs/performance.md); regulated
	 * deployments turn it on.
	 */
	private boolean enabled;

	/**
	 * Where records go unless the application defines its own RoutingAuditSink bean:
	 * "log" (JSON lines through the logger named by "logger-name") or "redis" (a Redis
	 * Stream shared by every instance).
	 */
	private Sink sink = Sink.LOG;

	/**
	 * Name of the SLF4J logger of the log sink; route it to its own appender (and
	 * additivity false) to keep the trail apart from the application log.
	 */
	private String loggerName = LogAuditSink.DEFAULT_LOGGER;

	/**
	 * Whether records carry the last user message (redacted, shortened to
	 * "max-text-length"). Off by default: it exposes what users wrote.
	 */
	private boolean includePrompt;

	/**
	 * Whether records carry the answer text (redacted, shortened to "max-text-length").
	 * Off by default.
	 */
	private boolean includeAnswer;

	/**
	 * Longest prompt, answer or error text kept in a record, in characters; longer text
	 * is cut and ends with "...".
	 */
	private int maxTextLength = 2000;

	/**
	 * Records the hand-off queue holds while the sink is busy; when it is full new
	 * records are dropped (counted in llm.audit.records{result=dropped}), so a slow sink
	 * never slows requests.
	 */
	private int queueCapacity = 10_000;

	/**
	 * How long the llmaudit health stays degraded (UNKNOWN, degraded=true) after a record
	 * was dropped or a write failed.
	 */
	private Duration healthWindow = Duration.ofMinutes(5);

	/**
	 * How long shutdown waits for the queued records to be written; what is left is
	 * dropped.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(5);

	/**
	 * Redaction applied to tenant, reasons, errors, prompt and answer before a record is
	 * built.
	 */
	private final Redaction redaction = new Redaction();

	/**
	 * The Redis Stream sink.
	 */
	private final Redis redis = new Redis();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Sink getSink() {
		return this.sink;
	}

	public void setSink(Sink sink) {
		this.sink = sink;
	}

	public String getLoggerName() {
		return this.loggerName;
	}

	public void setLoggerName(String loggerName) {
		this.loggerName = loggerName;
	}

	public boolean isIncludePrompt() {
		return this.includePrompt;
	}

	public void setIncludePrompt(boolean includePrompt) {
		this.includePrompt = includePrompt;
	}

	public boolean isIncludeAnswer() {
		return this.includeAnswer;
	}

	public void setIncludeAnswer(boolean includeAnswer) {
		this.includeAnswer = includeAnswer;
	}

	public int getMaxTextLength() {
		return this.maxTextLength;
	}

	public void setMaxTextLength(int maxTextLength) {
		this.maxTextLength = maxTextLength;
	}

	public int getQueueCapacity() {
		return this.queueCapacity;
	}

	public void setQueueCapacity(int queueCapacity) {
		this.queueCapacity = queueCapacity;
	}

	public Duration getHealthWindow() {
		return this.healthWindow;
	}

	public void setHealthWindow(Duration healthWindow) {
		this.healthWindow = healthWindow;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public Redaction getRedaction() {
		return this.redaction;
	}

	public Redis getRedis() {
		return this.redis;
	}

	@Override
	public boolean supports(Class<?> type) {
		return OrchestrationAuditProperties.class == type;
	}

	@Override
	public void validate(Object target, Errors errors) {
		OrchestrationAuditProperties properties = (OrchestrationAuditProperties) target;
		PropertyChecks checks = PropertyChecks.of(errors);
		checks.atLeast("queue-capacity", properties.getQueueCapacity(), 1, "set a capacity of 1 or more, e.g. 10000")
			.atLeast("max-text-length", properties.getMaxTextLength(), 0, "set 0 or more characters, e.g. 2000")
			.positive("health-window", properties.getHealthWindow(), "set a duration greater than zero, e.g. 5m")
			.notNegative("shutdown-timeout", properties.getShutdownTimeout(), "set 0 or more, e.g. 5s")
			.require(!properties.getLoggerName().isBlank(), "logger-name", properties.getLoggerName(),
					"the logger name is blank", "name a logger, e.g. llm.audit")
			.require(!properties.getRedis().getStreamKey().isBlank(), "redis.stream-key",
					properties.getRedis().getStreamKey(), "the stream key is blank", "name a key, e.g. llm:audit")
			.atLeast("redis.max-length", properties.getRedis().getMaxLength(), 1,
					"set the number of entries the stream keeps, e.g. 1000000");
		List<String> patterns = properties.getRedaction().getPatterns();
		for (int i = 0; i < patterns.size(); i++) {
			String problem = compileProblem(patterns.get(i));
			checks.require(problem == null, "redaction.patterns[" + i + "]", patterns.get(i),
					"it is not a valid regular expression: " + problem,
					"write a Java regular expression, e.g. \\bACME-[0-9]{6}\\b");
		}
	}

	private static @Nullable String compileProblem(String pattern) {
		try {
			Pattern.compile(pattern);
			return null;
		}
		catch (PatternSyntaxException ex) {
			return ex.getDescription();
		}
	}

	/** Where records go. */
	public enum Sink {

		/** JSON lines through a dedicated SLF4J logger. */
		LOG,

		/** A Redis Stream through the application's RedisConnectionFactory. */
		REDIS

	}

	/** What is redacted. */
	public static class Redaction {

		/**
		 * Whether the built-in patterns apply: API keys (sk-..., AKIA..., AIza...),
		 * bearer tokens, key=value secrets and e-mail addresses.
		 */
		private boolean defaults = true;

		/**
		 * Further Java regular expressions whose matches are replaced, applied after the
		 * built-in ones.
		 */
		private List<String> patterns = new ArrayList<>();

		/**
		 * What a match is replaced with.
		 */
		private String replacement = "[REDACTED]";

		public boolean isDefaults() {
			return this.defaults;
		}

		public void setDefaults(boolean defaults) {
			this.defaults = defaults;
		}

		public List<String> getPatterns() {
			return this.patterns;
		}

		public void setPatterns(List<String> patterns) {
			this.patterns = patterns;
		}

		public String getReplacement() {
			return this.replacement;
		}

		public void setReplacement(String replacement) {
			this.replacement = replacement;
		}

	}

	/** The Redis Stream sink. */
	public static class Redis {

		/**
		 * Key of the stream every instance appends to.
		 */
		private String streamKey = "llm:audit";

		/**
		 * Approximate number of entries the stream keeps (XADD MAXLEN ~); older ones are
		 * trimmed.
		 */
		private long maxLength = 1_000_000;

		public String getStreamKey() {
			return this.streamKey;
		}

		public void setStreamKey(String streamKey) {
			this.streamKey = streamKey;
		}

		public long getMaxLength() {
			return this.maxLength;
		}

		public void setMaxLength(long maxLength) {
			this.maxLength = maxLength;
		}

	}

}
