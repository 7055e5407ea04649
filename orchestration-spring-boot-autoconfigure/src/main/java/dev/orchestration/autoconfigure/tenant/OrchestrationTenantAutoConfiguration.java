package dev.orchestration.autoconfigure.tenant;

import dev.orchestration.autoconfigure.InvalidOrchestrationConfigurationException;
import dev.orchestration.autoconfigure.OrchestrationAutoConfiguration;
import dev.orchestration.routing.RoutingChatModel;
import dev.orchestration.tenant.PrincipalTenantResolver;
import dev.orchestration.tenant.TenantResolver;
import dev.orchestration.tenant.internal.TenantAdvisor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link TenantResolver} (the tenant of the options by default, Spring Security's
 * principal with {@code llm.tenant.resolver=principal}, or the application's own bean)
 * and the advisor that applies it to every request of the auto-configured
 * {@code RoutingChatClient}.
 */
@AutoConfiguration(after = OrchestrationAutoConfiguration.class)
@ConditionalOnBean(RoutingChatModel.class)
@EnableConfigurationProperties(OrchestrationTenantProperties.class)
public final class OrchestrationTenantAutoConfiguration {

	static final String PRINCIPAL_CLASS = "org.springframework.security.core.context.SecurityContextHolder";

	@Bean
	@ConditionalOnMissingBean
	TenantAdvisor llmTenantAdvisor(TenantResolver resolver) {
		return new TenantAdvisor(resolver);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = OrchestrationTenantProperties.CONFIG_PREFIX, name = "resolver",
			havingValue = "requested", matchIfMissing = true)
	static class Requested {

		@Bean
		@ConditionalOnMissingBean
		TenantResolver llmTenantResolver() {
			return TenantResolver.requested();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = OrchestrationTenantProperties.CONFIG_PREFIX, name = "resolver",
			havingValue = "principal")
	@ConditionalOnClass(name = PRINCIPAL_CLASS)
	static class Principal {

		@Bean
		@ConditionalOnMissingBean
		TenantResolver llmTenantResolver(OrchestrationTenantProperties properties) {
			return new PrincipalTenantResolver(properties.getAnonymous());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = OrchestrationTenantProperties.CONFIG_PREFIX, name = "resolver",
			havingValue = "principal")
	@ConditionalOnMissingClass(PRINCIPAL_CLASS)
	static class PrincipalMissing {

		@Bean
		TenantResolver llmTenantResolver() {
			throw new InvalidOrchestrationConfigurationException("llm.tenant.resolver",
					"the resolver is 'principal' but Spring Security is not on the classpath",
					"add spring-boot-starter-security (or spring-security-core), or set llm.tenant.resolver=requested");
		}

	}

}
