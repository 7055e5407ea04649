package dev.orchestration.autoconfigure.audit;

import java.time.Clock;

import dev.orchestration.audit.AuditRecordListener;
import dev.orchestration.audit.LogAuditSink;
import dev.orchestration.audit.RedisStreamAuditSink;
import dev.orchestration.audit.RoutingAuditSink;
import dev.orchestration.audit.internal.AuditAdvisor;
import dev.orchestration.audit.internal.AuditDecisionListener;
import dev.orchestration.audit.internal.AuditMetrics;
import dev.orchestration.audit.internal.AuditRecorder;
import dev.orchestration.audit.internal.AuditRedactor;
import dev.orchestration.audit.internal.AuditWriter;
import dev.orchestration.autoconfigure.InvalidOrchestrationConfigurationException;
import dev.orchestration.autoconfigure.OrchestrationAutoConfiguration;
import dev.orchestration.routing.Tiers;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * One audit record per routed request: the {@link AuditAdvisor} on the routing client and
 * the {@link AuditDecisionListener} on the router build it, an {@link AuditWriter} hands
 * it to the {@link RoutingAuditSink} off the request path. Off by default; on with
 * {@code llm.audit.enabled=true}.
 */
@AutoConfiguration(after = OrchestrationAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnBean(Tiers.class)
@ConditionalOnProperty(prefix = OrchestrationAuditProperties.CONFIG_PREFIX, name = "enabled", havingValue = "true")
@EnableConfigurationProperties(OrchestrationAuditProperties.class)
public final class OrchestrationAuditAutoConfiguration {

	private static final String P = OrchestrationAuditProperties.CONFIG_PREFIX + ".";

	@Bean
	@ConditionalOnMissingBean(RoutingAuditSink.class)
	@ConditionalOnProperty(prefix = OrchestrationAuditProperties.CONFIG_PREFIX, name = "sink", havingValue = "log",
			matchIfMissing = true)
	LogAuditSink llmAuditSink(OrchestrationAuditProperties properties) {
		return new LogAuditSink(properties.getLoggerName());
	}

	@Bean
	@ConditionalOnMissingBean
	AuditWriter llmAuditWriter(OrchestrationAuditProperties properties, ObjectProvider<RoutingAuditSink> sink,
			ObjectProvider<MeterRegistry> registry) {
		RoutingAuditSink chosen = sink.getIfUnique();
		if (chosen == null) {
			throw new InvalidOrchestrationConfigurationException(P + "sink",
					"no single RoutingAuditSink bean is there for the audit trail",
					"set llm.audit.sink to log or redis, define exactly one RoutingAuditSink bean, or set llm.audit.enabled=false");
		}
		AuditWriter writer = new AuditWriter(chosen, properties.getQueueCapacity(), properties.getHealthWindow(),
				properties.getShutdownTimeout(), Clock.systemUTC());
		registry.ifAvailable((meters) -> AuditMetrics.bind(writer, meters));
		return writer;
	}

	@Bean
	@ConditionalOnMissingBean
	AuditRecorder llmAuditRecorder(OrchestrationAuditProperties properties, AuditWriter writer,
			ObjectProvider<AuditRecordListener> listeners) {
		OrchestrationAuditProperties.Redaction redaction = properties.getRedaction();
		return new AuditRecorder(writer,
				AuditRedactor.of(redaction.isDefaults(), redaction.getPatterns(), redaction.getReplacement()),
				properties.isIncludePrompt(), properties.isIncludeAnswer(), properties.getMaxTextLength(),
				listeners.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	AuditAdvisor llmAuditAdvisor(AuditRecorder recorder) {
		return new AuditAdvisor(recorder, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	AuditDecisionListener llmAuditDecisionListener(AuditRecorder recorder) {
		return new AuditDecisionListener(recorder);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = OrchestrationAuditProperties.CONFIG_PREFIX, name = "sink", havingValue = "redis")
	static class RedisStreamSink {

		@Bean
		@ConditionalOnMissingBean(RoutingAuditSink.class)
		RoutingAuditSink llmAuditSink(OrchestrationAuditProperties properties,
				ObjectProvider<RedisConnectionFactory> connectionFactory) {
			return RedisSinks.create(properties, connectionFactory);
		}

	}

	/**
	 * Kept apart so that the Redis classes are only loaded when the Redis sink is chosen.
	 */
	static final class RedisSinks {

		private RedisSinks() {
		}

		static RoutingAuditSink create(OrchestrationAuditProperties properties,
				ObjectProvider<RedisConnectionFactory> connectionFactory) {
			RedisConnectionFactory factory = connectionFactory.getIfAvailable();
			if (factory == null) {
				throw new InvalidOrchestrationConfigurationException(P + "sink",
						"the sink is 'redis' but the application has no RedisConnectionFactory",
						"add spring-boot-starter-data-redis and configure spring.data.redis.*, or set llm.audit.sink=log");
			}
			return new RedisStreamAuditSink(new StringRedisTemplate(factory), properties.getRedis().getStreamKey(),
					properties.getRedis().getMaxLength());
		}

	}

}
