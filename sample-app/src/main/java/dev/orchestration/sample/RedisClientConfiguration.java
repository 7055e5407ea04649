package dev.orchestration.sample;

import io.lettuce.core.ClientOptions;

import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lettuce queues commands while it reconnects to a lost Redis and lets each wait its full
 * timeout; with Redis down every health check (Boot's Redis indicator) then takes
 * {@code spring.data.redis.timeout}. Rejecting commands while disconnected makes them
 * fail at once, so health answers immediately and the starter's stores fall back at once
 * (docs/reliability.md, "Client timeouts").
 */
@Configuration(proxyBeanMethods = false)
class RedisClientConfiguration {

	@Bean
	LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
		return (options) -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

}
